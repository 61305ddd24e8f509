/// Class catalogs to and from COCO `categories` lists.
///
/// The same reader serves `--classes FILE` (panopticapi's
/// `panoptic_coco_categories.json`, or any COCO panoptic JSON) and the
/// categories of an annotations JSON, so both accept the same files and say
/// the same things about bad ones. `color` is optional (datumaro and other
/// tools leave it out, issue 12): a missing one is generated from the id,
/// deterministically and distinct from every other class's colour.
extension ClassCatalog {
  /// The catalog of a parsed JSON document: a list of categories, or an
  /// object with a `categories` list.
  public init(cocoDocument value: JSONValue, name: String) throws(PanopticError) {
    if case .array(let list) = value {
      try self.init(cocoCategories: list, name: name)
    } else if case .object(let object) = value, let list = object["categories"]?.arrayValue {
      try self.init(cocoCategories: list, name: name)
    } else {
      throw .badCatalog("expected a list of categories or an object with \"categories\"")
    }
  }

  /// The catalog of a `categories` list, in the list's order.
  public init(cocoCategories list: [JSONValue], name: String) throws(PanopticError) {
    if list.isEmpty { throw .badCatalog("the category list is empty") }
    if list.count > 0xFFFE { throw .badCatalog("more than 65534 categories") }
    var classes: [ClassInfo] = []
    var seen = Set<Int>()
    var missingColor: [Int] = []
    for (i, item) in list.enumerated() {
      guard let o = item.objectValue else { throw .badCatalog("category #\(i + 1) is not an object") }
      guard let id = o["id"]?.intValue else {
        throw .badCatalog("category #\(i + 1) " + COCOSegment.wholeNumberDemand("id", o["id"]))
      }
      guard let nm = o["name"]?.stringValue, !nm.isEmpty else { throw .badCatalog("category id \(id) has no \"name\"") }
      let isThing: Bool
      switch o["isthing"] {
      case .bool(let flag)?: isThing = flag
      case let v? where v.intValue == 0 || v.intValue == 1: isThing = v.intValue == 1
      default: throw .badCatalog("category \"\(nm)\" has no \"isthing\" of 0 or 1")
      }
      var color = RGB(0, 0, 0)
      if let value = o["color"] {
        guard let parts = value.arrayValue, parts.count == 3, case let c = parts.compactMap(\.intValue), c.count == 3,
          c.allSatisfy({ (0...255).contains($0) })
        else { throw .badCatalog("category \"\(nm)\" has no \"color\" of three values 0-255") }
        color = RGB(UInt8(c[0]), UInt8(c[1]), UInt8(c[2]))
      } else {
        missingColor.append(i)
      }
      if !seen.insert(id).inserted { throw .badCatalog("category id \(id) appears twice") }
      classes.append(
        ClassInfo(
          id: id, name: nm, kind: isThing ? .thing : .stuff, color: color,
          supercategory: o["supercategory"]?.stringValue ?? ""))
    }
    var used = Set(
      classes.enumerated().filter { !missingColor.contains($0.offset) }.map {
        COCOColor(r: $0.element.color.r, g: $0.element.color.g, b: $0.element.color.b)
      })
    for i in missingColor {
      let c = COCOCategory.generatedColor(forID: classes[i].id, avoiding: &used)
      classes[i].color = RGB(c.r, c.g, c.b)
    }
    self.init(name: name, classes: classes)
  }

  /// True when `other` has the same classes (ids, names, kinds) in the same
  /// order, whatever their colours: a COCO JSON that declares exactly the
  /// COCO categories is read with the built-in catalog.
  public func hasSameClasses(as other: ClassCatalog) -> Bool {
    count == other.count
      && zip(classes, other.classes).allSatisfy { $0.id == $1.id && $0.name == $1.name && $0.kind == $1.kind }
  }

  /// The catalog as a `categories` list, keys in sorted order (how panoptty
  /// has always written new JSONs).
  public var cocoCategoriesJSON: JSONValue {
    .array(
      classes.map { c in
        .object(
          JSONObject([
            "color": .array([.int(Int(c.color.r)), .int(Int(c.color.g)), .int(Int(c.color.b))]),
            "id": .int(c.id), "isthing": .int(c.isThing ? 1 : 0), "name": .string(c.name),
            "supercategory": .string(c.supercategory),
          ]))
      })
  }
}
