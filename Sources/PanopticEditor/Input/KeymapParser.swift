import PanopticModel

/// Reads keymap files, one binding a line:
///
///     # comment
///     name NAME                        the map's name, for the help overlay
///     [map] [MODE] KEY COMMAND [ARGS…] bind (MODE: normal (default) or help)
///     unmap [MODE] KEY                 remove a binding
extension Keymap {
  /// Parses `text` on top of `self` (a built-in map, or an empty one).
  /// Errors name `source:line`.
  public func applying(_ text: String, source: String) throws(PanopticError) -> Keymap {
    var map = self
    var lineNumber = 0
    // `isNewline` splits CRLF files too ("\r\n" is one Character in Swift).
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      let line = rawLine.trimmingSpaces()
      if line.isEmpty || line.hasPrefix("#") { continue }
      let n = lineNumber
      func fail(_ why: String) -> PanopticError { .usage("\(source):\(n): \(why)") }
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      switch words[0] {
      case "name":
        guard words.count >= 2 else { throw fail("name needs a value") }
        map.name = words.dropFirst().joined(separator: " ")
        continue
      case "unmap":
        words.removeFirst()
        let mode = words.count == 2 ? KeymapMode(rawValue: words.removeFirst()) : .normal
        guard let mode, words.count == 1 else { throw fail("unmap needs [MODE] KEY") }
        guard let k = Key.parse(words[0]) else {
          throw fail("unmap: \"\(words[0])\" is not a key (one character, or a name such as <C-x>, <F2>, <Space>; see docs/keymaps.md)")
        }
        map.unbind(k, mode: mode)
        continue
      case "map":
        words.removeFirst()
      default:
        break
      }
      var mode = KeymapMode.normal
      if words.count >= 3, let m = KeymapMode(rawValue: words[0]) {
        mode = m
        words.removeFirst()
      }
      guard words.count >= 2 else { throw fail("expected KEY COMMAND, got \"\(line)\"") }
      guard let key = Key.parse(words[0]) else {
        throw fail("unknown key \"\(words[0])\" (write keys like a, <C-r>, <Left>, <Space>)")
      }
      // The command keeps its own spacing and quotes: drop the words before it.
      let commandText = Self.dropWords(line, count: line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count - words.count + 1)
      do {
        try map.bind(key, commandText, mode: mode)
      } catch {
        throw fail(error.description)
      }
    }
    return map
  }

  /// `line` without its first `count` space-separated words.
  static func dropWords(_ line: String, count: Int) -> String {
    var rest = Substring(line)
    for _ in 0..<count {
      rest = rest.drop { $0 == " " || $0 == "\t" }
      rest = rest.drop { $0 != " " && $0 != "\t" }
    }
    return rest.trimmingSpaces()
  }

  /// A built-in map by name (`default`, `vim`), parsed once per process.
  public static func builtIn(named name: String) -> Keymap? {
    switch name {
    case "default": return BuiltInKeymaps.parsedDefault
    case "vim": return BuiltInKeymaps.parsedVim
    default: return nil
    }
  }
}
