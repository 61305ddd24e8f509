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

extension Folders {
  /// Every regular file under `path` (and its subfolders), depth first with
  /// the names of each folder in byte order, so the list is the same on every
  /// run. Hidden names (`.x`, panoptty's sidecars) are skipped and symlinked
  /// folders are not entered (no cycles); a symlink to a file is listed.
  public static func files(under path: String) -> [String] { walk(path).files }

  /// The files under `path` as `files(under:)` lists them, and the symlinks
  /// met on the way whose target does not exist: a batch says which of them
  /// it would have read rather than skip a label file without a word.
  public static func walk(_ path: String) -> (files: [String], danglingLinks: [String], folders: [String]) {
    var out: [String] = []
    var dangling: [String] = []
    var folders: [String] = []
    walk(path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path, into: &out, dangling: &dangling, folders: &folders, depth: 0)
    return (out, dangling, folders)
  }

  private static func walk(_ dir: String, into out: inout [String], dangling: inout [String], folders: inout [String], depth: Int) {
    guard depth < 64 else { return }
    folders.append(dir)
    let names = SystemCall.folderEntries(dir).filter { !$0.hasPrefix(".") }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    for name in names {
      let p = dir + "/" + name
      guard let st = (try? SystemCall.stat(p, followSymlinks: false)) ?? nil else { continue }
      if st.isDirectory {
        walk(p, into: &out, dangling: &dangling, folders: &folders, depth: depth + 1)
      } else if st.isRegular {
        out.append(p)
      } else if st.isSymlink {
        let target = (try? SystemCall.stat(p)) ?? nil
        if target?.isRegular == true { out.append(p) } else if target == nil { dangling.append(p) }
      }
    }
  }

  /// What the symlink at `path` points to, as written in it (nil: no symlink).
  public static func linkTarget(_ path: String) -> String? { SystemCall.readLink(path) }

  /// Whether `path` is a folder (following symlinks).
  public static func isFolder(_ path: String) -> Bool { BinaryFile.isFolder(path) }

  /// Whether something exists at `path`.
  public static func exists(_ path: String) -> Bool { ((try? SystemCall.stat(path)) ?? nil) != nil }
}

extension Folders {
  /// Whether `path` is `-` or an existing FIFO, socket or device (written
  /// into as a stream, never replaced).
  public static func isStream(_ path: String) -> Bool {
    if path == "-" { return true }
    guard let st = (try? SystemCall.stat(path)) ?? nil else { return false }
    return !st.isRegular && !st.isDirectory
  }
}
