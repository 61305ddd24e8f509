/// A scanned string: where its contents sit and whether they need unescaping.
///
/// Keeping the raw range lets hot paths (key matching in the index) compare
/// bytes without building a `String`; `hasEscapes` says when that is not valid.
struct StringToken {
  /// The bytes between the quotes, still escaped.
  var contents: Range<Int>
  var hasEscapes: Bool
}

extension ByteScanner {
  /// Consumes a string (the cursor is on its opening quote), validating
  /// escapes and UTF-8 so that its decoded form can never need repair.
  mutating func scanString() throws(JSONSyntaxError) -> StringToken {
    let open = position
    var i = position + 1
    var hasEscapes = false
    while true {
      guard i < end else { throw error(.unterminatedString, at: open) }
      let byte = bytes[i]
      if byte == 0x22 { break }
      if byte >= 0x20 && byte < 0x80 && byte != 0x5C {
        i += 1
        continue
      }
      if byte == 0x5C {
        hasEscapes = true
        i = try scanEscape(at: i)
      } else if byte < 0x20 {
        throw error(.controlCharacterInString(byte), at: i)
      } else {
        i = try scanUTF8Sequence(at: i)
      }
    }
    position = i + 1
    return StringToken(contents: (open + 1)..<i, hasEscapes: hasEscapes)
  }

  /// Validates one escape at `i` (the backslash) and returns the offset after it.
  private func scanEscape(at i: Int) throws(JSONSyntaxError) -> Int {
    guard i + 1 < end else { throw error(.unterminatedString, at: i) }
    switch bytes[i + 1] {
    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
      return i + 2
    case 0x75:
      let unit = try hex4(at: i + 2)
      if unit >= 0xDC00 && unit <= 0xDFFF { throw error(.loneSurrogate(unit), at: i) }
      guard unit >= 0xD800 && unit <= 0xDBFF else { return i + 6 }
      // A high surrogate must be followed by `\u` and a low surrogate.
      guard byte(at: i + 6) == 0x5C, byte(at: i + 7) == 0x75 else { throw error(.loneSurrogate(unit), at: i) }
      let low = try hex4(at: i + 8)
      guard low >= 0xDC00 && low <= 0xDFFF else { throw error(.loneSurrogate(unit), at: i) }
      return i + 12
    case let other:
      throw error(.invalidEscape(other), at: i)
    }
  }

  /// The value of four hex digits at `offset`.
  func hex4(at offset: Int) throws(JSONSyntaxError) -> UInt16 {
    guard offset + 4 <= end else { throw error(.invalidUnicodeEscape, at: offset - 2) }
    var value: UInt16 = 0
    for k in 0..<4 {
      let c = bytes[offset + k]
      let digit: UInt8
      switch c {
      case 0x30...0x39: digit = c - 0x30
      case 0x41...0x46: digit = c - 0x41 + 10
      case 0x61...0x66: digit = c - 0x61 + 10
      default: throw error(.invalidUnicodeEscape, at: offset - 2)
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  /// Validates one multi-byte UTF-8 sequence at `i` (Unicode table 3-7:
  /// no overlongs, no surrogates, nothing above U+10FFFF) and returns the offset after it.
  private func scanUTF8Sequence(at i: Int) throws(JSONSyntaxError) -> Int {
    let lead = bytes[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: throw error(.invalidUTF8, at: i)
    }
    guard i + length <= end else { throw error(.invalidUTF8, at: i) }
    let second = bytes[i + 1]
    guard second >= low && second <= high else { throw error(.invalidUTF8, at: i) }
    var k = 2
    while k < length {
      guard bytes[i + k] & 0xC0 == 0x80 else { throw error(.invalidUTF8, at: i) }
      k += 1
    }
    return i + length
  }

  /// The decoded text of a validated string token.
  func decode(_ token: StringToken) -> String {
    let raw = UnsafeRawBufferPointer(rebasing: bytes[token.contents])
    if !token.hasEscapes { return String(decoding: raw, as: UTF8.self) }
    return String(decoding: unescape(token), as: UTF8.self)
  }

  /// The UTF-8 bytes of a validated, escaped string token.
  func unescape(_ token: StringToken) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(token.contents.count)
    var i = token.contents.lowerBound
    while i < token.contents.upperBound {
      let byte = bytes[i]
      guard byte == 0x5C else {
        out.append(byte)
        i += 1
        continue
      }
      let kind = bytes[i + 1]
      switch kind {
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        // Validated by scanString, so these cannot fail.
        var scalar = UInt32((try? hex4(at: i + 2)) ?? 0xFFFD)
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          let low = UInt32((try? hex4(at: i + 8)) ?? 0xDC00)
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
        i += 6
        continue
      default: out.append(kind)  // " \ /
      }
      i += 2
    }
    return out
  }
}

/// Appends the UTF-8 encoding of `scalar`.
func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
  let v = scalar.value
  switch v {
  case 0..<0x80:
    out.append(UInt8(v))
  case 0x80..<0x800:
    out.append(UInt8(0xC0 | (v >> 6)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  case 0x800..<0x10000:
    out.append(UInt8(0xE0 | (v >> 12)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  default:
    out.append(UInt8(0xF0 | (v >> 18)))
    out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  }
}
