import Glibc
import PanopticModel

/// Folders and renames for the commands that lay out files (`demo`, `convert`).
public enum Folders {
  /// Creates `path` and its parents (like `mkdir -p`); an existing folder is fine.
  public static func create(_ path: String) throws(PanopticError) {
    var built = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      built += "/" + part
      if let st = try SystemCall.stat(built) {
        guard st.isDirectory else { throw .io("\(built) exists and is not a folder") }
        continue
      }
      do {
        try SystemCall.check("cannot create the folder \(built)") { mkdir(built, 0o777) }
      } catch .os(let f) where f.code == EEXIST {
      }
    }
  }

  public static func rename(_ from: String, to: String) throws(PanopticError) {
    try SystemCall.rename(from, to)
  }

  /// The names in a folder (no `.` and `..`), unsorted; empty when unreadable.
  public static func entries(_ path: String) -> [String] { SystemCall.folderEntries(path) }
}
