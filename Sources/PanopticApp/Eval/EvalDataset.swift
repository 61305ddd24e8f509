import PanopticEval
import PanopticIO
import PanopticModel

/// An image id as a COCO panoptic JSON spells it: an integer (COCO) or a
/// string (Cityscapes' converted sets). Two annotations name the same image
/// when their ids are equal as JSON values (`1` and `1.0` are both 1, as
/// in Python).
public enum EvalImageKey: Hashable, Sendable, CustomStringConvertible {
  case int(Int)
  case text(String)
  /// Any other value (a fractional number, `null`, …), by its JSON text.
  case other(String)

  public var description: String {
    switch self {
    case .int(let i): String(i)
    case .text(let s): s
    case .other(let s): s
    }
  }
}

/// One COCO panoptic JSON (`annotations` with `segments_info`, and
/// `categories`), reduced to what `pq_compute` reads from it.
public struct EvalDataset: Sendable {
  public struct Annotation: Sendable {
    public var imageKey: EvalImageKey
    public var fileName: String
    public var segments: [EvalSegment]
  }

  public var path: String
  public var annotations: [Annotation]
  /// nil when the file has no `categories` list (only the ground truth's are used).
  public var categories: [EvalCategory]?

  /// Reads and parses `path`; every problem is one line naming the file.
  public static func load(_ path: String, limits: DecodeLimits) throws(AppFailure) -> EvalDataset {
    // A picture given where the JSON goes is named before gigabytes are read as text.
    if let kind = FileKind.picture(at: path) {
      throw AppFailure(
        "\(path): \(kind), not a COCO panoptic JSON; eval compares two COCO JSONs (their PNG folders beside them) or two label folders")
    }
    let bytes: [UInt8]
    do {
      bytes = try BinaryFile.read(path, limit: max(limits.maxFileBytes, 4 << 30))
    } catch {
      throw AppFailure(error, file: path)
    }
    let root: JSONValue
    do {
      root = try JSONValue.parse(bytes)
    } catch {
      throw AppFailure("\(path): \(COCOJSONError.syntaxText(error))")
    }
    do {
      return try parse(root, path: path)
    } catch {
      if LabelStudioFormat.looksLikeExport(root) || LabelmeFormat.looksLikeFile(root) {
        let tool = LabelStudioFormat.looksLikeExport(root) ? "a Label Studio export" : "a labelme file"
        throw AppFailure(
          "\(path): \(tool), not a COCO panoptic JSON; convert it first: panoptty convert \(path) OUT.png --to coco --out-annotations OUT.json")
      }
      throw AppFailure("\(path): \(error.message)")
    }
  }

  struct Problem: Error {
    var message: String
  }

  static func parse(_ root: JSONValue, path: String) throws(Problem) -> EvalDataset {
    guard let top = root.objectValue else {
      throw Problem(message: "the top level is \(root.kindName), not a COCO panoptic object")
    }
    guard let list = top["annotations"]?.arrayValue else {
      throw Problem(message: "no \"annotations\" list (not a COCO panoptic JSON)")
    }
    var annotations: [Annotation] = []
    annotations.reserveCapacity(list.count)
    for (n, value) in list.enumerated() {
      annotations.append(try annotation(value, at: "annotations[\(n)]"))
    }
    var categories: [EvalCategory]?
    if let cats = top["categories"] {
      guard let array = cats.arrayValue else { throw Problem(message: "\"categories\" is \(cats.kindName), not a list") }
      categories = try array.enumerated().map { (n, value) throws(Problem) in try category(value, at: "categories[\(n)]") }
    }
    return EvalDataset(path: path, annotations: annotations, categories: categories)
  }

  static func annotation(_ value: JSONValue, at place: String) throws(Problem) -> Annotation {
    guard let object = value.objectValue else { throw Problem(message: "\(place) is \(value.kindName), not an object") }
    guard let id = object["image_id"] else { throw Problem(message: "\(place) has no \"image_id\"") }
    guard let fileName = object["file_name"]?.stringValue else {
      throw Problem(message: "\(place) (image \(key(id))) has no \"file_name\" string")
    }
    guard let infos = object["segments_info"]?.arrayValue else {
      throw Problem(message: "\(place) (image \(key(id))) has no \"segments_info\" list")
    }
    var segments: [EvalSegment] = []
    segments.reserveCapacity(infos.count)
    for (n, info) in infos.enumerated() {
      segments.append(try segment(info, at: "\(place).segments_info[\(n)] (image \(key(id)))"))
    }
    return Annotation(imageKey: key(id), fileName: fileName, segments: segments)
  }

  static func segment(_ value: JSONValue, at place: String) throws(Problem) -> EvalSegment {
    guard let object = value.objectValue else { throw Problem(message: "\(place) is \(value.kindName), not an object") }
    guard let id = object["id"]?.intValue, (0...Int(UInt32.max)).contains(id) else {
      throw Problem(message: "\(place): \"id\" must be an integer from 0 to \(UInt32.max)")
    }
    guard let category = object["category_id"]?.intValue else {
      throw Problem(message: "\(place) (segment \(id)): \"category_id\" must be an integer")
    }
    // A missing iscrowd is 0 (pq_compute would stop with KeyError).
    let crowd = pythonInt(object["iscrowd"])
    let area = object["area"]?.numberValue?.doubleValue
    return EvalSegment(id: UInt32(id), categoryId: category, iscrowd: crowd, area: area)
  }

  static func category(_ value: JSONValue, at place: String) throws(Problem) -> EvalCategory {
    guard let object = value.objectValue else { throw Problem(message: "\(place) is \(value.kindName), not an object") }
    guard let id = object["id"]?.intValue else { throw Problem(message: "\(place): \"id\" must be an integer") }
    let name = object["name"]?.stringValue ?? "class \(id)"
    return EvalCategory(id: id, name: name.escapingControlCharacters, isthing: pythonInt(object["isthing"]))
  }

  /// A flag as `pq_compute`'s `== 1` sees it: Python's `True == 1` and `1.0 == 1` hold, so
  /// `"iscrowd": true` is a crowd there (and in `info`/`validate`); anything else is 0.
  static func pythonInt(_ value: JSONValue?) -> Int {
    switch value {
    case .bool(let b): b ? 1 : 0
    case .number(let n): n.intValue ?? 0
    default: 0
    }
  }

  static func key(_ value: JSONValue) -> EvalImageKey {
    switch value {
    case .string(let s): return .text(s)
    case .number(let n): return n.intValue.map { .int($0) } ?? .other(n.text)
    default: return .other(value.kindName)
    }
  }
}
