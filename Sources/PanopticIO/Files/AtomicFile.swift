import Glibc
import PanopticModel
import SystemPackage

/// Writes files so that a failed or interrupted write never leaves a half
/// file: the bytes go to a new temporary file in the target's folder
/// (created exclusively, never through a symlink), are fsync'ed, get the old
/// file's permissions (and owner, where permitted), and are renamed over the
/// target; then the folder is fsync'ed so the rename itself survives a crash.
///
/// A symlinked target is written through (the file it points to is
/// replaced, the link stays); a FIFO or device is written in place.
public enum AtomicFile {
  /// A write into a folder that is not there: the fix, in the words of a shell.
  static func missingFolder(_ folder: String) -> String {
    "the folder \(folder) does not exist; make it first (mkdir -p \(FileNames.shellQuoted(folder)))"
  }

  /// Where a write to `path` really lands: the file a symlink points to, or
  /// `path` itself.
  public static func resolvedTarget(_ path: String) throws(PanopticError) -> String {
    try checkFolderLinks(of: path)
    guard let st = try SystemCall.stat(path, followSymlinks: false), st.isSymlink else { return path }
    // `/dev/stdout` on a pipe: the link leads to `pipe:[…]`, which has no
    // path; the link itself is opened and written into.
    if let through = try SystemCall.stat(path), !through.isRegular && !through.isDirectory { return path }
    guard let real = SystemCall.realPath(path) else {
      throw .io("is a symlink to a file that does not exist; write to the real path instead")
    }
    // Like the kernel's protected_symlinks: a link someone else planted is
    // followed only to a file of that same person, so a colleague cannot
    // aim our save at a file of ours (or of a third user) outside the folder.
    if st.ownerID != SystemCall.userID, let target = try SystemCall.stat(real), target.ownerID != st.ownerID {
      throw .conflict(
        "is a symlink owned by another user (uid \(st.ownerID)) to \(real), which is not theirs; panoptty will not write through it")
    }
    return real
  }

  /// The same rule for the folders on the way: a colleague's symlink
  /// planted as a folder of a shared tree (`gtFine/val/bonn -> ~/elsewhere`)
  /// is followed only into a folder of that same person.
  static func checkFolderLinks(of path: String) throws(PanopticError) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in parts {
      prefix += (prefix.isEmpty || prefix == "/" ? "" : "/") + part
      guard part != "." && part != "..", let st = try SystemCall.stat(prefix, followSymlinks: false), st.isSymlink,
        st.ownerID != SystemCall.userID
      else { continue }
      if let real = SystemCall.realPath(prefix), let target = try SystemCall.stat(real), target.ownerID != st.ownerID {
        throw .conflict(
          "\(prefix) is a symlink owned by another user (uid \(st.ownerID)) to \(real), which is not theirs; panoptty will not write through it")
      }
    }
  }

  /// Runs `body` with a descriptor on a temporary file in the same folder,
  /// then renames it over `path`. On any error the temporary file is
  /// removed and the target is untouched.
  /// `-` is standard output, written as a stream. `replacing: false` makes only a new file:
  /// a target that exists, or that another process creates meanwhile, is a `conflict`, and
  /// nothing is written over it.
  public static func write(
    to path: String, replacing: Bool = true, _ body: (FileDescriptor) throws(PanopticError) -> Void
  ) throws(PanopticError) {
    if path == InputFile.standardInputName { return try body(FileDescriptor.standardOutput) }
    let target = try resolvedTarget(path)
    let folder = FilePath(target).removingLastComponent().string
    let dir = folder.isEmpty ? "." : folder
    guard let dirStatus = try SystemCall.stat(dir), dirStatus.isDirectory else {
      throw .io(Self.missingFolder(dir))
    }
    let existing = try SystemCall.stat(target)
    if let existing, existing.isDirectory { throw .io("is a folder, not a file") }
    if existing != nil && !replacing { throw Self.existsAlready }
    if let existing, !existing.isRegular {
      // A FIFO or a device: write into it, never replace it.
      let fd = try SystemCall.open(target, .writeOnly)
      defer { SystemCall.close(fd) }
      try body(fd)
      return
    }
    let name = FilePath(target).lastComponent?.string ?? "file"
    removeStaleTemporaries(in: dir, for: name)
    let (tmp, fd) = try createTemporary(in: dir, for: name)
    do throws(PanopticError) {
      try body(fd)
      try settle(fd, name: name, replacing: existing)
      // Renamed while still open and locked: an unlocked temporary file is
      // one a killed writer left, and another writer may remove it.
      if replacing {
        try SystemCall.rename(tmp, target)
      } else {
        do {
          try SystemCall.renameNoReplace(tmp, target)
        } catch .os(let f) where f.code == EEXIST {
          throw Self.existsAlready
        }
      }
      SystemCall.close(fd)
    } catch {
      try? SystemCall.unlink(tmp)
      SystemCall.close(fd)
      throw error
    }
    try syncFolder(dir)
  }

  /// Writes bytes atomically (JSON, records); `replacing` as in `write(to:replacing:_:)`.
  public static func write(bytes: [UInt8], to path: String, replacing: Bool = true) throws(PanopticError) {
    try write(to: path, replacing: replacing) { (fd) throws(PanopticError) in try SystemCall.writeAll(fd, bytes) }
  }

  /// A new-file-only write found its target there (made by another process meanwhile).
  static let existsAlready = PanopticError.conflict("exists (another process made it meanwhile); nothing was written over it")

  /// The prefix of every temporary file panoptty makes beside `name`.
  /// Makes a written temporary file ready to replace `existing`: on disk,
  /// with the old file's mode, and its owner and group where we may keep
  /// them (only root, or the owner for the group, may; a refusal leaves ours).
  static func settle(_ fd: FileDescriptor, name: String, replacing existing: FileStatus?) throws(PanopticError) {
    try SystemCall.fsync(fd, context: "cannot write \(name)")
    let mode: mode_t = existing.map { mode_t($0.mode & 0o7777) } ?? (0o666 & ~SystemCall.umask())
    try SystemCall.fchmod(fd, mode)
    if let existing, existing.ownerID != SystemCall.userID || existing.groupID != SystemCall.groupID {
      do {
        try SystemCall.fchown(fd, uid: existing.ownerID, gid: existing.groupID)
      } catch .os(let f) where f.code == EPERM {
      }
    }
  }

  /// A long name (up to the 255 bytes a folder entry allows) is cut to 200
  /// bytes here, so the temporary name still fits beside it.
  public static func temporaryPrefix(for name: String) -> String {
    "." + FileNames.prefix(of: name, bytes: 200) + ".panoptty-"
  }

  /// A new file nobody else can have opened: O_EXCL and O_NOFOLLOW, mode
  /// 0600, flock'ed while it is written so a later writer can tell a live
  /// temporary file from one a killed process left behind.
  static func createTemporary(in dir: String, for name: String) throws(PanopticError) -> (String, FileDescriptor) {
    var attempts = 0
    while true {
      // The writer's pid is in the name, so a cleaner can tell a temp file
      // whose writer died from one whose writer has not locked it yet.
      let tmp = dir + "/" + temporaryPrefix(for: name) + "\(SystemCall.processID)-" + SystemCall.randomSuffix()
      do {
        let fd = try SystemCall.open(
          tmp, .writeOnly, options: [.create, .exclusiveCreate, .noFollow], permissions: [.ownerReadWrite])
        _ = try? SystemCall.flock(fd, exclusive: true, nonBlocking: true)
        return (tmp, fd)
      } catch .os(let f) where f.code == EEXIST && attempts < 16 {
        attempts += 1
      }
    }
  }

  /// Removes temporary files of `name` that no writer holds any more (a
  /// save killed with -9 leaves one). A writer locks its file from just
  /// after creating it until it is renamed, so a file that can be locked is
  /// abandoned — unless it is still empty and its writer (the pid in its
  /// name) is alive: then it is between its create and its lock. Symlinks
  /// and anything but plain files are left alone.
  /// What follows `temporaryPrefix` in the names of the sidecar files (`.NAME.panoptty-journal`
  /// and the others): never a temporary file, whoever can lock it.
  static let sidecarKinds: Set<String> = ["journal", "lock", "commit"]

  static func removeStaleTemporaries(in dir: String, for name: String) {
    let prefix = temporaryPrefix(for: name)
    for entry in SystemCall.folderEntries(dir) where entry.hasPrefix(prefix) {
      let suffix = entry.dropFirst(prefix.count)
      // The sidecars share the prefix and are no temporaries: the crash journal (7 letters,
      // which the old-name rule below would take for a leftover), the lock, the COCO commit.
      guard !AtomicFile.sidecarKinds.contains(String(suffix)) else { continue }
      let parts = suffix.split(separator: "-")
      let writer = parts.count == 2 ? Int32(parts[0]) : nil
      // This panoptty's names are PID-RANDOM; older ones were 6–8 random characters.
      guard writer != nil || (6...8).contains(suffix.count) else { continue }
      let path = dir + "/" + entry
      guard let fd = try? SystemCall.open(path, .readOnly, options: [.noFollow]) else { continue }
      defer { SystemCall.close(fd) }
      guard let st = try? SystemCall.fstat(fd), st.isRegular,
        (try? SystemCall.flock(fd, exclusive: true, nonBlocking: true)) == true
      else { continue }
      if st.identity.size == 0, let writer, SystemCall.processIsAlive(writer) { continue }
      try? SystemCall.unlink(path)
    }
  }

  /// Makes a rename in `dir` durable. File systems that cannot fsync a
  /// folder (EINVAL) have nothing to make durable.
  static func syncFolder(_ dir: String) throws(PanopticError) {
    let dfd = try SystemCall.open(dir, .readOnly, options: [.directory])
    defer { SystemCall.close(dfd) }
    do {
      try SystemCall.fsync(dfd)
    } catch .os(let f) where f.code == EINVAL {
    }
  }
}
