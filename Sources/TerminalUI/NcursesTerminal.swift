import CNcursesw
import CTerminalSignals
import Foundation
import PanopticEditor
import PanopticModel
import PanopticRender

/// The only code that talks to ncurses: the editor's `Terminal`. It blits
/// `CellGrid`s (diffed against the previous frame, so an edit sends only the
/// cells it changed) and turns terminal input into `InputEvent`s.
public final class NcursesTerminal: Terminal {
  public enum Failure: Error, CustomStringConvertible {
    case noTerminal(String)
    public var description: String {
      switch self {
      case .noTerminal(let m): return m
      }
    }
  }

  /// Colours the terminal can show, as the renderer should target them.
  public let colorMode: ColorMode
  public let unicode: Bool
  private var previous: CellGrid?
  private var pairsInUse = 0
  private let directColor: Bool
  /// False on terminals without colours: every cell uses pair 0.
  private let hasColorPairs: Bool
  private var buttonDown = false
  /// True once the terminal has hung up (the SSH link or the pane is gone):
  /// input then returns at once forever, so the caller must stop.
  public private(set) var hungUp = false
  private var closed = false

  /// Starts curses on the controlling terminal. `colorOverride` wins over
  /// detection (`--colors`).
  public init(colorOverride: ColorMode? = nil) throws {
    setlocale(LC_ALL, "")
    let env = ProcessInfo.processInfo.environment
    let codeset = String(cString: nc_codeset())
    unicode = codeset.uppercased() == "UTF-8"
    let term = env["TERM"] ?? ""
    if term.isEmpty || term == "dumb" {
      throw Failure.noTerminal("TERM is \(term.isEmpty ? "not set" : "dumb"); the editor needs a real terminal (or use --script / -c)")
    }
    termsig_install()
    guard nc_newterm() != nil else {
      throw Failure.noTerminal("the terminal \"\(term)\" is unknown to terminfo; try TERM=xterm-256color")
    }
    cbreak()
    nc_disable_flow_control()
    noecho()
    nonl()
    keypad(nc_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    var colors = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = Int(nc_colors())
    }
    let detected = ColorMode.detect(environment: env, terminfoColors: colors)
    // A terminal without colours (vt100, xterm-mono) gets no colour pairs
    // at all: ncurses has none to give before start_color.
    colorMode = colors == 0 ? .mono : colorOverride ?? detected
    hasColorPairs = colors > 0
    directColor = colors >= 16_777_216 && colorMode == .truecolor
    var old: mmask_t = 0
    mousemask(NC_ALL_MOUSE_EVENTS | NC_REPORT_MOUSE_POSITION, &old)
    mouseinterval(0)
    // ncurses asks only for clicks; button-event tracking (1002) gives drags,
    // SGR (1006) gives columns past 223.
    writeRaw(Self.mouseOn)
    // ncurses's first refresh clears the screen: let it happen now, before a
    // frame is drawn (which may bypass ncurses for 24-bit colour).
    wrefresh(nc_stdscr())
  }

  /// Button-event tracking (1002) gives drags, SGR (1006) columns past 223;
  /// ncurses asks only for clicks, and forgets ours after Ctrl-Z and `fg`.
  static let mouseOn = "\u{1B}[?1002h\u{1B}[?1006h"

  /// Puts the terminal back; safe to call twice (normal exit and signals).
  public func close() {
    guard !closed else { return }
    closed = true
    writeRaw("\u{1B}[?1006l\u{1B}[?1002l")
    endwin()
  }

  deinit { close() }

  public var size: (columns: Int, rows: Int) { (Int(nc_cols()), Int(nc_lines())) }

  private func writeRaw(_ s: String) {
    nc_write_raw(s)
  }

  private func colorNumber(_ c: CellColor) -> Int32 {
    if let p = c.paletteIndex { return Int32(p) }
    if let rgb = c.rgbValue {
      if directColor {
        let v = Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
        return v < 8 ? 8 : v  // 0-7 would mean the ANSI palette
      }
      return Int32(Palette.nearest256(rgb))
    }
    return -1
  }

  /// Sends the cells that differ from the last frame, then refreshes.
  public func draw(_ grid: CellGrid, force: Bool) {
    if colorMode == .truecolor && !directColor {
      // 24-bit colour on a terminal whose terminfo has 256 (COLORTERM says
      // it can do more): our own SGR sequences, ncurses only for input.
      let bytes = AnsiWriter.diff(from: force ? nil : previous, to: grid)
      bytes.withUnsafeBufferPointer { nc_write_bytes($0.baseAddress, $0.count) }
      previous = grid
      return
    }
    let win = nc_stdscr()
    let full = force || previous == nil || previous!.width != grid.width || previous!.height != grid.height
    if full {
      // Recycle colour pairs before a full repaint so panning never grows them.
      if pairsInUse > 20_000 {
        reset_color_pairs()
        pairsInUse = 0
      }
      if force { clearok(win, true) }
    }
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        if !full, let p = previous, p[x, y] == cell, !grid.rightHalfChanged(x: x, y: y, since: p) { continue }
        guard let glyph = grid.glyphToSend(x: x, y: y) else { continue }
        let pair = hasColorPairs ? alloc_pair(colorNumber(cell.fg), colorNumber(cell.bg)) : 0
        if pair > pairsInUse { pairsInUse = Int(pair) }
        var attrs: attr_t = 0
        if cell.attributes.contains(.bold) { attrs |= NC_A_BOLD }
        if cell.attributes.contains(.reverse) { attrs |= NC_A_REVERSE }
        if cell.attributes.contains(.underline) { attrs |= NC_A_UNDERLINE }
        // The bottom-right cell may fail to draw (it would scroll); that is fine.
        _ = nc_put_cell(win, Int32(y), Int32(x), wchar_t(bitPattern: glyph.value), attrs, max(0, pair))
      }
    }
    wrefresh(win)
    previous = grid
  }


  /// Waits up to `timeoutMs` (-1 = forever) for input.
  public func nextEvent(timeoutMs: Int32) -> InputEvent? {
    if termsig_take_continued() != 0 {
      // Back from Ctrl-Z: turn our mouse modes on again and repaint all.
      writeRaw(Self.mouseOn)
      return .resize(columns: Int(nc_cols()), rows: Int(nc_lines()))
    }
    guard let (rc, ch) = read(timeoutMs: timeoutMs) else {
      var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      if poll(&p, 1, 0) > 0 && (p.revents & Int16(POLLHUP | POLLERR | POLLNVAL)) != 0 { hungUp = true }
      return nil
    }
    if rc == KEY_CODE_YES { return decodeKeyCode(Int32(bitPattern: ch)) }
    if ch == 27, let mouse = readSGRMouse() { return mouse }
    return KeyDecoder.key(forCharacter: UInt32(ch)).map(InputEvent.key)
  }

  private func read(timeoutMs: Int32) -> (Int32, wint_t)? {
    wtimeout(nc_stdscr(), timeoutMs)
    var ch: wint_t = 0
    let rc = wget_wch(nc_stdscr(), &ch)
    return rc == ERR ? nil : (rc, ch)
  }

  /// After an ESC: an SGR mouse report that ncurses did not recognise (its
  /// terminfo expects X10 reports), or nil with the characters put back.
  private func readSGRMouse() -> InputEvent? {
    var chars: [Character] = []
    func putBack() { for c in chars.reversed() { _ = unget_wch(wchar_t(bitPattern: c.unicodeScalars.first!.value)) } }
    while true {
      switch SGRMouse.parse(chars) {
      case .event(let event, _):
        if let event { trackButton(event) }
        return event.map { InputEvent.mouse(countingClicks($0)) } ?? nextEvent(timeoutMs: 0)
      case .no:
        putBack()
        return nil
      case .incomplete:
        // The rest of a report arrives together; wait briefly over slow links.
        guard let (rc, ch) = read(timeoutMs: 30) else {
          putBack()
          return nil
        }
        guard rc != KEY_CODE_YES, let s = Unicode.Scalar(UInt32(ch)) else {
          // An arrow or a resize right after Esc is the next event, not part of a report:
          // it goes back behind the characters read so far (the queue is last in, first out).
          if rc == KEY_CODE_YES { _ = ungetch(Int32(bitPattern: ch)) } else { _ = unget_wch(wchar_t(bitPattern: ch)) }
          putBack()
          return nil
        }
        chars.append(Character(s))
      }
    }
  }

  private func trackButton(_ e: MouseEvent) {
    switch e.kind {
    case .press: buttonDown = true
    case .release: buttonDown = false
    default: break
    }
  }

  /// The last press (time, cell), to tell a double click: terminals report
  /// presses only.
  private var lastPress: (time: Double, column: Int, row: Int)?

  private func countingClicks(_ e: MouseEvent) -> MouseEvent {
    guard e.kind == .press, e.button == .left else { return e }
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    let now = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    var out = e
    if let last = lastPress, now - last.time < 0.4, last.column == e.column, last.row == e.row {
      out.clickCount = 2
      lastPress = nil
    } else {
      lastPress = (now, e.column, e.row)
    }
    return out
  }

  private func decodeKeyCode(_ code: Int32) -> InputEvent? {
    switch code {
    case KEY_RESIZE:
      // Let ncurses clear its (blank) screen now, before the editor redraws:
      // otherwise its next refresh would wipe a frame drawn with raw SGR.
      wrefresh(nc_stdscr())
      return .resize(columns: Int(nc_cols()), rows: Int(nc_lines()))
    case KEY_MOUSE:
      var ev = MEVENT()
      guard getmouse(&ev) == OK else { return nil }
      return mouseEvent(ev).map { InputEvent.mouse(countingClicks($0)) }
    default:
      return KeyDecoder.key(forKeyCode: code).map(InputEvent.key)
    }
  }

  /// A mouse report ncurses decoded itself.
  private func mouseEvent(_ ev: MEVENT) -> MouseEvent? {
    let b = ev.bstate
    let col = Int(ev.x), row = Int(ev.y)
    if b & NC_BUTTON4_PRESSED != 0 { return MouseEvent(.wheelUp, column: col, row: row) }
    if NC_BUTTON5_PRESSED != 0 && b & NC_BUTTON5_PRESSED != 0 { return MouseEvent(.wheelDown, column: col, row: row) }
    for (pressed, released, clicked, button) in [
      (NC_BUTTON1_PRESSED, NC_BUTTON1_RELEASED, NC_BUTTON1_CLICKED, MouseButton.left),
      (NC_BUTTON3_PRESSED, NC_BUTTON3_RELEASED, NC_BUTTON3_CLICKED, MouseButton.right),
    ] {
      if b & pressed != 0 {
        buttonDown = button == .left
        return MouseEvent(.press, button: button, column: col, row: row)
      }
      if b & released != 0 {
        buttonDown = false
        return MouseEvent(.release, button: button, column: col, row: row)
      }
      if b & clicked != 0 { return MouseEvent(.press, button: button, column: col, row: row) }
    }
    if b & NC_REPORT_MOUSE_POSITION != 0 && buttonDown { return MouseEvent(.drag, column: col, row: row) }
    return nil
  }
}
