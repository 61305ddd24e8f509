import Glibc
import PanopticModel
import SystemPackage

/// A new version of a file, complete and durable under a temporary name
/// beside its target, waiting for its rename.
///
/// `AtomicFile.write` renames as soon as the bytes are down; a COCO save
/// needs two files staged before either is renamed (the PNG and the JSON
/// are one commit, see `COCOPairCommit`), so this is `AtomicFile`'s first
/// half on its own, built from the same pieces: a temporary file created
/// exclusively and never through a symlink (`AtomicFile.createTemporary`),
/// locked while it lives so stale-file cleaning leaves it alone, fsync'ed,
/// with the old file's permissions and (where permitted) owner.
struct StagedFile {
  let temporary: String
  let target: String
  let fd: FileDescriptor

  /// Stages `body`'s bytes for `target` (a resolved path: no symlink).
  /// `existing` is the target's status (its mode and owner are kept); nil
  /// for a new file. On error nothing is left behind.
  static func create(
    for target: String, existing: FileStatus?, _ body: (FileDescriptor) throws(PanopticError) -> Void
  ) throws(PanopticError) -> StagedFile {
    let dir = FileNames.folder(target)
    let name = FileNames.lastComponent(target)
    AtomicFile.removeStaleTemporaries(in: dir, for: name)
    let (tmp, fd) = try AtomicFile.createTemporary(in: dir, for: name)
    do throws(PanopticError) {
      try body(fd)
      try AtomicFile.settle(fd, name: name, replacing: existing)
    } catch {
      try? SystemCall.unlink(tmp)
      SystemCall.close(fd)
      throw error
    }
    return StagedFile(temporary: tmp, target: target, fd: fd)
  }

  /// Closes the descriptor (after the rename: its lock goes with it).
  func close() {
    SystemCall.close(fd)
  }

  /// Removes the temporary file and closes it (the commit did not happen).
  func discard() {
    try? SystemCall.unlink(temporary)
    SystemCall.close(fd)
  }
}
