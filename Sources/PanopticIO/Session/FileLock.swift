import Glibc
import PanopticModel
import SystemPackage

/// One editor per label file. Two advisory `flock`s: on a sidecar
/// `.NAME.panoptty-lock` beside the real file (it says who holds it, and it
/// exists before the label file does), and on the label file itself, so two
/// names of one file (a symlink, a hard link) share one lock. The kernel
/// drops both when the process dies, even by kill -9.
public final class FileLock {
  public let path: String
  private var sidecar: FileDescriptor?
  private var target: FileDescriptor?
  private let labelPath: String
  /// What the refused caller can do instead: the editor can open the file
  /// read-only, `convert` or `demo` can only wait or write elsewhere.
  private let busyHint: String

  /// The editor's way out when another process holds the file.
  public static let editorHint = "open it with --read-only to look"

  public static func path(for labelPath: String) -> String {
    FileNames.sidecar(of: (try? AtomicFile.resolvedTarget(labelPath)) ?? labelPath, suffix: ".panoptty-lock")
  }

  /// The lock a writer that is not the file's editor takes (convert, `demo --force`, an
  /// editor's `w COPY`): it also refuses a file whose editor stopped with edits only its crash
  /// journal holds. Written over, the journal no longer fits the file and the edits cannot
  /// be recovered (a stranger lost an annotator's work that way, exit 0).
  public static func forWriting(_ labelPath: String, busyHint: String) throws(PanopticError) -> FileLock {
    let lock = try FileLock(labelPath: labelPath, busyHint: busyHint)
    let journal = EditJournal.path(for: labelPath)
    if (try? SystemCall.stat(journal)) ?? nil != nil {
      lock.release()
      throw .conflict(
        "has edits an editor that stopped left in \(journal); open it with panoptty edit to recover them (or drop them with --discard-recovery) before writing over it")
    }
    return lock
  }

  /// `forWriting` where the file can be written at all; nil for a missing or read-only folder,
  /// whose write then fails in its own words (a lock file there would fail first, in others).
  public static func forWritingWherePossible(_ labelPath: String, busyHint: String) throws(PanopticError) -> FileLock? {
    let folder = FileNames.folder(labelPath)
    guard FileStatus.of(folder)?.isDirectory == true, FileStatus.writeProtection(of: folder) == nil else { return nil }
    return try forWriting(labelPath, busyHint: busyHint)
  }

  /// Takes the lock or throws naming who holds it.
  public init(labelPath: String, busyHint: String = FileLock.editorHint) throws(PanopticError) {
    self.labelPath = labelPath
    self.busyHint = busyHint
    path = Self.path(for: labelPath)
    let (fd, writable) = try Self.openSidecar(path, busyHint: busyHint)
    sidecar = fd
    guard try SystemCall.flock(fd, exclusive: true, nonBlocking: true) else {
      SystemCall.close(fd)
      sidecar = nil
      // The caller names the file in front of the message.
      throw .conflict("being edited by \(Self.holder(of: path, waitingForIt: true) ?? "another panoptty"); \(busyHint)")
    }
    do throws(PanopticError) {
      try lockTarget()
      // A lock file another user's crashed editor left (not ours to write)
      // still locks: the flock on it is what counts.
      guard writable else { return }
      let who = "\(SystemCall.userName())@\(SystemCall.hostName()) pid \(SystemCall.processID) since \(SystemCall.utcTimestamp())\n"
      do throws(PanopticError) {
        try SystemCall.ftruncate(fd, 0, context: "cannot write the lock file \(path)")
        try SystemCall.pwriteAll(fd, Array(who.utf8), at: 0, context: "cannot write the lock file \(path)")
      } catch {
        throw error.isDiskFull ? error.withHint(Self.diskFullHint) : error
      }
    } catch {
      release()
      throw error
    }
  }

  /// Opens the sidecar without following a symlink an attacker planted, and
  /// only if it is a plain file (never a device or a FIFO).
  /// A lock file that exists but is not ours to write (another user's
  /// editor left it) is opened read-only: `flock` works on it all the same.
  static func openSidecar(_ path: String, busyHint: String = editorHint) throws(PanopticError) -> (FileDescriptor, writable: Bool) {
    let elsewhere = busyHint == editorHint ? "open with --read-only to look, or work on a writable copy" : "write to another folder"
    let fd: FileDescriptor
    var writable = true
    do {
      fd = try SystemCall.open(path, .readWrite, options: [.create, .noFollow, .nonBlocking], permissions: [.ownerReadWrite, .groupRead, .otherRead])
    } catch .os(let f) where f.code == EACCES && (try? SystemCall.stat(path, followSymlinks: false)) != nil {
      do throws(PanopticError) {
        fd = try SystemCall.open(path, .readOnly, options: [.noFollow, .nonBlocking])
        writable = false
      } catch {
        throw error.prefixed("cannot open the lock file \(path)").withHint(elsewhere)
      }
    } catch .os(let f) where f.code == ELOOP {
      throw .conflict("\(path) is a symlink; panoptty will not follow it (remove it to continue)")
    } catch {
      throw error.prefixed("cannot create the lock file \(path)").withHint(error.isDiskFull ? diskFullHint : elsewhere)
    }
    do throws(PanopticError) {
      guard try SystemCall.fstat(fd).isRegular else {
        throw PanopticError.conflict("\(path) is not a regular file; remove it to continue")
      }
    } catch {
      SystemCall.close(fd)
      throw error
    }
    return (fd, writable)
  }

  /// Locks the label file's current inode (again after each save, which
  /// renames a new inode into place). No file yet: nothing to lock.
  public func lockTarget() throws(PanopticError) {
    if let t = target {
      SystemCall.close(t)
      target = nil
    }
    let real = try AtomicFile.resolvedTarget(labelPath)
    guard let st = try SystemCall.stat(real), st.isRegular else { return }
    let fd = try SystemCall.open(real, .readOnly, options: [.noFollow, .nonBlocking])
    guard try SystemCall.flock(fd, exclusive: true, nonBlocking: true) else {
      SystemCall.close(fd)
      throw .conflict("being edited under another name (a link to the same file); \(busyHint)")
    }
    target = fd
  }

  /// Who holds the editor lock of `labelPath` now, or nil when nobody does,
  /// found without taking it: the lock file, if there is one, is opened
  /// read-only and probed with a shared non-blocking `flock`, so `status`
  /// creates nothing and works in a folder it cannot write.
  public static func currentHolder(of labelPath: String) -> String? {
    let p = path(for: labelPath)
    guard let fd = try? SystemCall.open(p, .readOnly, options: [.noFollow, .nonBlocking]) else { return nil }
    defer { SystemCall.close(fd) }
    guard (try? SystemCall.fstat(fd))?.isRegular == true,
      let free = try? SystemCall.flock(fd, exclusive: false, nonBlocking: true)
    else { return nil }
    return free ? nil : holder(of: p) ?? "another panoptty"
  }

  /// What the lock file says about its holder (one line, control characters
  /// dropped). `waitingForIt`: the holder may have taken the lock a moment
  /// ago and not written its line yet, so an empty file is read again for
  /// up to a tenth of a second before the message settles for no name.
  static func holder(of path: String, waitingForIt: Bool = false) -> String? {
    for attempt in 0..<(waitingForIt ? 10 : 1) {
      if attempt > 0 { SystemCall.sleep(milliseconds: 10) }
      guard let fd = try? SystemCall.open(path, .readOnly, options: [.noFollow, .nonBlocking]) else { return nil }
      let bytes = try? SystemCall.readAll(fd, limit: 4096)
      SystemCall.close(fd)
      let text = String(decoding: (bytes ?? []).prefix(200), as: UTF8.self).filter {
        !$0.isASCII || ($0.asciiValue! >= 32 && $0.asciiValue! != 127)
      }
      if !text.isEmpty { return text }
    }
    return nil
  }

  deinit { release() }

  /// A full disk is not the lock file's fault: the hint says what frees the way.
  static let diskFullHint = "the disk is full: free some space and try again (nothing was changed)"

  /// Releases the locks and removes the sidecar.
  public func release() {
    if let t = target { SystemCall.close(t) }
    target = nil
    guard let fd = sidecar else { return }
    try? SystemCall.unlink(path)
    SystemCall.close(fd)
    sidecar = nil
  }
}

extension PanopticError {
  /// The disk (or the user's quota) is full: nothing panoptty does next can write either, so
  /// messages say to free space rather than blame the file being written.
  public var isDiskFull: Bool {
    if case .os(let f) = self { return f.code == ENOSPC || f.code == EDQUOT }
    return false
  }

  /// The same error with a hint after it (`…; do this`).
  func withHint(_ hint: String) -> PanopticError {
    switch self {
    case .os(var f):
      f.message += "; " + hint
      return .os(f)
    default:
      return .io(description + "; " + hint)
    }
  }
}
