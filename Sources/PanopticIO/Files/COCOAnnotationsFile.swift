import PanopticModel
import SystemPackage

/// The COCO panoptic JSON beside a folder of PNGs (`NAME.json` + `NAME/x.png`,
/// panopticapi's layout), read one entry at a time.
///
/// Nothing is materialised but the entry asked for: the file is mapped, its
/// entries are found through the byte-range index (`COCOJSONDocument`, with
/// its sidecar), and only that entry is parsed — `info` on one image of a
/// COCO-train-sized JSON takes a fraction of a second and a few tens of MB,
/// where parsing the whole file took 25 s and 7.5 GB (issue 11). Writing
/// goes through `LabelFile.write` (`COCOPairWriter`), never through here.
public struct COCOAnnotationsFile {
  public var path: String
  let document: COCOJSONDocument

  /// Where panopticapi would look for the JSON of `png`: `NAME/x.png` → `NAME.json`.
  public static func siblingPath(of png: String) -> String {
    let folder = FileNames.absolute(png).removingLastComponent()
    let name = folder.lastComponent?.string ?? ""
    return folder.removingLastComponent().appending(name + ".json").string
  }

  /// The JSON that lists `png`: `NAME.json` beside its folder when there is one; otherwise one
  /// beside a folder up to three levels higher that lists it, or another PNG of its folder, by
  /// the path below that folder (`NAME/val/x.png` listed as `val/x.png`, which panopticapi joins
  /// to `NAME/`); otherwise the sibling path, where a new save puts its JSON and what a message
  /// names.
  public static func impliedPath(of png: String) -> String {
    let sibling = siblingPath(of: png)
    guard (try? SystemCall.stat(sibling)) ?? nil == nil else { return sibling }
    let path = components(of: png)
    for depth in 2...4 where path.count > depth {
      let folder = Array(path.dropLast(depth))
      let json = "/" + folder.joined(separator: "/") + ".json"
      guard let status = (try? SystemCall.stat(json)) ?? nil, status.isRegular,
        let file = try? load(path: json)
      else { continue }
      let index = file.document.index
      if index.listedFileName(forPath: path, folder: folder) == path[folder.count...].joined(separator: "/")
        || index.listsFile(inSubfolder: path[folder.count..<(path.count - 1)].joined(separator: "/"))
      {
        return json
      }
    }
    return sibling
  }

  /// Whether this JSON lists `png` (under its path below the JSON's PNG folder, or a listed tail
  /// of its path).
  public func lists(_ png: String) -> Bool {
    document.index.listedFileName(forPath: Self.components(of: png), folder: Self.pngFolder(ofJSON: path)) != nil
  }

  /// The name this JSON lists `png` under (`COCOIndex.listedFileName`): its path below the
  /// JSON's PNG folder, or the longest tail of its path listed; its bare name when none is.
  public func listedName(of png: String) -> String {
    document.index.listedFileName(forPath: Self.components(of: png), folder: Self.pngFolder(ofJSON: path))
      ?? FileNames.lastComponent(png)
  }

  /// The name a save of `png` gives its annotation in the JSON at `json` (`index`: its index,
  /// nil for a new JSON): the name it is listed under, else its path below the JSON's PNG
  /// folder when it lies there (`val/x.png`), else its bare name.
  static func savedName(of png: String, json: String, index: COCOIndex?) -> String {
    let path = components(of: png)
    let folder = pngFolder(ofJSON: json)
    if let listed = index?.listedFileName(forPath: path, folder: folder) { return listed }
    if let folder, path.count > folder.count + 1, path.starts(with: folder) {
      return path[folder.count...].joined(separator: "/")
    }
    return FileNames.lastComponent(png)
  }

  /// `NAME/` beside `NAME.json`, as absolute components; nil for a JSON not named `*.json`.
  static func pngFolder(ofJSON json: String) -> [String]? {
    guard json.hasSuffix(".json") else { return nil }
    return components(of: String(json.dropLast(5)))
  }

  /// The absolute path's components, `.` and `..` resolved lexically (as `siblingPath` does).
  static func components(of path: String) -> [String] {
    FileNames.absolute(path).components.map(\.string)
  }

  /// The PNG names the annotations of the JSON at `json` list (`annotations[].file_name`),
  /// read through the index without parsing the entries.
  public static func listedPNGNames(json: String) throws(PanopticError) -> [String] {
    try load(path: json).document.index.annotations.compactMap(\.fileName)
  }

  /// Maps and indexes `path` (a regular file; a FIFO is read under the
  /// limit; devices are refused), first finishing a COCO save a crash left
  /// half done on it.
  public static func load(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> COCOAnnotationsFile {
    COCOPairCommit.completePending(forJSON: path)
    return try checked(COCOJSONDocument(path: path, maxStreamBytes: limits.maxFileBytes), path: path)
  }

  /// `load` with every error naming the JSON file (it is not the file the
  /// user asked about, so the CLI's own prefix would not say which file).
  static func loadForReading(_ path: String) throws(PanopticError) -> COCOAnnotationsFile {
    do {
      return try load(path: path)
    } catch {
      switch error {
      case .os, .io, .tooLarge: throw .badAnnotations("\(path): \(error.description)")
      case .badAnnotations(let m): throw .badAnnotations("\(path): \(m)")
      default: throw error
      }
    }
  }

  /// Parses annotations already in memory (the fuzzer, tests).
  public static func parse(_ bytes: some Collection<UInt8>, path: String) throws(PanopticError) -> COCOAnnotationsFile {
    try checked(COCOJSONDocument(bytes: Array(bytes), path: path), path: path)
  }

  private static func checked(_ document: COCOJSONDocument, path: String) throws(PanopticError) -> COCOAnnotationsFile {
    guard document.index.annotationsArray != nil else { throw .badAnnotations("no \"annotations\" list") }
    return COCOAnnotationsFile(path: path, document: document)
  }

  /// The catalog the JSON declares: the built-in COCO one when it matches
  /// (same ids, names and kinds), otherwise its own (colours generated
  /// where the file has none).
  public func catalog() throws(PanopticError) -> ClassCatalog? {
    do {
      return try declaredCatalog()
    } catch {
      throw error.prefixed(path)
    }
  }

  private func declaredCatalog() throws(PanopticError) -> ClassCatalog? {
    guard
      let list = try document.withFreshIndex({ (index, bytes) throws(COCOJSONError) -> [JSONValue]? in
        guard let range = index.categoriesRange else { return nil }
        let value: JSONValue
        do throws(JSONSyntaxError) {
          value = try JSONValue.parse(bytes, range: range)
        } catch {
          throw .staleIndex("\"categories\" no longer holds valid JSON (\(error.reason))")
        }
        guard let list = value.arrayValue else { throw .notCOCO("\"categories\" is \(value.kindName), not a list") }
        return list
      })
    else { return nil }
    let parsed: ClassCatalog
    do throws(PanopticError) {
      parsed = try ClassCatalog(cocoCategories: list, name: "json")
    } catch {
      throw .badAnnotations("\"categories\": \(error.description)")
    }
    return parsed.hasSameClasses(as: .coco) ? .coco : parsed
  }

  /// The `segments_info` of the annotation whose `file_name` is `fileName`
  /// (nil when there is none). Two annotations of that name are refused,
  /// naming both.
  public func segments(forFileName fileName: String) throws(PanopticError) -> [COCOSegmentInfo]? {
    try annotation(forFileName: fileName)?.segments.map(COCOSegmentInfo.init)
  }

  /// The `image_id` of `fileName`'s annotation and its `images` entry (nil when it has none):
  /// what a conversion into another COCO JSON keeps, so captions and detection files that
  /// point at the image still do.
  public func image(forFileName fileName: String) throws(PanopticError) -> (id: COCOImageID, entry: COCOImage?)? {
    guard let imageID = try annotation(forFileName: fileName)?.imageID else { return nil }
    do {
      let image = try document.withFreshIndex { (index, bytes) throws(COCOJSONError) -> COCOImage? in
        try index.image(forID: imageID, in: bytes)
      }
      return (imageID, image)
    } catch {
      throw error.prefixed(path)
    }
  }

  /// The `images` id that is `id` spelled the other way (`"5"` for `5`, `5` for `"5"`), when
  /// `id` itself has no entry: loaders that join the two lists compare them exactly (the
  /// COCO API's index, and mmdetection's, which then finds no labels for the image).
  public func imageID(spelledOtherwiseThan id: COCOImageID) -> COCOImageID? {
    guard let other = id.otherSpelling else { return nil }
    let found = try? document.withFreshIndex { (index, _) throws(COCOJSONError) -> Bool in try index.imagePosition(forID: other) != nil }
    return found == true ? other : nil
  }

  /// Whether the JSON has an `images` list: a prediction file often has none, and then no
  /// annotation lacks an entry in it.
  public var hasImagesList: Bool { document.index.topLevel.contains { $0.key == "images" } }

  /// The annotation of `fileName`, decoded losslessly (unknown keys and all).
  public func annotation(forFileName fileName: String) throws(PanopticError) -> COCOAnnotation? {
    let found: (JSONObject, Int)?
    do {
      found = try document.withFreshIndex { (index, bytes) throws(COCOJSONError) -> (JSONObject, Int)? in
        guard let position = try index.annotationPosition(forFileName: fileName) else { return nil }
        return (try index.verifiedAnnotation(at: position, in: bytes), position)
      }
    } catch {
      throw error.prefixed(path)  // two entries of that name: say in which file
    }
    guard let (object, position) = found else { return nil }
    return try COCOAnnotation.decodeForLabels(
      object, at: document.index.reference(annotationAt: position), fileName: fileName)
  }
}
