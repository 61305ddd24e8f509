import Glibc

/// The size of the terminal on standard output, without starting curses
/// (`view` prints at the terminal's width).
public enum TerminalSize {
  public static func ofStandardOutput() -> (columns: Int, rows: Int)? {
    var ws = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
    return (Int(ws.ws_col), Int(ws.ws_row))
  }

  /// True when the locale can print U+2580 (LC_ALL, then LC_CTYPE, then LANG).
  public static func unicodeLocale(_ environment: [String: String]) -> Bool {
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let v = environment[key], !v.isEmpty {
        let l = v.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
      }
    }
    return false
  }
}
