import Glibc
import PanopticModel
import SystemPackage

/// The exclusive lock of one COCO JSON, held around every read-modify-write
/// of it (issue 9 item 5: forty parallel `convert --to coco` into one folder
/// must keep forty entries, not one).
///
/// An `flock` on the sidecar `.NAME.json.panoptty-lock` beside the real file
/// (flock works on NFSv4 too). The sidecar is opened with `O_NOFOLLOW` and
/// `O_CLOEXEC`, must be a regular file, and is opened read-only (flock needs
/// no write access), so colleagues in a shared group folder can all take it
/// whoever created it. The kernel drops the lock when the process dies.
///
/// The holder removes the sidecar before it lets go, so no lock file is left
/// beside the JSON. That is safe because a waiter, once it has the lock,
/// checks that the name still leads to the inode it locked: if the holder
/// removed it meanwhile (and a third process may have made and locked a new
/// one), the waiter's lock is on nothing and it starts over.
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
    while true {
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
        let locked = try SystemCall.fstat(fd)
        guard locked.isRegular else {
          throw .conflict("\(display): its lock file \(path) is not a regular file (remove it)")
        }
        _ = try SystemCall.flock(fd, exclusive: true, nonBlocking: false, context: "\(display): cannot lock \(path)")
        if let now = try SystemCall.stat(path, followSymlinks: false), now.identity.isSameFile(as: locked.identity) {
          self.fd = fd
          return
        }
      } catch {
        SystemCall.close(fd)
        throw error
      }
      // The holder we waited for removed the file: this lock is on nothing.
      SystemCall.close(fd)
    }
  }

  /// Removes the lock file and releases the lock (closing the descriptor
  /// releases it). A lock file this user may not remove stays; it still works.
  func release() {
    guard let fd else { return }
    try? SystemCall.unlink(path)
    SystemCall.close(fd)
    self.fd = nil
  }

  deinit { release() }
}
