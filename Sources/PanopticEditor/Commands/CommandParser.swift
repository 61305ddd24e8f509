import PanopticModel

/// Reads the command language shared by `:`, keymaps and `--script`.
///
/// One command per line or `;`-separated; words separated by spaces; a word
/// in double quotes may hold spaces, `;` and `#` (`w "my labels.png"`, with
/// `\"` and `\\` inside); so may a word that starts with a single quote
/// (`w 'my labels.png'`, nothing escaped inside, as in a shell: people type
/// what they type at the prompt), while a quote inside a word (`o'clock`)
/// is a letter; `#` outside quotes starts a comment. Lines may end in CRLF.
/// Coordinates are image pixels.
public enum CommandParser {
  /// One command's text with the line it came from, for `FILE:LINE` errors.
  public struct Statement: Hashable, Sendable {
    public var line: Int
    public var text: String
    /// Where the text starts on its line (1-based, in characters), so an
    /// error in `-c 'a; b; c'` (all one line) can say which command it was.
    public var column: Int = 1
    /// True when another statement shares its line.
    public var sharesItsLine = false
  }

  /// `NAME:LINE:` for an error or a note, `NAME:LINE:COLUMN:` when several
  /// statements share the line (the compilers' convention editors jump to).
  public static func location(_ name: String, _ statement: Statement) -> String {
    statement.sharesItsLine ? "\(name):\(statement.line):\(statement.column)" : "\(name):\(statement.line)"
  }

  /// Splits a script into statements (lines, `;`, comments), keeping quotes.
  public static func statements(_ text: String) -> [Statement] {
    var out: [Statement] = []
    var lineNumber = 1
    var current = ""
    var quote: Character?
    var escaped = false
    var comment = false
    var column = 0
    var start = 1
    var firstOfLine = out.count
    /// True once the statement being read has its first non-blank character.
    var started = false
    func flush() {
      let t = current.trimmingSpaces()
      if !t.isEmpty { out.append(Statement(line: lineNumber, text: t, column: start)) }
      current = ""
      started = false
    }
    func endLine() {
      if out.count - firstOfLine > 1 {
        for i in firstOfLine..<out.count { out[i].sharesItsLine = true }
      }
      firstOfLine = out.count
      column = 0
    }
    // A UTF-8 byte-order mark (Windows editors write one) is not a command.
    for ch in text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text) {
      column += 1
      if quote == nil && !comment && !started && ch != ";" && ch != "#" && ch != " " && ch != "\t" {
        start = column
        started = true
      }
      if ch == "\n" || ch == "\r\n" || ch == "\r" {
        flush()
        endLine()
        lineNumber += 1
        quote = nil
        escaped = false
        comment = false
        continue
      }
      if comment { continue }
      if let open = quote {
        current.append(ch)
        if open == "'" {
          if ch == "'" { quote = nil }
        } else if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          quote = nil
        }
        continue
      }
      switch ch {
      case "\"":
        quote = ch
        current.append(ch)
      case "'" where current.last.map { $0 == " " || $0 == "\t" } ?? true:
        quote = ch
        current.append(ch)
      case "#": comment = true
      case ";": flush()
      default: current.append(ch)
      }
    }
    flush()
    endLine()
    return out
  }

  /// Splits one statement into words, honouring double quotes and single-quoted words.
  public static func words(_ text: String) throws(PanopticError) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var inQuotes = false
    var inSingleQuotes = false
    var escaped = false
    for ch in text {
      if inSingleQuotes {
        if ch == "'" {
          inSingleQuotes = false
        } else {
          current.append(ch)
        }
      } else if inQuotes {
        if escaped {
          current.append(ch)
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inQuotes = false
        } else {
          current.append(ch)
        }
      } else if ch == " " || ch == "\t" {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else if ch == "\"" {
        inQuotes = true
        inWord = true
      } else if ch == "'" && !inWord {
        inSingleQuotes = true
        inWord = true
      } else {
        current.append(ch)
        inWord = true
      }
    }
    if inQuotes || inSingleQuotes { throw .usage("a quote is not closed in \(text)") }
    if inWord { words.append(current) }
    return words
  }

  /// Parses one command and returns it with its spec (for the count rule).
  public static func parseWithSpec(_ text: String) throws(PanopticError) -> (EditorCommand, CommandSpec) {
    let all = try words(text)
    guard let head = all.first else { throw .usage("empty command") }
    guard let spec = CommandTable.spec(named: head) else {
      let near = CommandTable.all.map(\.name).filter { $0.hasPrefix(String(head.prefix(2))) }
      throw .usage("unknown command \"\(head)\"" + (near.isEmpty ? " (the commands are in docs/commands.md and man panoptty)" : " (did you mean \(near.joined(separator: ", "))?)"))
    }
    var reader = ArgumentReader(head: head, words: Array(all.dropFirst()))
    let command = try spec.parse(&reader)
    try reader.noMore()
    return (command, spec)
  }

  public static func parse(_ text: String) throws(PanopticError) -> EditorCommand {
    try parseWithSpec(text).0
  }
}


