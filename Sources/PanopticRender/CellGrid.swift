import PanopticModel

/// A terminal colour as the renderer decided it: the terminal's default, an
/// xterm palette index, or 24-bit RGB. Packed so cells compare as integers.
public struct CellColor: Hashable, Sendable, CustomStringConvertible {
  public var raw: UInt32

  public static let terminalDefault = CellColor(raw: 0)
  @inlinable public static func rgb(_ c: RGB) -> CellColor {
    CellColor(raw: 0x0100_0000 | UInt32(c.r) << 16 | UInt32(c.g) << 8 | UInt32(c.b))
  }
  @inlinable public static func palette(_ index: Int) -> CellColor { CellColor(raw: 0x0200_0000 | UInt32(index & 0xFF)) }

  @inlinable public init(raw: UInt32) { self.raw = raw }

  public var isDefault: Bool { raw == 0 }
  public var paletteIndex: Int? { raw >> 24 == 2 ? Int(raw & 0xFF) : nil }
  public var rgbValue: RGB? {
    raw >> 24 == 1 ? RGB(UInt8((raw >> 16) & 0xFF), UInt8((raw >> 8) & 0xFF), UInt8(raw & 0xFF)) : nil
  }

  /// Compact text for golden tests: `-`, `p196`, `#rrggbb`.
  public var description: String {
    if let p = paletteIndex { return "p\(p)" }
    if let c = rgbValue { return c.description }
    return "-"
  }
}

/// Text attributes a cell may carry.
public struct CellAttributes: OptionSet, Hashable, Sendable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = CellAttributes(rawValue: 1)
  public static let reverse = CellAttributes(rawValue: 2)
  public static let underline = CellAttributes(rawValue: 4)
}

/// One terminal cell: a glyph with its colours.
public struct Cell: Hashable, Sendable {
  public var glyph: Unicode.Scalar
  public var fg: CellColor
  public var bg: CellColor
  public var attributes: CellAttributes

  public init(
    _ glyph: Unicode.Scalar = " ", fg: CellColor = .terminalDefault, bg: CellColor = .terminalDefault,
    attributes: CellAttributes = []
  ) {
    self.glyph = glyph
    self.fg = fg
    self.bg = bg
    self.attributes = attributes
  }

  public static let blank = Cell()
  /// The right half of a two-column character in the cell before it: the
  /// terminal already drew it there, so writers send nothing for it.
  @inlinable public static var continuation: Unicode.Scalar { "\u{0}" }
  /// U+2580 UPPER HALF BLOCK: fg paints the upper pixel, bg the lower.
  @inlinable public static var upperHalf: Unicode.Scalar { "\u{2580}" }
}

/// The screen as a value. The renderer fills it; the terminal layer diffs and
/// blits it; `view` prints it; tests compare it.
public struct CellGrid: Hashable, Sendable {
  public private(set) var width: Int
  public private(set) var height: Int
  public var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = [Cell](repeating: fill, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes text from (x, y), clipped at the right edge; returns the column after it.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, fg: CellColor = .terminalDefault, bg: CellColor = .terminalDefault,
    attributes: CellAttributes = [], maxWidth: Int? = nil
  ) -> Int {
    guard y >= 0 && y < height else { return x }
    var cx = x
    let limit = min(width, maxWidth.map { x + $0 } ?? width)
    // Text from files (names, paths) may hold control characters: a cell
    // must never carry one to the terminal.
    for s in text.escapingControlCharacters.unicodeScalars {
      if cx >= limit { break }
      switch TextWidth.columns(s) {
      case 0: continue  // a combining mark: its base's cell shows it
      case 2:
        // Two cells, or a blank where only one is left.
        guard cx + 1 < limit else {
          if cx >= 0 { self[cx, y] = Cell(" ", fg: fg, bg: bg, attributes: attributes) }
          return cx + 1
        }
        if cx >= 0 { self[cx, y] = Cell(s, fg: fg, bg: bg, attributes: attributes) }
        // (Its left half off the grid's left edge: the right half shows as a blank.)
        if cx + 1 >= 0 { self[cx + 1, y] = Cell(cx >= 0 ? Cell.continuation : " ", fg: fg, bg: bg, attributes: attributes) }
        cx += 2
      default:
        if cx >= 0 { self[cx, y] = Cell(s, fg: fg, bg: bg, attributes: attributes) }
        cx += 1
      }
    }
    return cx
  }

  /// Fills a row span with one cell.
  public mutating func fill(x: Int, y: Int, width w: Int, with cell: Cell) {
    guard y >= 0 && y < height else { return }
    for cx in max(0, x)..<min(width, x + w) { self[cx, y] = cell }
  }

  /// The glyph a writer sends for cell (x, y): nil for the right half of a
  /// two-column character, and a blank for a two-column character whose
  /// right half something else has covered (an overlay's edge), so the
  /// terminal's columns always match the grid's.
  @inlinable public func glyphToSend(x: Int, y: Int) -> Unicode.Scalar? {
    let g = self[x, y].glyph
    if g == Cell.continuation { return nil }
    if g.value >= 0x300, TextWidth.columns(g) == 2, x + 1 >= width || self[x + 1, y].glyph != Cell.continuation {
      return " "
    }
    return g
  }

  /// True when (x, y) holds a two-column character whose right half differs
  /// from `old`'s: something drawn there before (an overlay) erased the
  /// character on the terminal, so it must be sent again.
  @inlinable public func rightHalfChanged(x: Int, y: Int, since old: CellGrid) -> Bool {
    x + 1 < width && self[x + 1, y].glyph == Cell.continuation && old[x + 1, y] != self[x + 1, y]
  }

  /// Copies another grid in at (x, y), clipped.
  public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
    for oy in 0..<other.height where y + oy >= 0 && y + oy < height {
      for ox in 0..<other.width where x + ox >= 0 && x + ox < width {
        self[x + ox, y + oy] = other[ox, oy]
      }
    }
  }

  /// The glyphs of one row, for tests and plain captures.
  public func text(row y: Int) -> String {
    var s = String.UnicodeScalarView()
    for x in 0..<width where self[x, y].glyph != Cell.continuation { s.append(self[x, y].glyph) }
    return String(s)
  }

  /// A golden-file form: the glyph lines, then one line per row of
  /// `fg/bg` pairs, so a colour change shows up as a readable diff.
  public var goldenText: String {
    var lines = (0..<height).map { text(row: $0) }
    lines.append("--")
    for y in 0..<height {
      lines.append((0..<width).map { "\(self[$0, y].fg)/\(self[$0, y].bg)" }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }
}
