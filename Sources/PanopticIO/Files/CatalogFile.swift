import Foundation
import PanopticModel

/// Class catalogs from JSON files (`--classes FILE`, a COCO JSON's
/// `categories`).
public enum CatalogFile {
  /// A built-in catalog by name, or the file at `pathOrName`.
  public static func load(_ pathOrName: String) throws(PanopticError) -> ClassCatalog {
    if let builtIn = ClassCatalog.builtIn(named: pathOrName) { return builtIn }
    let bytes = try InputFile.with(pathOrName, maxStreamBytes: 1 << 26) { (input) throws(PanopticError) in
      try input.readAll(limit: 1 << 26)
    }
    let name = FileNames.lastComponent(FileNames.deletingExtension(pathOrName))
    return try parse(json: Data(bytes), name: name)
  }

  /// Parses the `panoptic_coco_categories.json` shape: a list of
  /// `{id, name, isthing, color}` (supercategory optional), or an object with
  /// a `categories` list (a whole COCO panoptic JSON).
  public static func parse(json data: Data, name: String) throws(PanopticError) -> ClassCatalog {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .badCatalog("not valid JSON (\(FoundationJSON.parseError(error)))")
    }
    let list: [Any]
    if let l = root as? [Any] {
      list = l
    } else if let obj = root as? [String: Any], let l = obj["categories"] as? [Any] {
      list = l
    } else {
      throw .badCatalog("expected a list of categories or an object with \"categories\"")
    }
    if list.isEmpty { throw .badCatalog("the category list is empty") }
    var classes: [ClassInfo] = []
    var seen = Set<Int>()
    for (i, item) in list.enumerated() {
      guard let o = item as? [String: Any] else {
        throw .badCatalog("category #\(i + 1) is not an object")
      }
      guard let id = FoundationJSON.int(o["id"]) else {
        throw .badCatalog("category #\(i + 1) has no integer \"id\"")
      }
      guard let nm = o["name"] as? String, !nm.isEmpty else {
        throw .badCatalog("category id \(id) has no \"name\"")
      }
      guard let isthing = FoundationJSON.int(o["isthing"]), isthing == 0 || isthing == 1 else {
        throw .badCatalog("category \"\(nm)\" has no \"isthing\" of 0 or 1")
      }
      guard let col = o["color"] as? [Any], col.count == 3,
        let r = FoundationJSON.int(col[0]), let g = FoundationJSON.int(col[1]), let b = FoundationJSON.int(col[2]),
        (0...255).contains(r), (0...255).contains(g), (0...255).contains(b)
      else {
        throw .badCatalog("category \"\(nm)\" has no \"color\" of three values 0-255")
      }
      if !seen.insert(id).inserted { throw .badCatalog("category id \(id) appears twice") }
      classes.append(
        ClassInfo(
          id: id, name: nm, kind: isthing == 1 ? .thing : .stuff,
          color: RGB(UInt8(r), UInt8(g), UInt8(b)),
          supercategory: o["supercategory"] as? String ?? ""))
    }
    if classes.count > 0xFFFE { throw .badCatalog("more than 65534 categories") }
    return ClassCatalog(name: name, classes: classes)
  }
}

/// Helpers for JSONSerialization values, which arrive as NSNumber, Double or
/// Int depending on the platform; shared by every JSON reader.
enum FoundationJSON {
  /// A whole number, or nil (strings, fractions, huge values).
  static func int(_ v: Any?) -> Int? {
    if let i = v as? Int { return i }
    if let d = v as? Double, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
    return nil
  }

  /// Foundation's one-line reason for a parse failure.
  static func parseError(_ error: any Error) -> String {
    let ns = error as NSError
    if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
    return "parse error"
  }
}
