import Glibc
import PanopticModel
import SystemPackage

/// The exclusive lock of one COCO JSON, held around every read-modify-write
/// of it (issue 9 item 5: forty parallel `convert --to coco` into one folder
/// must keep forty entries, not one).
///
/// An `flock` on the sidecar `.NAME.json.panoptty-lock` beside the real file
/// (flock works on NFSv4 too). The sidecar is opened with `O_NOFOLLOW` and
/// `O_CLOEXEC`, must be a regular file, and is never unlinked: removing a
/// lock file while another process waits on it would let a third one lock a
/// fresh inode and run alongside. It is opened read-only (flock needs no
/// write access), so colleagues in a shared group folder can all take it
/// whoever created it. The kernel drops the lock when the process dies.
final class COCOJSONLock {
  let path: String
  private var fd: FileDescriptor?

  /// `.NAME.json.panoptty-lock` beside `resolvedJSON` (the real file, not a symlink to it).
  static func path(forJSON resolvedJSON: String) -> String {
    FileNames.sidecar(of: resolvedJSON, suffix: ".panoptty-lock")
  }

  /// Waits for and takes the lock of `resolvedJSON`. `display` names the
  /// JSON in messages.
  init(json resolvedJSON: String, display: String) throws(PanopticError) {
    path = Self.path(forJSON: resolvedJSON)
    let fd: FileDescriptor
    do {
      fd = try SystemCall.open(
        path, .readOnly, options: [.create, .noFollow, .nonBlocking], permissions: FilePermissions(rawValue: 0o666))
    } catch .os(let f) where f.code == ELOOP {
      throw .conflict("\(display): its lock file \(path) is a symlink; panoptty will not follow it (remove it)")
    } catch {
      throw error.prefixed("\(display): cannot open its lock file \(path)")
    }
    do throws(PanopticError) {
      guard try SystemCall.fstat(fd).isRegular else {
        throw .conflict("\(display): its lock file \(path) is not a regular file (remove it)")
      }
      _ = try SystemCall.flock(fd, exclusive: true, nonBlocking: false, context: "\(display): cannot lock \(path)")
    } catch {
      SystemCall.close(fd)
      throw error
    }
    self.fd = fd
  }

  /// Releases the lock now (closing the descriptor releases it).
  func release() {
    if let fd { SystemCall.close(fd) }
    fd = nil
  }

  deinit { release() }
}
