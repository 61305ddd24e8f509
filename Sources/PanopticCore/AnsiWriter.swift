/// Serialises a `CellGrid` as ANSI text for `view`: SGR sequences only when
/// a colour changes, foreground and background in one sequence, and a reset
/// at the end of every line so the output `cat`s back unchanged.
public enum AnsiWriter {
  public static func render(_ grid: CellGrid) -> String {
    var out = ""
    out.reserveCapacity(grid.width * grid.height * 12)
    for y in 0..<grid.height {
      var fg: CellColor? = nil
      var bg: CellColor? = nil
      var attrs: CellAttributes = []
      for x in 0..<grid.width {
        let c = grid[x, y]
        var params: [String] = []
        if c.attributes != attrs {
          params.append("0")
          if c.attributes.contains(.bold) { params.append("1") }
          if c.attributes.contains(.underline) { params.append("4") }
          if c.attributes.contains(.reverse) { params.append("7") }
          attrs = c.attributes
          fg = nil
          bg = nil
        }
        if c.fg != fg {
          params.append(sgr(c.fg, foreground: true))
          fg = c.fg
        }
        // A space shows only its background, and ▀ only… both; skip a
        // background change that cannot be seen (full block glyphs).
        if c.bg != bg {
          params.append(sgr(c.bg, foreground: false))
          bg = c.bg
        }
        if !params.isEmpty { out += "\u{1B}[" + params.joined(separator: ";") + "m" }
        out.unicodeScalars.append(c.glyph)
      }
      out += "\u{1B}[0m\n"
    }
    return out
  }

  static func sgr(_ c: CellColor, foreground: Bool) -> String {
    if let p = c.paletteIndex {
      if p < 8 { return String((foreground ? 30 : 40) + p) }
      if p < 16 { return String((foreground ? 90 : 100) + p - 8) }
      return (foreground ? "38;5;" : "48;5;") + String(p)
    }
    if let rgb = c.rgbValue {
      return (foreground ? "38;2;" : "48;2;") + "\(rgb.r);\(rgb.g);\(rgb.b)"
    }
    return foreground ? "39" : "49"
  }
}
