import Foundation
import PanopticCore

/// One editor per label file: an advisory `flock` on `.NAME.panoptty-lock`
/// beside it, holding who has it. The kernel drops the lock when its process
/// dies (even by kill -9), so a lock left by a dead editor is simply taken.
public final class FileLock {
  public let path: String
  private var fd: Int32

  public static func path(for labelPath: String) -> String {
    let url = URL(fileURLWithPath: labelPath)
    return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".panoptty-lock").path
  }

  /// Takes the lock or throws naming who holds it.
  public init(labelPath: String) throws(PanopticError) {
    path = Self.path(for: labelPath)
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .io(
        "cannot create the lock file \(path) (\(String(cString: strerror(errno)))); open with --read-only to look, or work on a writable copy")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
      close(fd)
      fd = -1
      throw .usage(
        "\(URL(fileURLWithPath: labelPath).lastPathComponent) is being edited by \(holder?.isEmpty == false ? holder! : "another panoptty"); open it with --read-only to look")
    }
    let user = ProcessInfo.processInfo.environment["USER"] ?? String(getuid())
    let who = "\(user)@\(ProcessInfo.processInfo.hostName) pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
    _ = ftruncate(fd, 0)
    _ = who.withCString { pwrite(fd, $0, strlen($0), 0) }
  }

  deinit { release() }

  /// Releases the lock and removes the file.
  public func release() {
    guard fd >= 0 else { return }
    unlink(path)
    close(fd)
    fd = -1
  }
}
