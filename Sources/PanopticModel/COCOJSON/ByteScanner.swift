/// A cursor over JSON bytes that validates everything it moves over.
///
/// Internal on purpose: the public API hands out byte ranges and values, never
/// the buffer, so no caller can keep a pointer past the buffer's lifetime.
/// Every read is guarded by `position < end` first; the raw buffer's own
/// subscript check is a debug-only precondition, so these guards are what
/// keeps a hostile file (or index) from reading out of range.
struct ByteScanner {
  let bytes: UnsafeRawBufferPointer
  /// One past the last byte this scanner may read (a sub-range's end, or the buffer's).
  let end: Int
  var position: Int
  /// Deepest nesting accepted (containers inside containers).
  let maxDepth: Int

  init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil, maxDepth: Int) {
    self.bytes = bytes
    let clamped = range.map { $0.clamped(to: 0..<bytes.count) } ?? 0..<bytes.count
    self.end = clamped.upperBound
    self.position = clamped.lowerBound
    self.maxDepth = maxDepth
  }

  /// The byte under the cursor, or 0 at the end. 0 is never valid outside a
  /// string, so the sentinel cannot be mistaken for a token; error paths tell
  /// the two apart with `position < end`.
  @inline(__always) var current: UInt8 {
    position < end ? bytes[position] : 0
  }

  @inline(__always) func byte(at offset: Int) -> UInt8 {
    offset < end ? bytes[offset] : 0
  }

  @inline(__always) mutating func skipWhitespace() {
    while position < end {
      let byte = bytes[position]
      // Fast exit for the common case: any byte above space is a token.
      if byte > 0x20 { return }
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      position += 1
    }
  }

  /// The error for the byte under the cursor, naming what was expected there.
  func unexpected(_ expected: String) -> JSONSyntaxError {
    if position < 4, let encoding = JSONSyntaxError.otherEncoding(bytes) {
      return JSONSyntaxError(.notUTF8(encoding: encoding), at: 0, in: bytes)
    }
    if position >= end {
      return JSONSyntaxError(.unexpectedEnd(expected: expected), at: position, in: bytes)
    }
    return JSONSyntaxError(.unexpectedByte(bytes[position], expected: expected), at: position, in: bytes)
  }

  func error(_ kind: JSONSyntaxError.Kind, at offset: Int) -> JSONSyntaxError {
    JSONSyntaxError(kind, at: offset, in: bytes)
  }

  /// Consumes `byte` or fails naming `expected`.
  @inline(__always) mutating func expect(_ byte: UInt8, _ expected: String) throws(JSONSyntaxError) {
    guard current == byte else { throw unexpected(expected) }
    position += 1
  }

  /// Consumes `true`, `false` or `null` (the cursor is on its first letter).
  mutating func scanLiteral() throws(JSONSyntaxError) {
    let word: StaticString
    switch current {
    case UInt8(ascii: "t"): word = "true"
    case UInt8(ascii: "f"): word = "false"
    default: word = "null"
    }
    let start = position
    var i = 0
    while i < word.utf8CodeUnitCount {
      let expected = word.utf8Start[i]
      guard byte(at: start + i) == expected else {
        position = start + i
        throw unexpected("the literal \(word)")
      }
      i += 1
    }
    position = start + i
  }

  /// True when the raw bytes of `range` equal `literal` (used to match keys without decoding them).
  @inline(__always) func rawEquals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard range.count == count, range.upperBound <= end, range.lowerBound >= 0 else { return false }
    let base = literal.utf8Start
    var i = 0
    while i < count {
      if bytes[range.lowerBound + i] != base[i] { return false }
      i += 1
    }
    return true
  }

  /// The range of the value starting at the cursor, after checking it is followed
  /// only by whitespace up to `end` (for whole documents).
  mutating func requireEnd() throws(JSONSyntaxError) {
    skipWhitespace()
    guard position >= end else { throw error(.trailingContent, at: position) }
  }

  /// Skips a UTF-8 byte order mark: RFC 8259 §8.1 lets a parser ignore one.
  mutating func skipByteOrderMark() {
    if position + 3 <= end && bytes[position] == 0xEF && bytes[position + 1] == 0xBB
      && bytes[position + 2] == 0xBF
    {
      position += 3
    }
  }
}

/// `Array.withUnsafeBytes` for typed-throwing bodies (the standard one only rethrows `any Error`).
func withBytes<Result, Failure: Error>(
  of array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
) throws(Failure) -> Result {
  let outcome: Swift.Result<Result, Failure> = array.withUnsafeBytes { raw in
    Swift.Result { () throws(Failure) -> Result in try body(raw) }
  }
  return try outcome.get()
}
