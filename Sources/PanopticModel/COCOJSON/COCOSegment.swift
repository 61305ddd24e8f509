/// A COCO `bbox`: `[x, y, width, height]` in pixels — the label model's
/// own box, so a box computed from pixels is written as it is.
public typealias COCOBox = BoundingBox

extension BoundingBox {
  public var jsonValue: JSONValue { .array([.int(x), .int(y), .int(width), .int(height)]) }
}

/// One `segments_info` entry.
///
/// The typed fields are what panoptty edits; `source` is the object as it was
/// read, so unknown keys (`attributes`, `score`, notes) and the key order
/// survive an edit (issue 12), and an untouched segment is written back
/// exactly as it was.
public struct COCOSegment: Sendable, Hashable {
  /// The segment id in the PNG (`R + 256 G + 65536 B`), 0 excluded.
  public var id: Int
  public var categoryID: Int
  public var isCrowd: Bool
  /// Pixel count; nil when the file has none (prediction files).
  public var area: Int?
  public var bbox: COCOBox?
  /// The object as read, all keys in file order; empty for a new segment.
  public var source: JSONObject

  /// The key order panopticapi's converters write, used for new segments
  /// when the entry has no segment to copy the order from.
  public static let defaultKeyOrder = ["id", "category_id", "iscrowd", "bbox", "area"]

  public init(id: Int, categoryID: Int, isCrowd: Bool, area: Int? = nil, bbox: COCOBox? = nil) {
    self.id = id
    self.categoryID = categoryID
    self.isCrowd = isCrowd
    self.area = area
    self.bbox = bbox
    self.source = JSONObject()
  }

  /// Decodes `segments_info[position]` of the entry `entry` names.
  public init(decoding value: JSONValue, position: Int, of entry: COCOEntryReference) throws(COCOJSONError) {
    var place = "segments_info[\(position)]"
    guard case .object(let object) = value else {
      throw .invalidEntry(entry, "\(place) is \(value.kindName), not an object")
    }
    for key in Self.defaultKeyOrder where object.count(of: key) > 1 {
      throw .invalidEntry(entry, "\(place) has \(quoted(key)) twice")
    }
    guard let id = object["id"]?.intValue, id >= 0, id <= 0xFF_FFFF else {
      throw .invalidEntry(entry, "\(place) has no \"id\" between 0 and 16777215")
    }
    place += " (id \(id))"
    guard let category = object["category_id"]?.intValue else {
      throw .invalidEntry(entry, "\(place) " + Self.wholeNumberDemand("category_id", object["category_id"]))
    }
    var crowd = false
    if let value = object["iscrowd"] {
      switch value {
      case .bool(let flag): crowd = flag
      case _ where value.intValue == 0 || value.intValue == 1: crowd = value.intValue == 1
      default: throw .invalidEntry(entry, "\(place): \"iscrowd\" must be 0 or 1")
      }
    }
    var area: Int?
    if let value = object["area"] {
      guard let a = value.intValue, a >= 0 else {
        throw .invalidEntry(entry, "\(place): \"area\" must be a whole number ≥ 0, not \(Self.show(value))")
      }
      area = a
    }
    var box: COCOBox?
    if let value = object["bbox"] {
      guard let parts = value.arrayValue, parts.count == 4 else {
        throw .invalidEntry(entry, "\(place): \"bbox\" must be [x, y, w, h]")
      }
      let numbers = parts.compactMap(\.intValue)
      guard numbers.count == 4 else { throw .invalidEntry(entry, "\(place): \"bbox\" must hold whole numbers") }
      box = COCOBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }
    self.id = id
    self.categoryID = category
    self.isCrowd = crowd
    self.area = area
    self.bbox = box
    self.source = object
  }

  /// The segment as JSON: `source` with the typed fields written over it.
  ///
  /// Known keys stay where they were; a value whose meaning did not change
  /// keeps its original spelling (`2840.0` stays `2840.0` if the area is still
  /// 2840); keys cleared to nil are removed; keys the source lacked are
  /// appended in `newKeyOrder`. `iscrowd` is added to an existing segment only
  /// when it becomes 1, so untouched prediction files do not grow a key.
  public func jsonValue(newKeyOrder: [String] = COCOSegment.defaultKeyOrder) -> JSONValue {
    var object = source
    let isNew = source.members.isEmpty
    object["id"] = Self.keep(source["id"], ifItMeans: id)
    object["category_id"] = Self.keep(source["category_id"], ifItMeans: categoryID)
    if source["iscrowd"] != nil || isNew || isCrowd {
      if case .bool = source["iscrowd"] {
        object["iscrowd"] = .bool(isCrowd)
      } else {
        object["iscrowd"] = Self.keep(source["iscrowd"], ifItMeans: isCrowd ? 1 : 0)
      }
    }
    object["area"] = area.map { Self.keep(source["area"], ifItMeans: $0) }
    if let bbox {
      let old = source["bbox"]
      let same = old?.arrayValue?.compactMap(\.intValue) == [bbox.x, bbox.y, bbox.width, bbox.height]
      object["bbox"] = same ? old : bbox.jsonValue
    } else {
      object["bbox"] = nil
    }
    return .object(Self.ordered(object, appendedIn: newKeyOrder, existing: source.keys))
  }

  /// `old` when it already holds `value` (keeping its spelling), else `value`.
  static func keep(_ old: JSONValue?, ifItMeans value: Int) -> JSONValue {
    if let old, old.intValue == value { return old }
    return .int(value)
  }

  /// Moves keys that `existing` did not have into `order` (after the kept ones).
  static func ordered(_ object: JSONObject, appendedIn order: [String], existing: [String]) -> JSONObject {
    let kept = object.members.filter { existing.contains($0.key) }
    var added = object.members.filter { !existing.contains($0.key) }
    added.sort { (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count) }
    return JSONObject(kept + added)
  }

  /// Says whether a whole-number key is missing or holds something else
  /// (a string, a fraction, a number past 64 bits), showing what is there:
  /// "no integer" for 1e30 sent users looking for a typo that was not there.
  static func wholeNumberDemand(_ key: String, _ value: JSONValue?) -> String {
    guard let value else { return "has no \(quoted(key))" }
    return "\(quoted(key)) must be a whole number between -9223372036854775808 and 9223372036854775807, not \(show(value))"
  }

  static func show(_ value: JSONValue) -> String {
    switch value {
    case .number(let n): n.text
    case .string(let s): quoted(s)
    default: value.kindName
    }
  }
}
