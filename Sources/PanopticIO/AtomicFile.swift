import Foundation
import PanopticCore

/// Writes files so that a failed or interrupted write never leaves a half file:
/// the bytes go to a temporary file in the target's folder, are fsync'ed, and
/// are renamed over the target; then the folder is fsync'ed so the rename
/// itself survives a crash. The target keeps its permissions.
public enum AtomicFile {
  /// Runs `body` with a temporary path in the same folder, then renames it
  /// over `path`. On any error the temporary file is removed and the target
  /// is untouched.
  public static func write(
    to path: String, _ body: (String) throws -> Void
  ) throws(PanopticError) {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
      throw .io("the folder \(dir) does not exist")
    }
    var template = Array((dir + "/." + url.lastPathComponent + ".panoptty-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw .io(String(cString: strerror(errno))) }
    close(fd)
    let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    do {
      try body(tmp)
      var st = stat()
      let mode: mode_t
      if stat(path, &st) == 0 {
        mode = st.st_mode & 0o7777
      } else {
        let mask = umask(0)
        umask(mask)
        mode = 0o666 & ~mask
      }
      chmod(tmp, mode)
      guard rename(tmp, path) == 0 else { throw PanopticError.io(String(cString: strerror(errno))) }
      let dfd = open(dir, O_RDONLY | O_DIRECTORY)
      if dfd >= 0 {
        fsync(dfd)
        close(dfd)
      }
    } catch {
      unlink(tmp)
      throw PanopticError.wrap(error)
    }
  }

  /// Writes bytes atomically (JSON, journals).
  public static func write(data: Data, to path: String) throws(PanopticError) {
    try write(to: path) { (tmp: String) throws in
      let fd = open(tmp, O_WRONLY | O_TRUNC)
      guard fd >= 0 else { throw PanopticError.io(String(cString: strerror(errno))) }
      defer { close(fd) }
      var failure: Int32 = 0
      data.withUnsafeBytes { raw in
        var off = 0
        while off < raw.count {
          let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
          if n < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          off += n
        }
      }
      if failure == 0 && fsync(fd) != 0 { failure = errno }
      if failure != 0 { throw PanopticError.io(String(cString: strerror(failure))) }
    }
  }
}

extension PanopticError {
  /// Keeps a PanopticError as it is and turns anything else into `.io`.
  static func wrap(_ error: any Error) -> PanopticError {
    if let e = error as? PanopticError { return e }
    return .io(ioReason(error))
  }
}
