import Foundation
import PanopticModel
import SystemPackage

/// The COCO panoptic JSON beside a folder of PNGs (`NAME.json` + `NAME/x.png`,
/// panopticapi's layout), read and updated one annotation at a time so the
/// other images' entries are kept as they were.
public struct COCOAnnotationsFile {
  public var path: String
  var root: [String: Any]

  /// Where panopticapi would look for the JSON of `png`: `NAME/x.png` → `NAME.json`.
  public static func siblingPath(of png: String) -> String {
    let folder = FileNames.absolute(png).removingLastComponent()
    let name = folder.lastComponent?.string ?? ""
    return folder.removingLastComponent().appending(name + ".json").string
  }

  public static func load(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> COCOAnnotationsFile {
    let bytes = try InputFile.with(path, maxStreamBytes: limits.maxFileBytes) { (input) throws(PanopticError) in
      try input.readAll(limit: limits.maxFileBytes)
    }
    return try parse(Data(bytes), path: path)
  }

  /// `load` with every error naming the JSON file (it is not the file the
  /// user asked about, so the CLI's own prefix would not say which file).
  static func loadForReading(_ path: String) throws(PanopticError) -> COCOAnnotationsFile {
    do {
      return try load(path: path)
    } catch {
      switch error {
      case .os, .io: throw .badAnnotations("\(path): \(error.description)")
      case .badAnnotations(let m): throw .badAnnotations("\(path): \(m)")
      default: throw error
      }
    }
  }

  /// Parses annotations already in memory.
  public static func parse(_ data: Data, path: String) throws(PanopticError) -> COCOAnnotationsFile {
    let any: Any
    do {
      any = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .badAnnotations("not valid JSON (\(FoundationJSON.parseError(error)))")
    }
    guard let obj = any as? [String: Any] else {
      throw .badAnnotations("expected a JSON object with \"annotations\"")
    }
    guard obj["annotations"] is [Any] else {
      throw .badAnnotations("no \"annotations\" list")
    }
    return COCOAnnotationsFile(path: path, root: obj)
  }

  public static func empty(path: String) -> COCOAnnotationsFile {
    COCOAnnotationsFile(path: path, root: ["annotations": [Any](), "images": [Any]()])
  }

  /// The catalog the JSON declares: the built-in COCO one when it matches
  /// (same ids, names and kinds), otherwise its own.
  public func catalog() throws(PanopticError) -> ClassCatalog? {
    guard let cats = root["categories"] else { return nil }
    let data: Data
    do {
      data = try JSONSerialization.data(withJSONObject: cats)
    } catch {
      throw .badAnnotations("\"categories\" is not a list")
    }
    let parsed: ClassCatalog
    do {
      parsed = try CatalogFile.parse(json: data, name: "json")
    } catch {
      throw .badAnnotations("\"categories\": \(error.description)")
    }
    let coco = ClassCatalog.coco
    if parsed.count == coco.count
      && zip(parsed.classes, coco.classes).allSatisfy({ $0.id == $1.id && $0.name == $1.name && $0.kind == $1.kind })
    {
      return coco
    }
    return parsed
  }

  /// The `segments_info` of the annotation whose `file_name` is `fileName`.
  public func segments(forFileName fileName: String) throws(PanopticError) -> [COCOSegmentInfo]? {
    guard let anns = root["annotations"] as? [Any] else { return nil }
    for (i, a) in anns.enumerated() {
      guard let ann = a as? [String: Any] else {
        throw .badAnnotations("annotations[\(i)] is not an object")
      }
      guard (ann["file_name"] as? String) == fileName else { continue }
      guard let infos = ann["segments_info"] as? [Any] else {
        throw .badAnnotations("the annotation of \(fileName) has no \"segments_info\" list")
      }
      var out: [COCOSegmentInfo] = []
      for (j, s) in infos.enumerated() {
        let whereText = "segments_info[\(j)] of \(fileName)"
        guard let seg = s as? [String: Any] else { throw .badAnnotations("\(whereText) is not an object") }
        guard let id = FoundationJSON.int(seg["id"]), id >= 0, id <= 0xFF_FFFF else {
          throw .badAnnotations("\(whereText) has no \"id\" between 0 and 16777215")
        }
        guard let cat = FoundationJSON.int(seg["category_id"]) else {
          throw .badAnnotations("\(whereText) (id \(id)) has no integer \"category_id\"")
        }
        var crowd = false
        if let c = seg["iscrowd"] {
          guard let ci = FoundationJSON.int(c), ci == 0 || ci == 1 else {
            throw .badAnnotations("\(whereText) (id \(id)): \"iscrowd\" must be 0 or 1")
          }
          crowd = ci == 1
        }
        var bbox: BoundingBox?
        if let b = seg["bbox"] {
          guard let arr = b as? [Any], arr.count == 4 else {
            throw .badAnnotations("\(whereText) (id \(id)): \"bbox\" must be [x, y, w, h]")
          }
          let v = arr.compactMap { FoundationJSON.int($0) }
          guard v.count == 4 else { throw .badAnnotations("\(whereText) (id \(id)): \"bbox\" must hold integers") }
          bbox = BoundingBox(x: v[0], y: v[1], width: v[2], height: v[3])
        }
        var area: Int?
        if let a = seg["area"] {
          guard let ai = FoundationJSON.int(a) else {
            throw .badAnnotations("\(whereText) (id \(id)): \"area\" must be an integer")
          }
          area = ai
        }
        out.append(COCOSegmentInfo(id: id, categoryID: cat, isCrowd: crowd, bbox: bbox, area: area))
      }
      return out
    }
    return nil
  }

  /// Replaces (or adds) the annotation and image entry of `fileName`.
  public mutating func setAnnotation(
    fileName: String, width: Int, height: Int, segments: [COCOSegmentInfo], catalog: ClassCatalog
  ) throws(PanopticError) {
    var anns = root["annotations"] as? [Any] ?? []
    var images = root["images"] as? [Any] ?? []
    let stem = (fileName as NSString).deletingPathExtension
    var imageID: Any = Int(stem).map { $0 as Any } ?? stem
    var index: Int?
    for (i, a) in anns.enumerated() {
      if let ann = a as? [String: Any], (ann["file_name"] as? String) == fileName {
        index = i
        if let id = ann["image_id"] { imageID = id }
      }
    }
    let segs: [[String: Any]] = segments.map { s in
      var d: [String: Any] = ["id": s.id, "category_id": s.categoryID, "iscrowd": s.isCrowd ? 1 : 0]
      if let b = s.bbox { d["bbox"] = b.asArray }
      if let a = s.area { d["area"] = a }
      return d
    }
    let ann: [String: Any] = ["image_id": imageID, "file_name": fileName, "segments_info": segs]
    if let i = index { anns[i] = ann } else { anns.append(ann) }
    let sameImage: (Any) -> Bool = { entry in
      guard let e = entry as? [String: Any], let id = e["id"] else { return false }
      return "\(id)" == "\(imageID)"
    }
    if let i = images.firstIndex(where: sameImage), var e = images[i] as? [String: Any] {
      e["width"] = width
      e["height"] = height
      images[i] = e
    } else {
      images.append(["id": imageID, "file_name": stem + ".jpg", "width": width, "height": height])
    }
    root["annotations"] = anns
    root["images"] = images
    if let existing = root["categories"] as? [Any] {
      let ids = Set(existing.compactMap { ($0 as? [String: Any]).flatMap { FoundationJSON.int($0["id"]) } })
      for s in segments where !ids.contains(s.categoryID) {
        throw .cannotEncode(
          "\(path) has no category \(s.categoryID); write to a new JSON with --annotations")
      }
    } else {
      root["categories"] = catalog.classes.map { c -> [String: Any] in
        [
          "id": c.id, "name": c.name, "isthing": c.isThing ? 1 : 0,
          "color": [Int(c.color.r), Int(c.color.g), Int(c.color.b)], "supercategory": c.supercategory,
        ]
      }
    }
  }

  public func save() throws(PanopticError) {
    let data: Data
    do {
      data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    } catch {
      throw .cannotEncode("cannot serialise the annotations: \(error)")
    }
    try AtomicFile.write(bytes: [UInt8](data), to: path)
  }
}
