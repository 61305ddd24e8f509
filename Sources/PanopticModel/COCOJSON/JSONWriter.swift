/// Writes `JSONValue`s in a given layout, the way Python's `json.dump` shapes its output.
///
/// Strings are written canonically: `"` and `\` escaped, control characters
/// as `\n`-style or `\u00XX` escapes, everything else (including `/` and
/// non-ASCII) as raw UTF-8. `\/` is never written (issue 12: "JSON without
/// `\/`"); non-ASCII stays readable in diffs. Numbers are written as their text.
public struct JSONWriter: Sendable {
  public var layout: JSONLayout

  public init(layout: JSONLayout = .pythonDefault) {
    self.layout = layout
  }

  /// The bytes of `value`, its nested lines indented from `baseIndent` (the
  /// indentation of the line the value starts on).
  public func bytes(of value: JSONValue, baseIndent: [UInt8] = []) -> [UInt8] {
    var out: [UInt8] = []
    write(value, baseIndent: baseIndent, into: &out)
    return out
  }

  /// Appends the bytes of `value` to `out`.
  public func write(_ value: JSONValue, baseIndent: [UInt8] = [], into out: inout [UInt8]) {
    write(value, indent: baseIndent, into: &out)
  }

  private func write(_ value: JSONValue, indent: [UInt8], into out: inout [UInt8]) {
    switch value {
    case .object(let object):
      guard !object.members.isEmpty else {
        out += [0x7B, 0x7D]
        return
      }
      out.append(0x7B)
      let inner = open(indent, into: &out)
      for (i, member) in object.members.enumerated() {
        if i > 0 { separate(inner, into: &out) }
        Self.writeString(member.key, into: &out)
        out += layout.keySeparator
        write(member.value, indent: inner, into: &out)
      }
      close(indent, into: &out)
      out.append(0x7D)
    case .array(let elements):
      guard !elements.isEmpty else {
        out += [0x5B, 0x5D]
        return
      }
      out.append(0x5B)
      let inner = open(indent, into: &out)
      for (i, element) in elements.enumerated() {
        if i > 0 { separate(inner, into: &out) }
        write(element, indent: inner, into: &out)
      }
      close(indent, into: &out)
      out.append(0x5D)
    case .string(let string):
      Self.writeString(string, into: &out)
    case .number(let number):
      out += number.text.utf8
    case .bool(let flag):
      out += (flag ? "true" : "false").utf8
    case .null:
      out += "null".utf8
    }
  }

  /// After an opening bracket: the newline and deeper indentation, if multiline.
  private func open(_ indent: [UInt8], into out: inout [UInt8]) -> [UInt8] {
    guard let unit = layout.indentUnit else { return indent }
    let inner = indent + unit
    out += layout.newline
    out += inner
    return inner
  }

  private func separate(_ inner: [UInt8], into out: inout [UInt8]) {
    out += layout.itemSeparator
    if layout.isMultiline {
      out += layout.newline
      out += inner
    }
  }

  private func close(_ indent: [UInt8], into out: inout [UInt8]) {
    guard layout.isMultiline else { return }
    out += layout.newline
    out += indent
  }

  /// Appends `string` as a JSON string literal (canonical escapes, raw UTF-8).
  public static func writeString(_ string: String, into out: inout [UInt8]) {
    out.append(0x22)
    for byte in string.utf8 {
      switch byte {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0x08: out += [0x5C, 0x62]
      case 0x0C: out += [0x5C, 0x66]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      default: out.append(byte)
      }
    }
    out.append(0x22)
  }
}
