import CNcursesw

/// Terminal facts from terminfo, for commands that print without curses (`view`).
public enum TerminalInfo {
  /// The number of colours terminfo gives `term`, or nil when it is unknown.
  public static func colors(term: String) -> Int? {
    let n = nc_terminfo_colors(term)
    return n > 0 ? Int(n) : nil
  }
}
