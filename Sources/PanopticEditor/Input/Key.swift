/// Keys with a name in keymap files (`<Left>`, `<PgDn>`, `<F5>`).
public enum NamedKey: String, CaseIterable, Sendable, Hashable {
  case up = "Up", down = "Down", left = "Left", right = "Right"
  case shiftUp = "S-Up", shiftDown = "S-Down", shiftLeft = "S-Left", shiftRight = "S-Right"
  case enter = "Enter", escape = "Esc", backspace = "BS", tab = "Tab", shiftTab = "S-Tab"
  case home = "Home", end = "End", pageUp = "PgUp", pageDown = "PgDn", delete = "Del", insert = "Ins"
  case f1 = "F1", f2 = "F2", f3 = "F3", f4 = "F4", f5 = "F5", f6 = "F6"
  case f7 = "F7", f8 = "F8", f9 = "F9", f10 = "F10", f11 = "F11", f12 = "F12"

  /// Other spellings keymap files may use (vim's and kakoune's).
  static let aliases: [String: NamedKey] = [
    "cr": .enter, "return": .enter, "escape": .escape, "backspace": .backspace, "pageup": .pageUp,
    "pagedown": .pageDown, "delete": .delete, "insert": .insert,
  ]
}

/// A key press as the editor sees it, independent of the terminal library.
///
/// The text form (`a`, `A`, `<C-r>`, `<S-Left>`, `<Space>`) is the one keymap
/// files and tests use, like vim's and kakoune's key notation.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  case char(Character)
  case ctrl(Character)
  case named(NamedKey)

  public static let up = Key.named(.up)
  public static let down = Key.named(.down)
  public static let left = Key.named(.left)
  public static let right = Key.named(.right)
  public static let enter = Key.named(.enter)
  public static let escape = Key.named(.escape)
  public static let backspace = Key.named(.backspace)
  public static let tab = Key.named(.tab)

  public var description: String {
    switch self {
    case .char(" "): return "<Space>"
    case .char("<"): return "<lt>"
    case .char(let c): return String(c)
    case .ctrl(let c): return "<C-\(c)>"
    case .named(let n): return "<\(n.rawValue)>"
    }
  }

  /// Parses one key in text form; nil for anything else.
  public static func parse(_ text: String) -> Key? {
    if text.count == 1, let c = text.first { return .char(c) }
    guard text.hasPrefix("<"), text.hasSuffix(">"), text.count > 2 else { return nil }
    let inner = String(text.dropFirst().dropLast())
    let lower = inner.lowercased()
    if lower == "space" { return .char(" ") }
    if lower == "lt" { return .char("<") }
    if lower.hasPrefix("c-"), inner.count == 3, let c = inner.last, c.isASCII, c.isLetter || "[]\\^_ ".contains(c) {
      return .ctrl(Character(c.lowercased()))
    }
    if let n = NamedKey.allCases.first(where: { $0.rawValue.lowercased() == lower }) { return .named(n) }
    return NamedKey.aliases[lower].map(Key.named)
  }

  /// A digit key that may start or extend a count (`5l`); `0` only extends.
  func countDigit(extending: Bool) -> Int? {
    guard case .char(let c) = self, c.isASCII, let d = c.wholeNumberValue else { return nil }
    return d > 0 || extending ? d : nil
  }
}

/// Which mouse button a report is about (wheel reports have their own kinds).
public enum MouseButton: Hashable, Sendable { case left, middle, right }

/// Mouse input, already in cell coordinates of the whole screen.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case press, drag, release, wheelUp, wheelDown }
  public var kind: Kind
  public var button: MouseButton
  public var column: Int
  public var row: Int
  /// True when the report is for the lower half of the cell (terminals that
  /// report pixels, or a decoder that knows); nil when unknown.
  public var lowerHalf: Bool?
  /// 2 for the second press of a double click.
  public var clickCount: Int

  public init(
    _ kind: Kind, button: MouseButton = .left, column: Int, row: Int, lowerHalf: Bool? = nil, clickCount: Int = 1
  ) {
    self.kind = kind
    self.button = button
    self.column = column
    self.row = row
    self.lowerHalf = lowerHalf
    self.clickCount = clickCount
  }
}

/// Everything the terminal can tell the editor.
public enum InputEvent: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(columns: Int, rows: Int)
}
