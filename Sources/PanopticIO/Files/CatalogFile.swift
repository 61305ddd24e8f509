import PanopticModel

/// Class catalogs from JSON files (`--classes FILE`): panopticapi's
/// `panoptic_coco_categories.json` shape, or any COCO panoptic JSON.
///
/// Parsed by the same pure JSON engine as the annotations (no Foundation):
/// a file that loads here loads in Python's `json` too, and a malformed one
/// gets one line saying where (`not valid JSON (line 3, column 7: …)`).
public enum CatalogFile {
  /// Largest catalog file read (a whole COCO JSON passed as `--classes` fits).
  static let maxBytes = 1 << 28

  /// A built-in catalog by name, or the file at `pathOrName`.
  public static func load(_ pathOrName: String) throws(PanopticError) -> ClassCatalog {
    if let builtIn = ClassCatalog.builtIn(named: pathOrName) { return builtIn }
    let file = try MappedFile.open(pathOrName, maxStreamBytes: maxBytes)
    guard file.bytes.count <= maxBytes else {
      throw .tooLarge("the catalog file is over \(maxBytes) bytes; pass the categories on their own")
    }
    defer { withExtendedLifetime(file) {} }
    let name = FileNames.lastComponent(FileNames.deletingExtension(pathOrName))
    return try parse(file.bytes, name: name)
  }

  /// Parses the `panoptic_coco_categories.json` shape: a list of
  /// `{id, name, isthing, color}` (supercategory optional, color optional),
  /// or an object with a `categories` list (a whole COCO panoptic JSON).
  public static func parse(json bytes: some Collection<UInt8>, name: String) throws(PanopticError) -> ClassCatalog {
    let file = MappedFile(copying: Array(bytes))
    defer { withExtendedLifetime(file) {} }
    return try parse(file.bytes, name: name)
  }

  /// Scans the document without building it (a whole 200 MB COCO JSON is
  /// fine) and parses only the categories.
  static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws(PanopticError) -> ClassCatalog {
    do {
      let (root, members) = try JSONScan.topLevelMembers(of: bytes)
      guard let members else { return try ClassCatalog(cocoDocument: try JSONValue.parse(bytes, range: root), name: name) }
      guard let categories = members.last(where: { $0.key == "categories" }),
        case .array(let list) = try JSONValue.parse(bytes, range: categories.valueRange)
      else { throw PanopticError.badCatalog("expected a list of categories or an object with \"categories\"") }
      return try ClassCatalog(cocoCategories: list, name: name)
    } catch let error as JSONSyntaxError {
      throw .badCatalog(COCOJSONError.syntaxText(error))
    } catch let error as PanopticError {
      throw error
    } catch {
      throw .badCatalog("\(error)")
    }
  }
}
