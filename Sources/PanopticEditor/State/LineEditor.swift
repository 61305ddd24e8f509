/// The `:` line: text with a cursor and the usual shell keys, kept as an
/// array of characters so typing or pasting 50 000 characters is linear.
public struct LineEditor: Sendable, Hashable {
  public private(set) var characters: [Character]
  /// Insertion point, 0...characters.count.
  public private(set) var cursor: Int
  /// Position in the command history while browsing it with Up/Down.
  var historyIndex: Int?

  public init(_ text: String = "") {
    characters = Array(text)
    cursor = characters.count
  }

  public var text: String { String(characters) }

  public mutating func insert(_ c: Character) {
    characters.insert(c, at: cursor)
    cursor += 1
  }

  /// Deletes before the cursor; false when there was nothing to delete.
  public mutating func backspace() -> Bool {
    guard cursor > 0 else { return false }
    characters.remove(at: cursor - 1)
    cursor -= 1
    return true
  }

  public mutating func deleteWordBackward() {
    var i = cursor
    while i > 0 && characters[i - 1] == " " { i -= 1 }
    while i > 0 && characters[i - 1] != " " { i -= 1 }
    characters.removeSubrange(i..<cursor)
    cursor = i
  }

  public mutating func clear() {
    characters.removeAll()
    cursor = 0
  }

  public mutating func moveCursor(by n: Int) { cursor = min(max(0, cursor + n), characters.count) }
  public mutating func moveToStart() { cursor = 0 }
  public mutating func moveToEnd() { cursor = characters.count }

  mutating func replace(with text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  /// The part of the line that fits `width` cells with the cursor visible:
  /// only that slice is drawn, so a huge paste costs one screen of work.
  public func visible(width: Int) -> (text: String, cursorColumn: Int) {
    guard width > 1 else { return ("", 0) }
    let start = max(0, cursor - (width - 1))
    let end = min(characters.count, start + width - 1)
    return (String(characters[start..<end]), cursor - start)
  }
}

/// What the help overlay shows.
public enum HelpPage: Sendable, Hashable {
  /// The keys of the active keymap and the `:` commands.
  case keys
  /// The recent messages in full, newest first (`:messages`).
  case messages
}

/// The one input mode the editor is in. A single value, so a `:` line, a
/// quit prompt and the help overlay can never be open at the same time.
public enum InputMode: Sendable, Hashable {
  /// Keys run keymap commands; digits build a count.
  case normal(count: Int?)
  /// Typing a command after `:`.
  case commandLine(LineEditor)
  /// Unsaved changes and a quit was asked for: w saves and quits, y quits,
  /// anything else stays.
  case confirmQuit
  /// The key help (or the message log) is shown, scrolled by this many lines.
  case help(HelpPage, scroll: Int)

  public static let normal = InputMode.normal(count: nil)

  public var count: Int? {
    if case .normal(let c) = self { return c }
    return nil
  }
}
