import CPanopticSystem
import Glibc
import PanopticModel
import SystemPackage

/// The one place system calls are made. Each is retried on EINTR here and
/// nowhere else, and each failure keeps its errno inside a `PanopticError`
/// (`.os`) whose message is the OS reason, optionally after a context.
enum SystemCall {

  static func failure(_ errno: Errno, _ context: String = "") -> PanopticError {
    var reason = String(cString: strerror(errno.rawValue))
    // strerror's words name the symptom, not the fix.
    if errno == .tooManySymbolicLinkLevels {
      // ELOOP is also what O_NOFOLLOW gives for a link panoptty will not follow.
      reason = "too many levels of symbolic links (a link that loops, or a link where panoptty follows none); give the real file's path"
    }
    return .os(OSFailure(code: errno.rawValue, message: context.isEmpty ? reason : "\(context): \(reason)"))
  }

  /// Runs a C call that returns -1 and sets errno on failure, retrying EINTR.
  @discardableResult
  static func check(_ context: @autoclosure () -> String = "", _ body: () -> Int32) throws(PanopticError) -> Int32 {
    while true {
      let rc = body()
      if rc != -1 { return rc }
      let e = Errno(rawValue: errno)
      if e == .interrupted { continue }
      throw failure(e, context())
    }
  }

  /// Runs a swift-system call (which retries EINTR itself) and turns its
  /// `Errno` into a `PanopticError`.
  static func run<T>(_ context: @autoclosure () -> String = "", _ body: () throws -> T) throws(PanopticError) -> T {
    do {
      return try body()
    } catch let e as Errno {
      throw failure(e, context())
    } catch let e as PanopticError {
      throw e
    } catch {
      throw .io(context().isEmpty ? "\(error)" : "\(context()): \(error)")
    }
  }

  // MARK: - Files

  /// Calls `body` with the name the system knows `path` by: its bytes, with the non-UTF-8 ones
  /// put back (see `FileNameBytes`). Every path reaches the system through here.
  static func withPath<T>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
    guard FileNameBytes.hasRawBytes(path) else { return try path.withCString(body) }
    let bytes = FileNameBytes.bytes(path).map { CChar(bitPattern: $0) } + [0]
    return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
  }

  /// A name the system gave back, its non-UTF-8 bytes escaped rather than lost.
  static func name(_ p: UnsafePointer<CChar>) -> String {
    FileNameBytes.string(UnsafeRawBufferPointer(start: p, count: strlen(p)))
  }

  static func open(
    _ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions = [],
    permissions: FilePermissions? = nil, context: String = ""
  ) throws(PanopticError) -> FileDescriptor {
    try run(context) {
      try withPath(path) { name in
        try FileDescriptor.open(FilePath(platformString: name), mode, options: options.union(.closeOnExec), permissions: permissions)
      }
    }
  }

  static func close(_ fd: FileDescriptor) {
    // close(2) must not be retried on EINTR on Linux: the descriptor is gone either way.
    try? fd.close()
  }

  static func fsync(_ fd: FileDescriptor, context: String = "") throws(PanopticError) {
    try check(context) { Glibc.fsync(fd.rawValue) }
  }

  static func fchmod(_ fd: FileDescriptor, _ mode: mode_t, context: String = "") throws(PanopticError) {
    try check(context) { Glibc.fchmod(fd.rawValue, mode) }
  }

  static func fchown(_ fd: FileDescriptor, uid: uid_t, gid: gid_t, context: String = "") throws(PanopticError) {
    try check(context) { Glibc.fchown(fd.rawValue, uid, gid) }
  }

  static func rename(_ from: String, _ to: String, context: String = "") throws(PanopticError) {
    try check(context) { withPath(from) { a in withPath(to) { b in Glibc.rename(a, b) } } }
  }

  /// Renames `from` to `to` only if `to` does not exist (EEXIST otherwise), atomically: two
  /// writers of one new file cannot both think they made it. File systems without
  /// renameat2's no-replace flag get link(2) and unlink(2), which is as atomic; only where
  /// neither exists (no hard links either) is it a check and a rename.
  static func renameNoReplace(_ from: String, _ to: String, context: String = "") throws(PanopticError) {
    do {
      try check(context) { withPath(from) { a in withPath(to) { b in csystem_rename_noreplace(a, b) } } }
      return
    } catch .os(let f) where f.code == EINVAL || f.code == ENOSYS {
    }
    do {
      try check(context) { withPath(from) { a in withPath(to) { b in Glibc.link(a, b) } } }
      try? unlink(from)
      return
    } catch .os(let f) where f.code == EPERM || f.code == ENOTSUP || f.code == EOPNOTSUPP {
    }
    if try stat(to, followSymlinks: false) != nil { throw failure(.fileExists, context) }
    try rename(from, to, context: context)
  }

  /// Removes a folder if it is empty; false when it is not (or is gone, or cannot be).
  @discardableResult
  static func removeEmptyFolder(_ path: String) -> Bool {
    withPath(path) { Glibc.rmdir($0) } == 0
  }

  /// Removes a file; a file that is already gone is not an error.
  static func unlink(_ path: String, context: String = "") throws(PanopticError) {
    do {
      try check(context) { withPath(path) { Glibc.unlink($0) } }
    } catch .os(let f) where f.code == ENOENT {
      return
    }
  }

  /// Takes or tries an flock; false when `nonBlocking` and someone holds it.
  static func flock(_ fd: FileDescriptor, exclusive: Bool, nonBlocking: Bool, context: String = "") throws(PanopticError) -> Bool {
    let op = (exclusive ? LOCK_EX : LOCK_SH) | (nonBlocking ? LOCK_NB : 0)
    do {
      try check(context) { csystem_flock(fd.rawValue, op) }
      return true
    } catch .os(let f) where f.code == EWOULDBLOCK {
      return false
    }
  }

  static func unlock(_ fd: FileDescriptor) {
    _ = try? check { csystem_flock(fd.rawValue, LOCK_UN) }
  }

  static func ftruncate(_ fd: FileDescriptor, _ size: Int64, context: String = "") throws(PanopticError) {
    try check(context) { Glibc.ftruncate(fd.rawValue, off_t(size)) }
  }

  static func writeAll(_ fd: FileDescriptor, _ bytes: some Sequence<UInt8>, context: String = "") throws(PanopticError) {
    _ = try run(context) { try fd.writeAll(bytes) }
  }

  static func pwriteAll(_ fd: FileDescriptor, _ bytes: [UInt8], at offset: Int64, context: String = "") throws(PanopticError) {
    _ = try run(context) { try fd.writeAll(toAbsoluteOffset: offset, bytes) }
  }

  /// Reads the whole file (or stream) behind `fd`, refusing more than `limit` bytes.
  /// `magic`: the input must start with one of these (checked on the first
  /// bytes, so a stream of junk is refused before it is read to the limit).
  static func readAll(
    _ fd: FileDescriptor, limit: Int, context: String = "", magic: [[UInt8]] = []
  ) throws(PanopticError) -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var checked = magic.isEmpty
    while true {
      let n = try run(context) { try chunk.withUnsafeMutableBytes { try fd.read(into: $0) } }
      if !checked && (n == 0 || out.count + n >= magic.map(\.count).max()!) {
        let head = out + chunk[0..<n]
        guard magic.contains(where: { head.starts(with: $0) }) else {
          throw .badImage((context.isEmpty ? "" : context + ": ") + "not a PNG file (wrong signature)")
        }
        checked = true
      }
      if n == 0 { return out }
      guard out.count + n <= limit else {
        throw .tooLarge((context.isEmpty ? "" : context + ": ") + "more than \(limit) bytes; pass --no-limits if the file is trusted")
      }
      out.append(contentsOf: chunk[0..<n])
    }
  }

  static func fstat(_ fd: FileDescriptor, context: String = "") throws(PanopticError) -> FileStatus {
    FileStatus(try run(context) { try fd.stat() })
  }

  /// stat (following symlinks) or lstat; nil when the path does not exist.
  static func stat(_ path: String, followSymlinks: Bool = true) throws(PanopticError) -> FileStatus? {
    do {
      return FileStatus(try withPath(path) { try FilePath(platformString: $0).stat(followTargetSymlink: followSymlinks) })
    } catch let e as Errno where e == .noSuchFileOrDirectory || e == .notDirectory {
      return nil
    } catch let e as Errno {
      throw failure(e, path)
    } catch {
      throw .io("\(path): \(error)")
    }
  }

  /// The canonical absolute path (symlinks resolved); nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let p = withPath(path, { Glibc.realpath($0, nil) }) else { return nil }
    defer { free(p) }
    return name(p)
  }

  /// What a symlink points to, as written in it; nil when `path` is no symlink.
  static func readLink(_ path: String) -> String? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = withPath(path) { p in buffer.withUnsafeMutableBytes { Glibc.readlink(p, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) } }
    guard n > 0 else { return nil }
    return FileNameBytes.string(buffer[..<n])
  }

  /// The names in a folder (no `.`/`..`); empty when it cannot be read.
  static func folderEntries(_ path: String) -> [String] {
    guard let dir = withPath(path, { opendir($0) }) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        FileNameBytes.string(raw.prefix { $0 != 0 })
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  static func currentDirectory() -> String {
    guard let p = getcwd(nil, 0) else { return "." }
    defer { free(p) }
    return name(p)
  }

  /// access(2) W_OK: whether this process may write `path`.
  static func mayWrite(_ path: String) -> Bool { withPath(path) { access($0, W_OK) } == 0 }

  /// Why this process may not write `path` in the OS's own words
  /// ("Read-only file system", "Permission denied"), or nil when it may.
  static func writeDenial(_ path: String) -> String? {
    guard withPath(path, { access($0, W_OK) }) != 0 else { return nil }
    return String(cString: strerror(errno))
  }

  static var processID: Int32 { getpid() }

  /// Waits (a retry's pause); a signal may cut it short, which is fine.
  static func sleep(milliseconds: Int) {
    var ts = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    _ = nanosleep(&ts, nil)
  }

  /// Whether a process with this pid exists on this machine (kill with signal 0).
  static func processIsAlive(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
  }
  static var groupID: gid_t { getgid() }
  static var userID: uid_t { getuid() }

  static func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    guard gethostname(&buf, buf.count - 1) == 0 else { return "localhost" }
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func userName() -> String {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return String(getuid())
  }

  /// The process's umask, read once. Reading it with umask(0) and setting it back opens a
  /// window in which every other thread creates files with no mask: `convert -j 8` left
  /// thousands of PNGs 0666 under umask 022. Linux says it without changing it
  /// (/proc/self/status, "Umask:"); the umask(0) dance is the fallback, run once, under the
  /// lazy global's lock, at start-up (`ProcessStart.prepare()`), before any thread starts.
  static func umask() -> mode_t { processUmask }

  private static let processUmask: mode_t = {
    if let fd = try? open("/proc/self/status", .readOnly),
      let bytes = try? readAll(fd, limit: 1 << 16)
    {
      close(fd)
      for line in bytes.split(separator: UInt8(ascii: "\n")) where line.starts(with: Array("Umask:".utf8)) {
        let digits = line.dropFirst(6).filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
        if !digits.isEmpty, let m = mode_t(String(decoding: digits, as: UTF8.self), radix: 8) { return m }
      }
    }
    let m = Glibc.umask(0)
    Glibc.umask(m)
    return m
  }()

  static func now() -> (seconds: Int64, nanoseconds: Int64) {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return (Int64(ts.tv_sec), Int64(ts.tv_nsec))
  }

  /// Now as `2026-11-27T08:40:01Z`.
  static func utcTimestamp() -> String {
    var t = time(nil)
    var parts = tm()
    gmtime_r(&t, &parts)
    var buf = [CChar](repeating: 0, count: 32)
    let n = strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
    return String(decoding: buf.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func randomSuffix() -> String {
    var g = SystemRandomNumberGenerator()
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    return String((0..<8).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
  }
}

// MARK: - Memory maps and raw writes (MappedFile, the COCO JSON writer)

extension SystemCall {
  /// Maps `length` bytes of `fd` read-only and private (a later change to the
  /// file by someone else is not promised to show, and we never write).
  static func mapReadOnly(_ fd: FileDescriptor, length: Int, context: String = "") throws(PanopticError)
    -> UnsafeMutableRawPointer
  {
    guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd.rawValue, 0), base != MAP_FAILED else {
      throw failure(Errno(rawValue: errno), context)
    }
    return base
  }

  static func unmap(_ base: UnsafeMutableRawPointer, length: Int) {
    munmap(base, length)
  }

  /// Drops mapped pages from this process (`MADV_DONTNEED`): they stay in the
  /// page cache and fault back in if touched, so a front-to-back pass over a
  /// 200 MB file does not count all of it in the RSS. Advice only: no error.
  static func dropPages(_ base: UnsafeMutableRawPointer, length: Int) {
    guard length > 0 else { return }
    _ = madvise(base, length, MADV_DONTNEED)
  }

  static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

  /// Writes all of `buffer` (straight from a mapping: no copy into an array).
  static func writeAll(_ fd: FileDescriptor, buffer: UnsafeRawBufferPointer, context: String = "") throws(PanopticError) {
    _ = try run(context) { try fd.writeAll(buffer) }
  }
}
