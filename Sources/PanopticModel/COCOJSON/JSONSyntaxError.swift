/// Where and why a text breaks the JSON grammar (RFC 8259).
///
/// The offset is what a program needs (to seek); line and column are what a
/// person needs (to open the file in an editor), so the error carries both.
/// Lines count `\n`; columns count Unicode scalars from 1, so a line full of
/// accented names still points at the right character.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, in terms a user can act on.
  public enum Kind: Sendable, Hashable {
    /// The text ended where more was required (`expected` names what).
    case unexpectedEnd(expected: String)
    /// A byte that cannot start or continue what `expected` names.
    case unexpectedByte(UInt8, expected: String)
    /// A string whose closing quote is missing.
    case unterminatedString
    /// A raw control character (below U+0020) inside a string; RFC 8259 requires `\u00XX`.
    case controlCharacterInString(UInt8)
    /// A backslash followed by something other than `" \ / b f n r t u`.
    case invalidEscape(UInt8)
    /// `\u` not followed by four hexadecimal digits.
    case invalidUnicodeEscape
    /// A `\uD800`–`\uDFFF` escape that is not half of a valid pair; it has no UTF-8 form.
    case loneSurrogate(UInt16)
    /// Bytes that are not well-formed UTF-8 (overlong, surrogate, truncated, > U+10FFFF).
    case invalidUTF8
    /// A number that breaks the grammar (`01`, `1.`, `-`, `.5`, `1e`).
    case invalidNumber(String)
    /// Containers nested deeper than the scanner's limit; refused so no caller can run out of stack.
    case nestingTooDeep(limit: Int)
    /// Something other than whitespace after the single top-level value.
    case trailingContent
    /// Text in another Unicode encoding (Windows tools save JSON as UTF-16); RFC 8259 requires UTF-8.
    case notUTF8(encoding: String)
  }

  public var kind: Kind
  /// Byte offset from the start of the scanned buffer.
  public var offset: Int
  /// 1-based line.
  public var line: Int
  /// 1-based column, in Unicode scalars.
  public var column: Int

  public init(kind: Kind, offset: Int, line: Int, column: Int) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// Builds the error, computing line and column from the bytes (only on the error path).
  init(_ kind: Kind, at offset: Int, in bytes: UnsafeRawBufferPointer) {
    let position = TextPosition(of: offset, in: bytes)
    self.init(kind: kind, offset: offset, line: position.line, column: position.column)
  }

  public var description: String {
    "invalid JSON at line \(line), column \(column) (byte \(offset)): \(reason)"
  }

  /// The reason alone, without the position.
  public var reason: String {
    switch kind {
    case .unexpectedEnd(let expected): "the text ends where \(expected) was expected"
    case .unexpectedByte(let byte, let expected): "found \(Self.show(byte)) where \(expected) was expected"
    case .unterminatedString: "a string is not closed"
    case .controlCharacterInString(let byte):
      "raw control character \(Self.show(byte)) in a string (write it as \\u00XX)"
    case .invalidEscape(let byte): "invalid escape \\\(Self.show(byte)) in a string"
    case .invalidUnicodeEscape: "\\u must be followed by four hexadecimal digits"
    case .loneSurrogate(let unit): "lone surrogate \\u\(Self.hex4(unit)) (not half of a UTF-16 pair)"
    case .invalidUTF8: "bytes that are not valid UTF-8"
    case .invalidNumber(let why): "invalid number: \(why)"
    case .nestingTooDeep(let limit): "arrays/objects nested deeper than \(limit) levels"
    case .trailingContent: "more text after the end of the JSON value"
    case .notUTF8(let encoding):
      "the text is \(encoding), and JSON must be UTF-8; convert it with iconv -f \(encoding) -t UTF-8 FILE > NEW.json"
    }
  }

  /// The encoding a text that fails in its first bytes is really in, from its
  /// byte-order mark or its zero bytes (ASCII in UTF-16 or UTF-32); nil for UTF-8.
  static func otherEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
    let b = Array(bytes.prefix(4))
    if b.starts(with: [0xFF, 0xFE, 0, 0]) || b.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
    if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
    if b.count == 4 && (b[1...] == [0, 0, 0] || b[..<3] == [0, 0, 0]) { return "UTF-32" }
    if b.count >= 2 && (b[0] == 0) != (b[1] == 0) { return "UTF-16" }
    return nil
  }

  /// A byte shown as a user sees it: printable ASCII in quotes, anything else in hex.
  static func show(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + hex2(byte)
  }

  static func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }

  static func hex4(_ unit: UInt16) -> String {
    hex2(UInt8(unit >> 8)) + hex2(UInt8(unit & 0xFF))
  }
}

/// A 1-based line and column (in Unicode scalars) of a byte offset.
public struct TextPosition: Sendable, Hashable {
  public var line: Int
  public var column: Int

  /// Counts lines and scalars up to `offset`; linear, so use it for messages, not in loops.
  public init(of offset: Int, in bytes: UnsafeRawBufferPointer) {
    var line = 1
    var column = 1
    let end = min(max(offset, 0), bytes.count)
    var i = 0
    while i < end {
      let byte = bytes[i]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    self.line = line
    self.column = column
  }
}
