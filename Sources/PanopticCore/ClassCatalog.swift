import Foundation

/// Whether a class is counted in instances (a *thing*) or not (*stuff*).
public enum ClassKind: String, Sendable, Hashable, Codable {
  case thing
  case stuff
}

/// One class of a catalog. Its contiguous index is its position in the catalog.
public struct ClassInfo: Hashable, Sendable {
  /// The dataset's own id (COCO category id, Cityscapes labelId); files that
  /// carry dataset ids (COCO JSON, Cityscapes, 2-channel) use this one.
  public var id: Int
  public var name: String
  public var kind: ClassKind
  public var color: RGB
  public var supercategory: String
  /// Cityscapes: the training id (255 = ignored); nil for other catalogs.
  public var trainID: Int?
  /// Cityscapes: excluded from evaluation.
  public var ignoreInEval: Bool

  public init(
    id: Int, name: String, kind: ClassKind, color: RGB, supercategory: String = "",
    trainID: Int? = nil, ignoreInEval: Bool = false
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.color = color
    self.supercategory = supercategory
    self.trainID = trainID
    self.ignoreInEval = ignoreInEval
  }

  public var isThing: Bool { kind == .thing }
}

/// An ordered list of classes. Label maps store contiguous indices into it,
/// so that the offset format's class part is small and dataset-independent.
public struct ClassCatalog: Hashable, Sendable {
  public var name: String
  public var classes: [ClassInfo]
  private var indexByID: [Int: Int]

  public init(name: String, classes: [ClassInfo]) {
    self.name = name
    self.classes = classes
    var byID: [Int: Int] = [:]
    for (i, c) in classes.enumerated() where byID[c.id] == nil { byID[c.id] = i }
    self.indexByID = byID
  }

  public var count: Int { classes.count }

  public subscript(index: Int) -> ClassInfo { classes[index] }

  /// Contiguous index of a dataset id (COCO category id, Cityscapes labelId).
  public func index(ofID id: Int) -> Int? { indexByID[id] }

  /// Finds a class by contiguous index ("3"), exact name ("car"), or a unique
  /// name prefix ("traf" → traffic light), case-insensitively.
  public func resolve(_ text: String) -> Int? {
    if let n = Int(text), n >= 0, n < classes.count { return n }
    let key = text.lowercased().replacingOccurrences(of: "_", with: " ")
    if let exact = classes.firstIndex(where: { $0.name.lowercased() == key }) { return exact }
    let prefixed = classes.indices.filter { classes[$0].name.lowercased().hasPrefix(key) }
    return prefixed.count == 1 ? prefixed[0] : nil
  }

  /// Class names that start with `text`, for error messages and completion.
  public func suggestions(for text: String, limit: Int = 5) -> [String] {
    let key = text.lowercased()
    let hits = classes.filter { $0.name.lowercased().contains(key) }.map(\.name)
    return Array(hits.prefix(limit))
  }

  /// The built-in catalog with this name, if any.
  public static func builtIn(named name: String) -> ClassCatalog? {
    switch name.lowercased() {
    case "coco": return .coco
    case "cityscapes": return .cityscapes
    default: return nil
    }
  }

  /// Parses the `panoptic_coco_categories.json` shape: a list of
  /// `{id, name, isthing, color}` (supercategory optional), or an object with
  /// a `categories` list (a whole COCO panoptic JSON).
  public static func parse(json data: Data, name: String) throws(PanopticError) -> ClassCatalog {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .badCatalog("not valid JSON (\(JSONValue.parseError(error)))")
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
      guard let id = JSONValue.int(o["id"]) else {
        throw .badCatalog("category #\(i + 1) has no integer \"id\"")
      }
      guard let nm = o["name"] as? String, !nm.isEmpty else {
        throw .badCatalog("category id \(id) has no \"name\"")
      }
      guard let isthing = JSONValue.int(o["isthing"]), isthing == 0 || isthing == 1 else {
        throw .badCatalog("category \"\(nm)\" has no \"isthing\" of 0 or 1")
      }
      guard let col = o["color"] as? [Any], col.count == 3,
        let r = JSONValue.int(col[0]), let g = JSONValue.int(col[1]), let b = JSONValue.int(col[2]),
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
public enum JSONValue {
  /// A whole number, or nil (strings, fractions, huge values).
  public static func int(_ v: Any?) -> Int? {
    if let i = v as? Int { return i }
    if let d = v as? Double, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
    return nil
  }

  /// Foundation's one-line reason for a parse failure.
  public static func parseError(_ error: any Error) -> String {
    let ns = error as NSError
    if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
    return "parse error"
  }
}
