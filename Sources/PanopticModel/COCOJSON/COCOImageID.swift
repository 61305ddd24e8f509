/// An `image_id` / images `id` as the JSON had it.
///
/// COCO uses integers, Cityscapes-derived files use strings
/// (`"frankfurt_000000_000294"`), and the two must never be confused: `5` and
/// `"5"` are different ids, so each is kept with its kind.
public enum COCOImageID: Sendable, Hashable, CustomStringConvertible {
  case int(Int)
  case string(String)
  /// A number that is not an exact `Int` (`1.5`, `1e400`), kept as text; it matches only itself.
  case otherNumber(String)

  /// The id held by a JSON value, or nil for values that cannot be ids.
  public init?(_ value: JSONValue) {
    switch value {
    case .string(let s): self = .string(s)
    case .number(let n):
      if let i = n.intValue { self = .int(i) } else { self = .otherNumber(n.text) }
    default: return nil
    }
  }

  /// The id as a JSON value, for writing.
  public var jsonValue: JSONValue {
    switch self {
    case .int(let i): .int(i)
    case .string(let s): .string(s)
    case .otherNumber(let text): .number(JSONNumber(validatedText: text))
    }
  }

  /// The same id spelled as the other JSON type (`"5"` for `5`, `5` for `"5"`): JSON tools
  /// that built a file by hand mix them, and every loader compares them exactly.
  public var otherSpelling: COCOImageID? {
    switch self {
    case .int(let n): return .string(String(n))
    case .string(let text):
      guard let n = Int(text), String(n) == text else { return nil }
      return .int(n)
    case .otherNumber: return nil
    }
  }

  /// `142238` or `"frankfurt_000000_000294"`, as it reads in JSON.
  public var description: String {
    switch self {
    case .int(let i): String(i)
    case .string(let s): quoted(s)
    case .otherNumber(let text): text
    }
  }

  public var intValue: Int? {
    if case .int(let i) = self { return i }
    return nil
  }
}
