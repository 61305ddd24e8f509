/// A key press as the editor sees it, independent of the terminal library.
///
/// The text form (`a`, `A`, `<C-r>`, `<S-Left>`, `<Space>`) is the one keymap
/// files and tests use, like vim's and kakoune's key notation.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  case char(Character)
  case ctrl(Character)
  case named(String)

  public static let up = Key.named("Up")
  public static let down = Key.named("Down")
  public static let left = Key.named("Left")
  public static let right = Key.named("Right")
  public static let enter = Key.named("Enter")
  public static let escape = Key.named("Esc")
  public static let backspace = Key.named("BS")
  public static let tab = Key.named("Tab")

  static let namedKeys: Set<String> = [
    "Up", "Down", "Left", "Right", "S-Up", "S-Down", "S-Left", "S-Right", "Enter", "Esc", "BS", "Tab", "S-Tab",
    "Space", "Home", "End", "PgUp", "PgDn", "Del", "Ins", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
    "F10", "F11", "F12", "lt",
  ]

  public var description: String {
    switch self {
    case .char(" "): return "<Space>"
    case .char("<"): return "<lt>"
    case .char(let c): return String(c)
    case .ctrl(let c): return "<C-\(c)>"
    case .named(let n): return "<\(n)>"
    }
  }

  /// Parses one key in text form.
  public static func parse(_ text: String) -> Key? {
    if text.count == 1, let c = text.first { return .char(c) }
    guard text.hasPrefix("<"), text.hasSuffix(">"), text.count > 2 else { return nil }
    let inner = String(text.dropFirst().dropLast())
    if inner == "Space" { return .char(" ") }
    if inner == "lt" { return .char("<") }
    if inner.hasPrefix("C-"), inner.count == 3, let c = inner.last {
      return .ctrl(Character(c.lowercased()))
    }
    for n in namedKeys where n.lowercased() == inner.lowercased() { return .named(n) }
    if inner.lowercased() == "cr" || inner.lowercased() == "return" { return .enter }
    if inner.lowercased() == "escape" { return .escape }
    return nil
  }
}

/// Mouse input, already in cell coordinates of the whole screen.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case press, drag, release, wheelUp, wheelDown }
  public var kind: Kind
  public var column: Int
  public var row: Int

  public init(_ kind: Kind, column: Int, row: Int) {
    self.kind = kind
    self.column = column
    self.row = row
  }
}

/// Everything the terminal can tell the editor.
public enum InputEvent: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(columns: Int, rows: Int)
}
