extension String {
  /// The text with every control character written as a visible escape
  /// (`\e`, `\n`, `\t`, `\u{7}`): names and paths come from files and
  /// other people, and printed raw an escape sequence would reach the
  /// terminal, a newline would split one error into two lines.
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: { $0.isControlCharacter || FileNameBytes.escapedByte($0) != nil }) else {
      return self
    }
    var out = ""
    for s in unicodeScalars {
      // A file name's byte that is not UTF-8 (see FileNameBytes), shown as the byte it is.
      if let byte = FileNameBytes.escapedByte(s) {
        out += "\\x" + String(byte, radix: 16, uppercase: true)
        continue
      }
      guard s.isControlCharacter else {
        out.unicodeScalars.append(s)
        continue
      }
      switch s {
      case "\u{1B}": out += "\\e"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out += "\\u{" + String(s.value, radix: 16) + "}"
      }
    }
    return out
  }
}

extension Unicode.Scalar {
  /// C0 and C1 controls, DEL, and the line and paragraph separators.
  public var isControlCharacter: Bool {
    value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and CRs.
  public func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
