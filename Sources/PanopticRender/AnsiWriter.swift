import PanopticModel

/// Serialises a `CellGrid` as ANSI text for `view`: SGR sequences only when
/// a colour changes, foreground and background in one sequence, and a reset
/// at the end of every line so the output `cat`s back unchanged.
///
/// Bytes are written straight into a buffer (no per-cell strings): a
/// truecolor frame is ~300 KB and this is on `view`'s critical path.
public enum AnsiWriter {
  public static func render(_ grid: CellGrid) -> String {
    String(decoding: bytes(grid), as: UTF8.self)
  }

  public static func bytes(_ grid: CellGrid) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(grid.width * grid.height * 24 + grid.height * 8)
    for y in 0..<grid.height {
      // Each line starts from a reset terminal (the previous line ended with one).
      var pen = SGRPen(attributes: [])
      for x in 0..<grid.width {
        guard let glyph = grid.glyphToSend(x: x, y: y) else { continue }
        pen.set(grid[x, y], into: &out)
        appendUTF8(glyph, into: &out)
      }
      out += [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m"), 0x0A]
    }
    return out
  }

  /// The grid as plain text, one line per row without trailing blanks and
  /// with no escape sequence at all: what `--colors mono`, `NO_COLOR` and
  /// `TERM=dumb` promise (a mono picture is told apart by its glyphs).
  public static func plainText(_ grid: CellGrid) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(grid.width * grid.height + grid.height)
    for y in 0..<grid.height {
      var line: [UInt8] = []
      for x in 0..<grid.width { if let g = grid.glyphToSend(x: x, y: y) { appendUTF8(g, into: &line) } }
      while line.last == UInt8(ascii: " ") { line.removeLast() }
      out += line
      out.append(0x0A)
    }
    return out
  }

  /// The bytes that turn a terminal showing `old` into one showing `new`:
  /// a cursor move only where the changed cells are not contiguous, SGR only
  /// where the pen changes. The editor's truecolor frames go out this way
  /// (ncurses can show 24-bit colour only with a direct-colour terminfo).
  public static func diff(from old: CellGrid?, to new: CellGrid) -> [UInt8] {
    var out: [UInt8] = []
    var pen = SGRPen()
    var cursor: (x: Int, y: Int)? = nil
    let full = old == nil || old!.width != new.width || old!.height != new.height
    if full { out += Array("\u{1B}[0m\u{1B}[2J".utf8) }
    for y in 0..<new.height {
      for x in 0..<new.width {
        let c = new[x, y]
        if !full, old![x, y] == c, !new.rightHalfChanged(x: x, y: y, since: old!) { continue }
        // The bottom-right cell would scroll some terminals: leave it.
        if x == new.width - 1 && y == new.height - 1 { continue }
        guard let glyph = new.glyphToSend(x: x, y: y) else { continue }
        if cursor == nil || cursor! != (x, y) {
          out += [0x1B, UInt8(ascii: "[")]
          number(y + 1, into: &out)
          out.append(UInt8(ascii: ";"))
          number(x + 1, into: &out)
          out.append(UInt8(ascii: "H"))
        }
        pen.set(c, into: &out)
        appendUTF8(glyph, into: &out)
        // (A two-column character, its right half next, moves the cursor two columns.)
        cursor = (x + (x + 1 < new.width && new[x + 1, y].glyph == Cell.continuation && glyph == c.glyph ? 2 : 1), y)
      }
    }
    if !out.isEmpty { out += Array("\u{1B}[0m".utf8) }
    return out
  }

  static func sgr(_ c: CellColor, foreground: Bool, into out: inout [UInt8]) {
    if let p = c.paletteIndex {
      if p < 8 { return number((foreground ? 30 : 40) + p, into: &out) }
      if p < 16 { return number((foreground ? 90 : 100) + p - 8, into: &out) }
      out += foreground ? Array("38;5;".utf8) : Array("48;5;".utf8)
      return number(p, into: &out)
    }
    if let rgb = c.rgbValue {
      out += foreground ? Array("38;2;".utf8) : Array("48;2;".utf8)
      number(Int(rgb.r), into: &out)
      out.append(UInt8(ascii: ";"))
      number(Int(rgb.g), into: &out)
      out.append(UInt8(ascii: ";"))
      number(Int(rgb.b), into: &out)
      return
    }
    out += foreground ? Array("39".utf8) : Array("49".utf8)
  }

  @inline(__always)
  static func number(_ v: Int, into out: inout [UInt8]) {
    if v >= 1000 {
      out += Array(String(v).utf8)
      return
    }
    if v >= 100 { out.append(UInt8(48 + v / 100)) }
    if v >= 10 { out.append(UInt8(48 + (v / 10) % 10)) }
    out.append(UInt8(48 + v % 10))
  }

  @inline(__always)
  static func appendUTF8(_ s: Unicode.Scalar, into out: inout [UInt8]) {
    let v = s.value
    switch v {
    case 0..<0x80: out.append(UInt8(v))
    case 0x80..<0x800:
      out += [UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F))]
    case 0x800..<0x10000:
      out += [UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))]
    default:
      out += [
        UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)), UInt8(0x80 | ((v >> 6) & 0x3F)),
        UInt8(0x80 | (v & 0x3F)),
      ]
    }
  }
}

/// The terminal's current attributes and colours, so a cell's SGR sequence
/// holds only what changed (foreground and background in one sequence).
struct SGRPen {
  var fg: CellColor?
  var bg: CellColor?
  var attributes: CellAttributes?

  mutating func set(_ c: Cell, into out: inout [UInt8]) {
    var opened = false
    func separator() {
      if opened {
        out.append(UInt8(ascii: ";"))
      } else {
        out += [0x1B, UInt8(ascii: "[")]
        opened = true
      }
    }
    if c.attributes != attributes {
      separator()
      out.append(UInt8(ascii: "0"))
      if c.attributes.contains(.bold) { out += [UInt8(ascii: ";"), UInt8(ascii: "1")] }
      if c.attributes.contains(.underline) { out += [UInt8(ascii: ";"), UInt8(ascii: "4")] }
      if c.attributes.contains(.reverse) { out += [UInt8(ascii: ";"), UInt8(ascii: "7")] }
      attributes = c.attributes
      fg = nil
      bg = nil
    }
    if c.fg != fg {
      separator()
      AnsiWriter.sgr(c.fg, foreground: true, into: &out)
      fg = c.fg
    }
    if c.bg != bg {
      separator()
      AnsiWriter.sgr(c.bg, foreground: false, into: &out)
      bg = c.bg
    }
    if opened { out.append(UInt8(ascii: "m")) }
  }
}
