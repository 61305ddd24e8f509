/// One JSON value, kept losslessly enough to write an untouched entry back as it was.
///
/// Numbers keep their source text, objects keep their key order (and even
/// repeated keys), and nothing is dropped, so parsing an entry and writing it
/// again yields the same bytes modulo whitespace and string-escape spelling
/// (strings are stored decoded and written canonically: UTF-8, no `\/`).
/// Meant for one entry at a time, never for a whole 200 MB file.
public enum JSONValue: Sendable, Hashable {
  case object(JSONObject)
  case array([JSONValue])
  case string(String)
  case number(JSONNumber)
  case bool(Bool)
  case null

  /// The deepest nesting `parse` builds. Building, hashing and writing values
  /// recurse, so this cap (not the scanner's limit) is what protects the stack.
  public static let maxBuildDepth = 512

  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var numberValue: JSONNumber? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The exact integer value of a number (see `JSONNumber.intValue`).
  public var intValue: Int? {
    numberValue?.intValue
  }

  /// A short name of the value's kind for error messages.
  public var kindName: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }

  /// An integer number value.
  public static func int(_ value: Int) -> JSONValue {
    .number(JSONNumber(value))
  }
}

/// An object's members in file order.
///
/// A dictionary would lose the order a reviewer's diff depends on; lookups
/// are linear, which is right for COCO entries of a handful of keys.
public struct JSONObject: Sendable, Hashable {
  /// One `"key": value` pair.
  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  public var members: [Member]

  public init(_ members: [Member] = []) {
    self.members = members
  }

  /// Builds an object from pairs in the given order.
  public init(_ pairs: KeyValuePairs<String, JSONValue>) {
    self.members = pairs.map { Member(key: $0.key, value: $0.value) }
  }

  public var keys: [String] { members.map(\.key) }

  /// How many members have `key` (more than one makes the object ambiguous).
  public func count(of key: String) -> Int {
    members.reduce(0) { $0 + ($1.key == key ? 1 : 0) }
  }

  /// The value of `key` (the last one if repeated, as Python's `json` reads it).
  /// Setting replaces the value in place (keeping the key's position), appends
  /// a new key at the end, or removes every member named `key` when nil.
  public subscript(key: String) -> JSONValue? {
    get { members.last(where: { $0.key == key })?.value }
    set {
      guard let newValue else {
        members.removeAll { $0.key == key }
        return
      }
      if let index = members.lastIndex(where: { $0.key == key }) {
        members[index].value = newValue
      } else {
        members.append(Member(key: key, value: newValue))
      }
    }
  }
}

extension JSONValue {
  /// Parses the value in `range` of `bytes` (the whole buffer when nil), validating it.
  public static func parse(
    _ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil
  ) throws(JSONSyntaxError) -> JSONValue {
    var scanner = ByteScanner(bytes, range: range, maxDepth: maxBuildDepth)
    if range == nil { scanner.skipByteOrderMark() }
    scanner.skipWhitespace()
    let value = try scanner.parseValue(depth: 0)
    try scanner.requireEnd()
    return value
  }

  /// Parses a whole JSON text held in an array.
  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    try withBytes(of: bytes) { raw throws(JSONSyntaxError) in try parse(raw) }
  }

  /// Parses a whole JSON text held in a string.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

extension ByteScanner {
  /// Builds the value at the cursor. Recursive, bounded by `maxDepth`
  /// (at most `JSONValue.maxBuildDepth`).
  mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    switch current {
    case 0x7B:
      guard depth < maxDepth else { throw error(.nestingTooDeep(limit: maxDepth), at: position) }
      position += 1
      var object = JSONObject()
      skipWhitespace()
      if current == 0x7D {
        position += 1
        return .object(object)
      }
      while true {
        skipWhitespace()
        guard current == 0x22 else { throw unexpected("a member name in double quotes") }
        let key = decode(try scanString())
        skipWhitespace()
        try expect(0x3A, "':' after a member name")
        skipWhitespace()
        object.members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth + 1)))
        skipWhitespace()
        if current == 0x2C {
          position += 1
          continue
        }
        try expect(0x7D, "',' or '}' after an object member")
        return .object(object)
      }
    case 0x5B:
      guard depth < maxDepth else { throw error(.nestingTooDeep(limit: maxDepth), at: position) }
      position += 1
      var elements: [JSONValue] = []
      skipWhitespace()
      if current == 0x5D {
        position += 1
        return .array(elements)
      }
      while true {
        skipWhitespace()
        elements.append(try parseValue(depth: depth + 1))
        skipWhitespace()
        if current == 0x2C {
          position += 1
          continue
        }
        try expect(0x5D, "',' or ']' after an array element")
        return .array(elements)
      }
    case 0x22:
      return .string(decode(try scanString()))
    case 0x2D, 0x30...0x39:
      let start = position
      try scanNumber()
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      return .number(JSONNumber(validatedText: text))
    case 0x74:
      try scanLiteral()
      return .bool(true)
    case 0x66:
      try scanLiteral()
      return .bool(false)
    case 0x6E:
      try scanLiteral()
      return .null
    default:
      throw unexpected("a value")
    }
  }
}
