/// Text generated from `CommandTable`: the `:help` list and
/// docs/commands.md, so neither can drift from what the parser accepts.
public enum CommandReference {
  /// `usage — summary` lines for the help overlay.
  public static var helpLines: [String] {
    let width = min(44, CommandTable.all.map(\.usage.count).max() ?? 20)
    return CommandTable.all.map { s in
      s.usage + String(repeating: " ", count: max(1, width + 2 - s.usage.count)) + s.summary
    }
  }

  /// docs/commands.md, exactly (a test keeps the file equal to this).
  public static var markdown: String {
    var out = """
      # The command language

      Keys, the `:` line and scripts (`panoptty edit IMAGE --script FILE` or
      `-c 'CMD; CMD'`) all speak this language; every key in a keymap is bound
      to one of these commands, so anything a key does a script can do.
      This page is generated from panoptty's command table (`make docs`).

      - One command per line, or several separated by `;`. `#` starts a comment.
      - Words are separated by spaces; put a word with spaces, `;` or `#` in
        double quotes (`w "my labels.png"`, `\\"` for a quote inside) or, as
        at a shell prompt, in single quotes (`w 'my labels.png'`, nothing
        escaped inside); a quote inside a word (`o'clock`) is a letter.
      - Coordinates are image pixels (x to the right, y down, from 0).
      - Segments are named by thing instance id (`3`) or by class with `@`
        (`@road`, `@traffic_light`): stuff, or a thing class's crowd region.
      - A script runs top to bottom; if a command fails, the run stops with
        `FILE:LINE: reason` and nothing is saved. At the end the labels are
        saved unless the script quit with `q!`; `w PATH` writes a copy there.
        The saves run in order once every line has run; one that only the
        write can refuse (a COCO copy whose `image_id` its JSON gives another
        PNG) stops there, naming its line and the saves written before it.
      - A count typed before a key (`5l`, `3u`) is applied as the table's
        *count* column says: **scales** multiplies the step, **repeats** runs
        the command that many times, **ignored** drops it.

      | command | what it does | count | example |
      |---|---|---|---|

      """
    for s in CommandTable.all {
      // An alias the usage already shows (`undo | u`) is not named twice.
      let shown = Set(s.usage.split(separator: "|").compactMap { $0.split(separator: " ").first.map(String.init) })
      let others = s.aliases.filter { !shown.contains($0) }
      let names = others.isEmpty ? "" : " (also \(others.map { "`\($0)`" }.joined(separator: ", ")))"
      let usage = s.usage.replacingBars()
      out += "| `\(usage)`\(names) | \(s.summary) | \(s.count.rawValue) | `\(s.examples[0].text.replacingBars())` |\n"
    }
    return out
  }
}

extension String {
  /// `|` escaped for a Markdown table cell.
  func replacingBars() -> String {
    var out = ""
    for ch in self { out += ch == "|" ? "\\|" : String(ch) }
    return out
  }
}
