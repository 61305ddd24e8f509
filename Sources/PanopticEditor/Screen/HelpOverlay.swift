import PanopticRender

/// The help overlay, generated from the active keymap and the command
/// table so it can never disagree with what the keys do.
enum HelpOverlay {
  static func draw(into grid: inout CellGrid, _ s: EditorState, page: HelpPage, scroll: Int) {
    // (Wrapped to the box's inside: the width of the screen less the box's frame and margins.)
    let lines = page == .keys ? lines(s.keymap) : messageLines(s.messageLog, width: max(4, grid.width - 6))
    let w = min(grid.width - 2, max(40, (lines.map { TextWidth.columns(of: $0) }.max() ?? 40) + 4))
    let h = min(grid.height - 2, lines.count + 3)
    let x0 = max(0, (grid.width - w) / 2)
    let y0 = max(0, (grid.height - h) / 2)
    for y in y0..<(y0 + h) { grid.fill(x: x0, y: y, width: w, with: Cell(" ", attributes: .reverse)) }
    let title = page == .keys ? "keys: \(s.keymap.name) keymap" : "messages, newest first"
    grid.put(" \(title)  (j/k scroll, any other key closes) ", x: x0 + 1, y: y0, attributes: [.reverse, .bold], maxWidth: w - 2)
    let start = min(scroll, max(0, lines.count - (h - 3)))
    for (i, line) in lines.dropFirst(start).prefix(h - 3).enumerated() {
      grid.put(line, x: x0 + 2, y: y0 + 2 + i, attributes: .reverse, maxWidth: w - 4)
    }
  }

  /// The message log, newest first, each message wrapped at spaces to
  /// `width` columns (a wide character counts two; a word too long for a
  /// line is cut), an error marked `!`, a blank line between messages.
  static func messageLines(_ log: [EditorMessage], width: Int) -> [String] {
    guard !log.isEmpty else { return ["(no messages yet)"] }
    let room = max(1, width - 2)
    var out: [String] = []
    for m in log.reversed() {
      var lines: [String] = []
      var line = ""
      var used = 0
      for word in m.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
        var word = word
        var w = TextWidth.columns(of: word)
        if used > 0 && used + 1 + w > room {
          lines.append(line)
          (line, used) = ("", 0)
        }
        while w > room {  // a path longer than a line
          var head = TextWidth.prefix(word, columns: room - used - (used > 0 ? 1 : 0))
          // (A line too narrow for even one wide character takes it anyway.)
          if head.isEmpty && used == 0 { head = String(word.unicodeScalars.prefix(1)) }
          if head.isEmpty {
            lines.append(line)
            (line, used) = ("", 0)
            continue
          }
          lines.append(line + (used > 0 ? " " : "") + head)
          (line, used) = ("", 0)
          word = String(word.unicodeScalars.dropFirst(head.unicodeScalars.count))
          w = TextWidth.columns(of: word)
        }
        line += (used > 0 ? " " : "") + word
        used += (used > 0 ? 1 : 0) + w
      }
      lines.append(line)
      for (i, l) in lines.enumerated() { out.append((i == 0 && m.isError ? "! " : "  ") + l) }
      out.append("")
    }
    return out.dropLast()
  }

  /// Every normal-mode binding, then the commands `:` accepts.
  public static func lines(_ keymap: Keymap) -> [String] {
    let normal = keymap.bindings.filter { $0.mode == .normal }
    let width = max(8, normal.map { $0.key.description.count }.max() ?? 8)
    return normal.map { b in
      let k = b.key.description
      return k + String(repeating: " ", count: width - k.count) + "  " + b.text
    } + ["", ":  then any command (docs/commands.md):"] + CommandReference.helpLines.map { "   " + $0 }
  }
}
