/// Binds keys to command-language text. Built-in maps ship in `keymaps/`;
/// a user file adds to or overrides one, line by line.
///
/// File format, one binding a line:
///
///     # comment
///     map KEY COMMAND [ARGS…]     bind (also just `KEY COMMAND…`)
///     unmap KEY                  remove a binding
///     name NAME                  the map's name, for the help overlay
public struct Keymap: Sendable, Hashable {
  public struct Binding: Hashable, Sendable {
    public var key: Key
    public var command: String
  }

  public var name: String
  public private(set) var bindings: [Binding]

  public init(name: String, bindings: [Binding] = []) {
    self.name = name
    self.bindings = bindings
  }

  public func command(for key: Key) -> String? {
    bindings.last { $0.key == key }?.command
  }

  public mutating func bind(_ key: Key, _ command: String) {
    bindings.removeAll { $0.key == key }
    bindings.append(Binding(key: key, command: command))
  }

  public mutating func unbind(_ key: Key) { bindings.removeAll { $0.key == key } }

  /// Parses a keymap file on top of `self` (a built-in map, or empty).
  /// Every command is checked against the command language, so a typo is
  /// reported with its line number when the map loads, not when the key is hit.
  public func applying(_ text: String, source: String) throws(PanopticError) -> Keymap {
    var map = self
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingSpaces()
      if line.isEmpty || line.hasPrefix("#") { continue }
      var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      let fail = { (why: String) -> PanopticError in .usage("\(source):\(n + 1): \(why)") }
      switch words[0] {
      case "name":
        guard words.count >= 2 else { throw fail("name needs a value") }
        map.name = words.dropFirst().joined(separator: " ")
        continue
      case "unmap":
        guard words.count == 2, let k = Key.parse(words[1]) else { throw fail("unmap needs one key") }
        map.unbind(k)
        continue
      case "map":
        words.removeFirst()
      default:
        break
      }
      guard words.count >= 2 else { throw fail("expected KEY COMMAND, got \"\(line)\"") }
      guard let key = Key.parse(words[0]) else { throw fail("unknown key \"\(words[0])\" (write keys like a, <C-r>, <Left>, <Space>)") }
      let command = words.dropFirst().joined(separator: " ")
      do {
        _ = try CommandParser.parse(command)
      } catch {
        throw fail(error.description)
      }
      map.bind(key, command)
    }
    return map
  }
}

extension Substring {
  func trimmingSpaces() -> String {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}

extension String {
  func trimmingSpaces() -> String { Substring(self).trimmingSpaces() }
}
