/// A JSON number kept as its source text.
///
/// Converting to `Double` and back would turn `2840` into `2840.0`, `1e400`
/// into `inf` and `-0` into `0`, so an untouched entry could not be written
/// back as it was. The text is kept and interpreted only when a field asks
/// for it (`intValue`), which is also where range errors become visible.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number exactly as written (RFC 8259 grammar, checked).
  public let text: String

  /// A number from text; nil unless `text` is a valid JSON number.
  public init?(text: String) {
    let utf8 = Array(text.utf8)
    let valid = utf8.withUnsafeBytes { raw -> Bool in
      var scanner = ByteScanner(raw, maxDepth: 1)
      guard (try? scanner.scanNumber()) != nil else { return false }
      return scanner.position == raw.count
    }
    guard valid, !utf8.isEmpty else { return nil }
    self.text = text
  }

  /// A number whose text is already known to be valid (from the scanner).
  init(validatedText: String) {
    self.text = validatedText
  }

  /// An integer, written in decimal.
  public init(_ value: Int) {
    self.text = String(value)
  }

  public var description: String { text }

  /// The exact integer value, or nil when the number has a non-zero fraction
  /// or does not fit in `Int`. `2840.0` and `2.84e3` are 2840 (some tools write
  /// areas as floats); `-0` is 0; `1e400` and `0.5` are nil.
  public var intValue: Int? {
    var digits: [UInt8] = []
    var negative = false
    var fractionDigits = 0
    var exponent = 0
    var exponentNegative = false
    var part = 0  // 0 integer, 1 fraction, 2 exponent
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "-") where part == 0: negative = true
      case UInt8(ascii: "-"): exponentNegative = true
      case UInt8(ascii: "+"): break
      case UInt8(ascii: "."): part = 1
      case UInt8(ascii: "e"), UInt8(ascii: "E"): part = 2
      default:
        let digit = Int(byte &- 0x30)
        if part == 2 {
          // Clamp: anything beyond 10^400 cannot fit anyway.
          exponent = min(exponent * 10 + digit, 100_000)
        } else {
          // Leading zeros are dropped; in the fraction they still shift the point.
          if part == 1 { fractionDigits += 1 }
          if !(digits.isEmpty && digit == 0) { digits.append(UInt8(digit)) }
        }
      }
    }
    if digits.isEmpty { return 0 }
    // value = digits × 10^(scale), where leading zeros were dropped.
    var scale = (exponentNegative ? -exponent : exponent) - fractionDigits
    while scale < 0 {
      guard let last = digits.last, last == 0 else { return nil }
      digits.removeLast()
      scale += 1
      if digits.isEmpty { return 0 }
    }
    guard digits.count + scale <= 19 else { return nil }
    var magnitude: UInt64 = 0
    for digit in digits {
      let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(UInt64(digit))
      guard !o1 && !o2 else { return nil }
      magnitude = a
    }
    for _ in 0..<scale {
      let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
      guard !o else { return nil }
      magnitude = m
    }
    if negative {
      guard magnitude <= UInt64(Int.max) + 1 else { return nil }
      return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
    }
    guard magnitude <= UInt64(Int.max) else { return nil }
    return Int(magnitude)
  }

  /// The nearest `Double` (infinite for `1e400`); for display, not for ids.
  public var doubleValue: Double {
    Double(text) ?? .nan
  }
}
