import CNcursesw
import PanopticEditor
import Testing

@testable import TerminalUI

/// What ncurses hands over, turned into editor keys: a pure table, tested
/// without a terminal.
@Suite("Key decoding")
struct KeyDecoderTests {
  @Test func controlCharacters() {
    #expect(KeyDecoder.key(forCharacter: 27) == .escape)
    #expect(KeyDecoder.key(forCharacter: 13) == .enter)
    #expect(KeyDecoder.key(forCharacter: 10) == .enter)
    #expect(KeyDecoder.key(forCharacter: 9) == .tab)
    #expect(KeyDecoder.key(forCharacter: 8) == .backspace)
    #expect(KeyDecoder.key(forCharacter: 127) == .backspace)
    #expect(KeyDecoder.key(forCharacter: 0) == .ctrl(" "))
    #expect(KeyDecoder.key(forCharacter: 1) == .ctrl("a"))
    #expect(KeyDecoder.key(forCharacter: 18) == .ctrl("r"))
    #expect(KeyDecoder.key(forCharacter: 19) == .ctrl("s"))
    #expect(KeyDecoder.key(forCharacter: 26) == .ctrl("z"))
    #expect(KeyDecoder.key(forCharacter: 28) == .ctrl("\\"))
    #expect(KeyDecoder.key(forCharacter: 29) == .ctrl("]"))
    #expect(KeyDecoder.key(forCharacter: 30) == .ctrl("^"))
    #expect(KeyDecoder.key(forCharacter: 31) == .ctrl("_"))
    // Every other C0 control is its Ctrl letter, as keymaps write it.
    for v in UInt32(1)...26 where ![8, 9, 10, 13].contains(v) {
      let key = KeyDecoder.key(forCharacter: v)
      #expect(key.flatMap { Key.parse($0.description) } == key, "\(v)")
      guard case .ctrl(let c)? = key else {
        Issue.record("\(v) → \(String(describing: key))")
        continue
      }
      #expect(c.asciiValue == UInt8(v) + 96, "\(v)")
    }
  }

  @Test func lettersDigitsAndPunctuation() {
    for ch in "aZ09 :;<>?[]{}|~!\"'`" {
      #expect(KeyDecoder.key(forCharacter: ch.unicodeScalars.first!.value) == .char(ch), "\(ch)")
    }
  }

  /// wget_wch returns whole code points, so UTF-8 letters arrive as one key.
  @Test func utf8LettersAreOneKey() {
    for ch: Character in ["é", "ß", "ж", "中", "😀", "\u{A0}"] {
      #expect(KeyDecoder.key(forCharacter: ch.unicodeScalars.first!.value) == .char(ch), "\(ch)")
    }
    // Not a Unicode scalar: no key, never a crash.
    #expect(KeyDecoder.key(forCharacter: 0xD800) == nil)
    #expect(KeyDecoder.key(forCharacter: 0x11_0000) == nil)
    #expect(KeyDecoder.key(forCharacter: UInt32.max) == nil)
  }

  @Test func functionAndEditingKeys() {
    let expected: [(Int32, Key)] = [
      (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
      (KEY_SR, .named(.shiftUp)), (KEY_SF, .named(.shiftDown)), (KEY_SLEFT, .named(.shiftLeft)),
      (KEY_SRIGHT, .named(.shiftRight)), (KEY_HOME, .named(.home)), (KEY_END, .named(.end)),
      (KEY_PPAGE, .named(.pageUp)), (KEY_NPAGE, .named(.pageDown)), (KEY_DC, .named(.delete)),
      (KEY_IC, .named(.insert)), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter), (KEY_BTAB, .named(.shiftTab)),
    ]
    for (code, key) in expected { #expect(KeyDecoder.key(forKeyCode: code) == key, "\(key)") }
    for n in Int32(1)...12 {
      #expect(KeyDecoder.key(forKeyCode: nc_key_f(n)) == .named(NamedKey(rawValue: "F\(n)")!), "F\(n)")
    }
    // Mouse and resize are handled by the terminal, not as keys; unknown codes are nothing.
    #expect(KeyDecoder.key(forKeyCode: KEY_MOUSE) == nil)
    #expect(KeyDecoder.key(forKeyCode: KEY_RESIZE) == nil)
    #expect(KeyDecoder.key(forKeyCode: nc_key_f(13)) == nil)
    #expect(KeyDecoder.key(forKeyCode: 0) == nil)
    #expect(KeyDecoder.key(forKeyCode: -1) == nil)
  }

  /// Every key the decoder can produce can be written in a keymap file.
  @Test func everyDecodedKeyCanBeBound() {
    var keys: [Key] = (0...127).compactMap { KeyDecoder.key(forCharacter: $0) }
    keys += (Int32(0o400)...Int32(0o777)).compactMap { KeyDecoder.key(forKeyCode: $0) }
    for k in keys { #expect(Key.parse(k.description) == k, "\(k)") }
  }
}

@Suite("SGR mouse reports")
struct SGRMouseTests {
  func parse(_ s: String) -> SGRMouse.Parse { SGRMouse.parse(Array(s)) }

  @Test func pressesOfEachButton() {
    #expect(parse("[<0;10;5M") == .event(MouseEvent(.press, button: .left, column: 9, row: 4), consumed: 9))
    #expect(parse("[<1;1;1M") == .event(MouseEvent(.press, button: .middle, column: 0, row: 0), consumed: 8))
    #expect(parse("[<2;300;200M") == .event(MouseEvent(.press, button: .right, column: 299, row: 199), consumed: 12))
    // Modifier bits (shift 4, meta 8, ctrl 16) do not change the button.
    #expect(parse("[<20;3;4M") == .event(MouseEvent(.press, button: .left, column: 2, row: 3), consumed: 9))
  }

  @Test func releasesDragsAndWheel() {
    #expect(parse("[<0;10;5m") == .event(MouseEvent(.release, button: .left, column: 9, row: 4), consumed: 9))
    #expect(parse("[<2;10;5m") == .event(MouseEvent(.release, button: .right, column: 9, row: 4), consumed: 9))
    #expect(parse("[<32;7;8M") == .event(MouseEvent(.drag, button: .left, column: 6, row: 7), consumed: 9))
    #expect(parse("[<34;7;8M") == .event(MouseEvent(.drag, button: .right, column: 6, row: 7), consumed: 9))
    #expect(parse("[<64;3;4M") == .event(MouseEvent(.wheelUp, column: 2, row: 3), consumed: 9))
    #expect(parse("[<65;3;4M") == .event(MouseEvent(.wheelDown, column: 2, row: 3), consumed: 9))
    // Reports the editor ignores are consumed whole, as nil events:
    // horizontal wheel, motion with no button, positions off the screen.
    #expect(parse("[<66;3;4M") == .event(nil, consumed: 9))
    #expect(parse("[<35;3;4M") == .event(nil, consumed: 9))
    #expect(parse("[<0;0;1M") == .event(nil, consumed: 8))
    #expect(parse("[<0;1;0M") == .event(nil, consumed: 8))
  }

  @Test func onlyTheReportIsConsumed() {
    #expect(parse("[<0;1;2Mjk") == .event(MouseEvent(.press, column: 0, row: 1), consumed: 8))
    #expect(parse("[<0;1;2M[<0;1;2M") == .event(MouseEvent(.press, column: 0, row: 1), consumed: 8))
  }

  @Test func prefixesOfAReportAreIncomplete() {
    let report = Array("[<64;123;45M")
    for n in 0..<report.count {
      #expect(SGRMouse.parse(Array(report.prefix(n))) == .incomplete, "\(String(report.prefix(n)))")
    }
  }

  @Test func garbageIsNotAReport() {
    for s in [
      "x", "[A", "[<x", "[<;1;1M", "[<0;;1M", "[<0;1M", "[<0;1;M", "[<0;1;2;3M", "[<0;1;2X", "[<-1;2;3M",
      "[<0 ;1;2M", "O", "[[<0;1;1M", "[<٣;1;1M", "[<0;1;1\u{1B}",
    ] {
      #expect(parse(s) == .no, "\(s.debugDescription)")
    }
  }

  /// Numbers are clamped while they are read, so a hostile report cannot
  /// overflow; it lands far off the screen.
  @Test func hugeNumbersDoNotOverflow() {
    let nines = String(repeating: "9", count: 400)
    #expect(parse("[<0;\(nines);\(nines)M") == .event(
      MouseEvent(.press, column: (1 << 20) - 1, row: (1 << 20) - 1), consumed: 805 + 1))
    guard case .event(_, let consumed) = parse("[<\(nines);1;1m") else {
      Issue.record("a huge button code is still one report")
      return
    }
    #expect(consumed == 400 + 7)
    #expect(parse("[<" + nines) == .incomplete)
  }
}
