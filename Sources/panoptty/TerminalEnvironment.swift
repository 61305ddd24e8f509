import Foundation
import PanopticCore

/// What the process can learn about its terminal without ncurses.
enum TerminalEnvironment {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

  /// Columns and rows of the terminal on stdout, if it is one.
  static func size() -> (columns: Int, rows: Int)? {
    var ws = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
    return (Int(ws.ws_col), Int(ws.ws_row))
  }

  /// True when the locale can print U+2580 (LC_ALL, then LC_CTYPE, then LANG).
  static var unicodeLocale: Bool {
    let env = environment
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let v = env[key], !v.isEmpty {
        let l = v.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
      }
    }
    return false
  }
}
