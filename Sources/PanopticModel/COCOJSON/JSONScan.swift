/// Limits for scanning untrusted JSON.
public struct JSONScanOptions: Sendable, Hashable {
  /// Deepest nesting accepted. COCO needs 5; 512 leaves room for any real
  /// file while refusing pathological ones early. The scanner itself is
  /// iterative, so a higher limit costs no stack (building a `JSONValue` caps
  /// it at `JSONValue.maxBuildDepth`).
  public var maxDepth: Int

  public init(maxDepth: Int = 512) {
    self.maxDepth = max(1, maxDepth)
  }

  public static let standard = JSONScanOptions()
}

/// One member of an object, as byte ranges into the scanned buffer.
public struct JSONMember: Sendable, Hashable {
  /// The decoded key.
  public var key: String
  /// The key including its quotes.
  public var keyRange: Range<Int>
  /// The value, from its first to its last byte (no surrounding whitespace).
  public var valueRange: Range<Int>

  public init(key: String, keyRange: Range<Int>, valueRange: Range<Int>) {
    self.key = key
    self.keyRange = keyRange
    self.valueRange = valueRange
  }
}

/// Validating scans that return byte ranges instead of building values.
///
/// Every function here checks the full RFC 8259 grammar of what it passes
/// over (strings, escapes, UTF-8, numbers, nesting), so a range it returns
/// always holds well-formed JSON.
public enum JSONScan {
  /// Validates a whole document and returns the range of its single value.
  public static func validate(
    _ bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard
  ) throws(JSONSyntaxError) -> Range<Int> {
    var scanner = ByteScanner(bytes, maxDepth: options.maxDepth)
    scanner.skipByteOrderMark()
    let range = try scanner.skipValueRange(depth: 0)
    try scanner.requireEnd()
    return range
  }

  /// Validates a whole document whose top level must be an object and returns
  /// the object's range and its members in file order (`nil` members when the
  /// top level is valid JSON but not an object).
  public static func topLevelMembers(
    of bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard
  ) throws(JSONSyntaxError) -> (root: Range<Int>, members: [JSONMember]?) {
    var scanner = ByteScanner(bytes, maxDepth: options.maxDepth)
    scanner.skipByteOrderMark()
    scanner.skipWhitespace()
    let start = scanner.position
    guard scanner.current == 0x7B else {
      let range = try scanner.skipValueRange(depth: 0)
      try scanner.requireEnd()
      return (range, nil)
    }
    let members = try scanner.scanObjectMembers(depth: 0)
    let root = start..<scanner.position
    try scanner.requireEnd()
    return (root, members)
  }

  /// The members of the object at `range`, validating it.
  public static func members(
    ofObjectAt range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard
  ) throws(JSONSyntaxError) -> [JSONMember] {
    var scanner = ByteScanner(bytes, range: range, maxDepth: options.maxDepth)
    scanner.skipWhitespace()
    guard scanner.current == 0x7B else { throw scanner.unexpected("'{' (an object)") }
    let members = try scanner.scanObjectMembers(depth: 0)
    try scanner.requireEnd()
    return members
  }

  /// The byte ranges of the elements of the array at `range`, validating it.
  public static func elementRanges(
    ofArrayAt range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard
  ) throws(JSONSyntaxError) -> [Range<Int>] {
    var out: [Range<Int>] = []
    try forEachElement(ofArrayAt: range, in: bytes, options: options) { _, element in
      out.append(element)
      return true
    }
    return out
  }

  /// Calls `body` with the position and byte range of each element of the
  /// array at `range`, validating each one; `body` returns false to stop early.
  public static func forEachElement(
    ofArrayAt range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard,
    _ body: (Int, Range<Int>) -> Bool
  ) throws(JSONSyntaxError) {
    var scanner = ByteScanner(bytes, range: range, maxDepth: options.maxDepth)
    scanner.skipWhitespace()
    try scanner.expect(0x5B, "'[' (an array)")
    var position = 0
    let completed = try scanner.scanElements(depth: 1) { element in
      defer { position += 1 }
      return body(position, element)
    }
    if completed { try scanner.requireEnd() }
  }

  /// The range of the value that starts at or after `offset` (leading whitespace skipped).
  public static func valueRange(
    at offset: Int, in bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard
  ) throws(JSONSyntaxError) -> Range<Int> {
    var scanner = ByteScanner(bytes, range: offset..<bytes.count, maxDepth: options.maxDepth)
    return try scanner.skipValueRange(depth: 0)
  }
}

extension ByteScanner {
  /// Consumes an object (cursor on `{`) and returns its members; values are
  /// validated and skipped. `depth` counts the containers around the object.
  mutating func scanObjectMembers(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
    guard depth < maxDepth else { throw error(.nestingTooDeep(limit: maxDepth), at: position) }
    try expect(0x7B, "'{'")
    var members: [JSONMember] = []
    skipWhitespace()
    if current == 0x7D {
      position += 1
      return members
    }
    while true {
      skipWhitespace()
      guard current == 0x22 else { throw unexpected("a member name in double quotes") }
      let keyStart = position
      let token = try scanString()
      let keyRange = keyStart..<position
      skipWhitespace()
      try expect(0x3A, "':' after a member name")
      let value = try skipValueRange(depth: depth + 1)
      members.append(JSONMember(key: decode(token), keyRange: keyRange, valueRange: value))
      skipWhitespace()
      if current == 0x2C {
        position += 1
        continue
      }
      try expect(0x7D, "',' or '}' after an object member")
      return members
    }
  }

  /// Consumes the elements of an array whose `[` is already consumed, through
  /// its `]`, handing each element's range to `body` (false stops early, with
  /// the cursor after that element). `depth` counts containers including this
  /// array. Returns false when stopped early.
  @discardableResult
  mutating func scanElements(
    depth: Int, _ body: (Range<Int>) -> Bool
  ) throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    if current == 0x5D {
      position += 1
      return true
    }
    while true {
      let element = try skipValueRange(depth: depth)
      guard body(element) else { return false }
      skipWhitespace()
      if current == 0x2C {
        position += 1
        continue
      }
      try expect(0x5D, "',' or ']' after an array element")
      return true
    }
  }
}
