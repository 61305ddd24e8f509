import CNcursesw
import PanopticEditor

/// Turns what ncurses returns into editor keys: a pure table, tested
/// without a terminal.
public enum KeyDecoder {
  /// A character `wget_wch` returned (OK status).
  public static func key(forCharacter v: UInt32) -> Key? {
    switch v {
    case 27: return .escape
    case 13, 10: return .enter
    case 9: return .tab
    case 8, 127: return .backspace
    case 0: return .ctrl(" ")
    case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
    case 28: return .ctrl("\\")
    case 29: return .ctrl("]")
    case 30: return .ctrl("^")
    case 31: return .ctrl("_")
    default:
      guard let s = Unicode.Scalar(v) else { return nil }
      return .char(Character(s))
    }
  }

  /// Function keys (KEY_CODE_YES status), mouse and resize excepted.
  public static func key(forKeyCode code: Int32) -> Key? {
    if let k = table[code] { return k }
    for n in 1...12 where code == nc_key_f(Int32(n)) { return Key.named(NamedKey(rawValue: "F\(n)")!) }
    return nil
  }

  static let table: [Int32: Key] = [
    KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
    KEY_SR: .named(.shiftUp), KEY_SF: .named(.shiftDown), KEY_SLEFT: .named(.shiftLeft), KEY_SRIGHT: .named(.shiftRight),
    KEY_HOME: .named(.home), KEY_END: .named(.end), KEY_PPAGE: .named(.pageUp), KEY_NPAGE: .named(.pageDown),
    KEY_DC: .named(.delete), KEY_IC: .named(.insert), KEY_BACKSPACE: .backspace, KEY_ENTER: .enter,
    KEY_BTAB: .named(.shiftTab),
  ]
}

/// Decodes xterm SGR mouse reports (`ESC [ < b ; x ; y M|m`) ourselves:
/// terminfo's `kmous` for tmux and screen expects the older X10 encoding,
/// so ncurses hands such reports over as plain characters.
public enum SGRMouse {
  /// The outcome of reading characters after an ESC.
  public enum Parse: Equatable {
    /// A whole report: the event (nil for reports the editor ignores) and
    /// how many characters it used.
    case event(MouseEvent?, consumed: Int)
    /// The characters so far could still become a report.
    case incomplete
    /// Not a mouse report.
    case no
  }

  /// Parses the characters that followed an ESC.
  public static func parse(_ chars: [Character]) -> Parse {
    let prefix: [Character] = ["[", "<"]
    for (i, c) in chars.prefix(2).enumerated() where c != prefix[i] { return .no }
    guard chars.count > 2 else { return .incomplete }
    var numbers: [Int] = [0]
    var digits = 0
    for (i, c) in chars.enumerated().dropFirst(2) {
      if let d = c.wholeNumberValue, c.isASCII {
        numbers[numbers.count - 1] = min(numbers[numbers.count - 1] * 10 + d, 1 << 20)
        digits += 1
      } else if c == ";" {
        guard digits > 0, numbers.count < 3 else { return .no }
        numbers.append(0)
        digits = 0
      } else if c == "M" || c == "m" {
        guard digits > 0, numbers.count == 3 else { return .no }
        return .event(event(code: numbers[0], column: numbers[1] - 1, row: numbers[2] - 1, released: c == "m"), consumed: i + 1)
      } else {
        return .no
      }
    }
    return .incomplete
  }

  static func event(code: Int, column: Int, row: Int, released: Bool) -> MouseEvent? {
    guard column >= 0, row >= 0 else { return nil }
    if code & 64 != 0 {
      switch code & 3 {
      case 0: return MouseEvent(.wheelUp, column: column, row: row)
      case 1: return MouseEvent(.wheelDown, column: column, row: row)
      default: return nil
      }
    }
    let button: MouseButton
    switch code & 3 {
    case 0: button = .left
    case 1: button = .middle
    case 2: button = .right
    default: return nil  // motion with no button held
    }
    if released { return MouseEvent(.release, button: button, column: column, row: row) }
    return MouseEvent(code & 32 != 0 ? .drag : .press, button: button, column: column, row: row)
  }
}
