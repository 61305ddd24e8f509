/// Everything that can go wrong reading or updating a COCO panoptic JSON.
///
/// Each case prints as one line that names the place (`annotations[412]
/// (file_name "x.png")`, a byte offset, line and column), so a user with a
/// 200 MB file knows where to look without a debugger.
public enum COCOJSONError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The bytes are not JSON.
  case syntax(JSONSyntaxError)
  /// Valid JSON, but not shaped like a COCO panoptic file (top level not an
  /// object, `annotations` not an array, an entry not an object…).
  case notCOCO(String)
  /// One entry breaks the format; the reference names it.
  case invalidEntry(COCOEntryReference, String)
  /// Two entries claim the same image; refusing beats silently editing one of them.
  case duplicate(COCODuplicate)
  /// A sidecar index that does not describe these bytes (the JSON changed).
  case staleIndex(String)
  /// A sidecar index that is damaged or inconsistent in itself.
  case corruptIndex(String)
  /// An update that cannot be applied as asked.
  case cannotSplice(String)

  public var description: String {
    switch self {
    case .syntax(let error): error.description
    case .notCOCO(let why): "not a COCO panoptic JSON: \(why)"
    case .invalidEntry(let entry, let why): "\(entry): \(why)"
    case .duplicate(let duplicate): duplicate.description
    case .staleIndex(let why): "the index does not match the JSON (\(why)); rebuild it"
    case .corruptIndex(let why): "the index file is damaged (\(why)); rebuild it"
    case .cannotSplice(let why): "cannot update the JSON: \(why)"
    }
  }
}

/// The arrays of a COCO panoptic file whose entries the index tracks.
public enum COCOArrayName: String, Sendable, Hashable {
  case annotations, images, categories
}

/// Names one entry the way a user can find it: array, position, identifying key.
public struct COCOEntryReference: Sendable, Hashable, CustomStringConvertible {
  public var array: COCOArrayName
  /// 0-based position in the array.
  public var position: Int
  /// The identifying key and value, e.g. `file_name "x.png"` or `id 5`.
  public var label: String?
  /// Where the entry starts in the file.
  public var byteOffset: Int?

  public init(array: COCOArrayName, position: Int, label: String? = nil, byteOffset: Int? = nil) {
    self.array = array
    self.position = position
    self.label = label
    self.byteOffset = byteOffset
  }

  /// `annotations[412] (file_name "x.png")`.
  public var description: String {
    var text = "\(array.rawValue)[\(position)]"
    if let label { text += " (\(label))" }
    return text
  }

  /// The description plus the byte offset, for messages that point into the file.
  public var located: String {
    guard let byteOffset else { return description }
    return "\(description) at byte \(byteOffset)"
  }

  static func fileNameLabel(_ name: String?) -> String? {
    name.map { "file_name \(quoted($0))" }
  }
}

/// Two entries that claim the same key.
public struct COCODuplicate: Sendable, Hashable, CustomStringConvertible {
  /// Which key is repeated.
  public enum Key: String, Sendable, Hashable {
    case annotationFileName = "file_name"
    case annotationImageID = "image_id"
    case imageID = "id"
    case imageFileName = "images file_name"
  }

  public var key: Key
  /// The repeated value as written in messages (`"x.png"`, `42`).
  public var value: String
  public var first: COCOEntryReference
  public var second: COCOEntryReference

  public init(key: Key, value: String, first: COCOEntryReference, second: COCOEntryReference) {
    self.key = key
    self.value = value
    self.first = first
    self.second = second
  }

  public var description: String {
    "\(first.array.rawValue) \(key.rawValue) \(value) appears twice: \(first.located) and \(second.located);"
      + " remove one before editing this image"
  }
}

/// `"text"` with quotes and backslashes escaped, for messages.
func quoted(_ text: String) -> String {
  var out: [UInt8] = []
  JSONWriter.writeString(text, into: &out)
  return String(decoding: out, as: UTF8.self)
}
