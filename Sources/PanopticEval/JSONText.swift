/// Hand-written JSON pieces (this layer imports nothing, so no
/// `JSONEncoder`), chosen so Python's `json.loads` gets back the exact values.
enum JSONText {
  /// Shortest text that round-trips to the same double. Swift's
  /// `description` is exactly that (like Python's `repr`); only the
  /// non-finite values need Python's spellings (`json.dumps` writes `NaN`,
  /// `Infinity`), which `json.loads` accepts.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return value.description
  }

  /// A JSON string literal with the escapes RFC 8259 requires.
  static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// `{"k": v, ...}` from pre-rendered values, in the given order.
  static func object(_ members: [(String, String)]) -> String {
    "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
  }

  static func array(_ elements: [String]) -> String {
    "[" + elements.joined(separator: ", ") + "]"
  }
}
