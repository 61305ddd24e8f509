import PanopticModel
import SystemPackage

extension AtomicFile {
  /// One file of `writeTogether`: where it goes, and what to write into it.
  struct Member {
    var path: String
    var body: (FileDescriptor) throws(PanopticError) -> Void
  }

  /// Writes files that belong together (a Cityscapes `*_instanceIds.png`
  /// and the `*_labelIds.png` / `*_labelTrainIds.png` derived from it) with
  /// `write`'s guarantees for each, and stages every one of them before
  /// renaming any: an error in any file (a full disk, a folder entry that
  /// is a directory) leaves all of them as they were. The renames follow
  /// the order given, so the file that matters is listed last and a crash
  /// between two renames leaves it, not a derived file, at its old version.
  /// An error names the member's path, except for the first member, whose
  /// path the caller names as for any other write.
  static func writeTogether(_ members: [Member]) throws(PanopticError) {
    var staged: [StagedFile] = []
    for (i, m) in members.enumerated() {
      do throws(PanopticError) {
        let target = try resolvedTarget(m.path)
        let folder = FilePath(target).removingLastComponent().string
        guard let dir = try SystemCall.stat(folder.isEmpty ? "." : folder), dir.isDirectory else {
          throw .io(AtomicFile.missingFolder(folder.isEmpty ? "." : folder))
        }
        let existing = try SystemCall.stat(target)
        if let existing, existing.isDirectory { throw .io("is a folder, not a file") }
        if let existing, !existing.isRegular { throw .io("is not a regular file; it is replaced with the label file, never written in place") }
        staged.append(try StagedFile.create(for: target, existing: existing, m.body))
      } catch {
        for s in staged { s.discard() }
        throw i == members.count - 1 ? error : error.prefixed(m.path)
      }
    }
    var folders: [String] = []
    for (i, s) in staged.enumerated() {
      do throws(PanopticError) {
        try SystemCall.rename(s.temporary, s.target)
      } catch {
        for rest in staged[i...] { rest.discard() }
        throw i == staged.count - 1 ? error : error.prefixed(members[i].path)
      }
      s.close()
      let folder = FilePath(s.target).removingLastComponent().string
      if !folders.contains(folder) { folders.append(folder) }
    }
    for folder in folders { try syncFolder(folder.isEmpty ? "." : folder) }
  }
}
