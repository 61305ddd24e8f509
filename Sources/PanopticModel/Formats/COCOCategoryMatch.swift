/// Category ids of a COCO JSON matched to a catalog by name (issue 12).
///
/// Other tools renumber categories: datumaro's `coco_panoptic` export numbers
/// them 1…N and writes `isthing: 0` for every class. With `--classes coco`
/// the JSON's categories are matched to the catalog by name, so its ids are
/// read as the catalog's classes (with the catalog's kinds), and a save
/// writes the JSON's own ids back.
public struct COCOCategoryMatch: Sendable, Hashable {
  /// JSON category id → catalog category id, for every name both have.
  public var toCatalog: [Int: Int]
  /// Catalog category id → JSON category id.
  public var toJSON: [Int: Int]

  /// Matches `declared` (the JSON's categories) to `catalog` by name; nil
  /// when every id already names the same class in both (nothing to do).
  public init?(declared: ClassCatalog, catalog: ClassCatalog) {
    var byName: [String: Int] = [:]
    for c in catalog.classes { byName[c.name] = c.id }
    var toCatalog: [Int: Int] = [:]
    for c in declared.classes {
      if let id = byName[c.name] { toCatalog[c.id] = id }
    }
    guard toCatalog.contains(where: { $0.key != $0.value }) || declared.classes.contains(where: { c in
      catalog.index(ofID: c.id).map { catalog[$0].name != c.name || catalog[$0].kind != c.kind } ?? false
    })
    else { return nil }
    self.toCatalog = toCatalog
    self.toJSON = Dictionary(toCatalog.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
  }

  /// The segments with their category ids in the catalog's numbering. A
  /// category whose name the catalog lacks is refused by name.
  public func segmentsInCatalogIDs(
    _ segments: [COCOSegmentInfo], declared: ClassCatalog, catalog: ClassCatalog
  ) throws(PanopticError) -> [COCOSegmentInfo] {
    var out = segments
    for i in out.indices {
      let id = out[i].categoryID
      guard let mapped = toCatalog[id] else {
        let name = declared.index(ofID: id).map { "\"\(declared[$0].name)\" (id \(id))" } ?? "id \(id)"
        throw .badAnnotations(
          "segment \(out[i].id): the JSON's category \(name) has no class of that name in the \(catalog.name) catalog")
      }
      out[i].categoryID = mapped
    }
    return out
  }
}
