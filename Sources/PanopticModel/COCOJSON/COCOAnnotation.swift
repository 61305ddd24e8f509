/// One `annotations` entry: the PNG's name, its image id and its segments.
///
/// Like `COCOSegment`, it keeps the entry as read (`source`) so that writing
/// it back changes only what was edited: unknown keys, key order, the order of
/// `segments_info` and every untouched segment's id stay as they were
/// (issue 11: a one-segment fix must give a one-segment diff).
public struct COCOAnnotation: Sendable, Hashable {
  public var fileName: String
  /// As the JSON had it: an integer for COCO, a string for Cityscapes.
  public var imageID: COCOImageID
  public var segments: [COCOSegment]
  /// The entry as read, all keys in file order; empty for a new entry.
  public var source: JSONObject

  /// The order of the real COCO panoptic files, used for a new entry.
  public static let defaultKeyOrder = ["segments_info", "file_name", "image_id"]

  public init(fileName: String, imageID: COCOImageID, segments: [COCOSegment]) {
    self.fileName = fileName
    self.imageID = imageID
    self.segments = segments
    self.source = JSONObject()
  }

  /// Decodes an entry; errors name it by `reference`.
  public init(decoding object: JSONObject, at reference: COCOEntryReference) throws(COCOJSONError) {
    for key in Self.defaultKeyOrder where object.count(of: key) > 1 {
      throw .invalidEntry(reference, "has \(quoted(key)) twice")
    }
    guard let name = object["file_name"]?.stringValue else {
      throw .invalidEntry(reference, "has no string \"file_name\"")
    }
    guard let idValue = object["image_id"], let id = COCOImageID(idValue) else {
      throw .invalidEntry(reference, "has no \"image_id\" (a number or a string)")
    }
    guard let list = object["segments_info"]?.arrayValue else {
      throw .invalidEntry(reference, "has no \"segments_info\" list")
    }
    var segments: [COCOSegment] = []
    segments.reserveCapacity(list.count)
    for (position, value) in list.enumerated() {
      segments.append(try COCOSegment(decoding: value, position: position, of: reference))
    }
    self.fileName = name
    self.imageID = id
    self.segments = segments
    self.source = object
  }

  /// The entry as JSON: `source` with the typed fields written over it.
  ///
  /// New segments take the key order of the entry's first existing segment,
  /// so they look like their siblings; with none, `segmentKeyOrder` (a
  /// neighbouring entry's, so a new entry looks like the rest of the file),
  /// else `COCOSegment.defaultKeyOrder`. Keys the entry lacked follow `keyOrder`.
  public func jsonValue(
    keyOrder: [String] = COCOAnnotation.defaultKeyOrder, segmentKeyOrder: [String]? = nil
  ) -> JSONValue {
    var object = source
    object["file_name"] = .string(fileName)
    let oldID = source["image_id"]
    object["image_id"] = oldID.flatMap(COCOImageID.init) == imageID ? oldID : imageID.jsonValue
    let template = source["segments_info"]?.arrayValue?.first?.objectValue?.keys ?? segmentKeyOrder
    let order = Self.merged(template ?? [], COCOSegment.defaultKeyOrder)
    object["segments_info"] = .array(segments.map { $0.jsonValue(newKeyOrder: order) })
    let entryOrder = Self.merged(keyOrder, Self.defaultKeyOrder)
    return .object(COCOSegment.ordered(object, appendedIn: entryOrder, existing: source.keys))
  }

  /// `preferred` followed by the keys of `all` it lacks.
  static func merged(_ preferred: [String], _ all: [String]) -> [String] {
    preferred.filter { all.contains($0) } + all.filter { !preferred.contains($0) }
  }
}

/// One `images` entry: the photo's id, name and size.
public struct COCOImage: Sendable, Hashable {
  public var id: COCOImageID
  /// The photo's file name (`.jpg` for COCO); may be absent in other tools' files.
  public var fileName: String?
  public var width: Int?
  public var height: Int?
  /// The entry as read (`license`, `coco_url`, `date_captured`… survive); empty for a new entry.
  public var source: JSONObject

  /// The order of a minimal new entry when no neighbouring entry gives one.
  public static let defaultKeyOrder = ["id", "file_name", "width", "height"]

  public init(id: COCOImageID, fileName: String?, width: Int?, height: Int?) {
    self.id = id
    self.fileName = fileName
    self.width = width
    self.height = height
    self.source = JSONObject()
  }

  /// Decodes an entry; errors name it by `reference`.
  public init(decoding object: JSONObject, at reference: COCOEntryReference) throws(COCOJSONError) {
    guard let idValue = object["id"], let id = COCOImageID(idValue) else {
      throw .invalidEntry(reference, "has no \"id\" (a number or a string)")
    }
    var name: String?
    if let value = object["file_name"] {
      guard let string = value.stringValue else { throw .invalidEntry(reference, "\"file_name\" is not a string") }
      name = string
    }
    var size: [Int?] = []
    for key in ["width", "height"] {
      guard let value = object[key] else {
        size.append(nil)
        continue
      }
      guard let n = value.intValue, n > 0 else {
        throw .invalidEntry(reference, "\(quoted(key)) must be a whole number > 0")
      }
      size.append(n)
    }
    self.id = id
    self.fileName = name
    self.width = size[0]
    self.height = size[1]
    self.source = object
  }

  /// The entry as JSON: `source` with the typed fields written over it; keys
  /// the source lacked are appended in `newKeyOrder` (pass a neighbouring
  /// entry's keys to make a new entry look like the others).
  public func jsonValue(newKeyOrder: [String] = COCOImage.defaultKeyOrder) -> JSONValue {
    var object = source
    let oldID = source["id"]
    object["id"] = oldID.flatMap(COCOImageID.init) == id ? oldID : id.jsonValue
    object["file_name"] = fileName.map(JSONValue.string)
    object["width"] = width.map { COCOSegment.keep(source["width"], ifItMeans: $0) }
    object["height"] = height.map { COCOSegment.keep(source["height"], ifItMeans: $0) }
    let order = COCOAnnotation.merged(newKeyOrder, COCOImage.defaultKeyOrder)
    return .object(COCOSegment.ordered(object, appendedIn: order, existing: source.keys))
  }
}
