import ArgumentParser
import Foundation
import PanopticModel

/// Shell-completion kinds shared by the commands (`panoptty
/// --generate-completion-script bash|zsh|fish`).
extension CompletionKind {
  /// Label files: any file or folder (PNGs, folders of them, `-`).
  static var labelFile: CompletionKind { .file() }
  /// COCO panoptic JSONs.
  static var jsonFile: CompletionKind { .file(extensions: ["json"]) }
  /// `--classes`: a built-in catalog name or a catalog JSON.
  static var catalog: CompletionKind {
    .custom { _, _, prefix in NameOrFile.candidates(names: ClassCatalog.builtInNames, extensions: ["json"], prefix: prefix) }
  }
  /// `--keymap`: a built-in keymap name or a keymap file.
  static var keymap: CompletionKind {
    .custom { _, _, prefix in NameOrFile.candidates(names: ["default", "vim"], extensions: [], prefix: prefix) }
  }
}

/// Candidates for an option that takes a built-in name or a file: the names,
/// then the entries of the folder the prefix names (folders end in `/`;
/// files filtered by extension when `extensions` is not empty).
enum NameOrFile {
  static func candidates(names: [String], extensions: [String], prefix: String) -> [String] {
    var out = names.filter { $0.hasPrefix(prefix) }
    let slash = prefix.lastIndex(of: "/")
    let dirPart = slash.map { String(prefix[...$0]) } ?? ""
    let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let expanded = dirPart.hasPrefix("~/") ? NSHomeDirectory() + dirPart.dropFirst() : dirPart
    let fm = FileManager.default
    guard let entries = try? fm.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded) else { return out }
    for entry in entries.sorted() where entry.hasPrefix(namePart) {
      if entry.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
      var isDir: ObjCBool = false
      _ = fm.fileExists(atPath: expanded + entry, isDirectory: &isDir)
      if isDir.boolValue {
        out.append(dirPart + entry + "/")
      } else if extensions.isEmpty || extensions.contains((entry as NSString).pathExtension.lowercased()) {
        out.append(dirPart + entry)
      }
    }
    return out
  }
}
