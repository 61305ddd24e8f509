import PanopticModel
import PanopticRender

/// The cursor, the brush outline and the points of a shape in progress,
/// drawn over the picture.
enum CursorMarks {
  /// Colours the half cell showing image pixel `p` (a glyph where there
  /// are no half blocks or no colours).
  static func mark(_ grid: inout CellGrid, _ s: EditorState, _ p: Point, _ color: RGB, glyph: Unicode.Scalar) {
    let style = s.view.style
    let c = s.view.viewport.cell(imageX: p.x, imageY: p.y)
    guard c.column >= 0, c.row >= 0, c.column < grid.width, c.row < grid.height else { return }
    var cell = grid[c.column, c.row]
    if style.colorMode == .mono || !style.unicode {
      cell.glyph = glyph
      cell.fg = style.colorMode.quantize(color)
    } else if c.lower {
      cell.bg = style.colorMode.quantize(color)
    } else {
      cell.fg = style.colorMode.quantize(color)
    }
    grid[c.column, c.row] = cell
  }

  static func draw(into grid: inout CellGrid, _ s: EditorState) {
    let vp = s.view.viewport
    func mark(_ p: Point, _ color: RGB, glyph: Unicode.Scalar) { Self.mark(&grid, s, p, color, glyph: glyph) }
    let tools = s.tools
    if tools.tool == .brush || tools.tool == .erase, Double(tools.brushRadius) / vp.scale >= 1.5 {
      for p in ring(radius: tools.brushRadius, center: s.view.cursor) { mark(p, RGB(255, 230, 0), glyph: ".") }
    }
    if !tools.pendingPoints.isEmpty {
      // The polygon so far and the edge it would gain at the cursor.
      let edges = Raster.line(through: tools.pendingPoints + [s.view.cursor], closed: false)
      for p in edges { mark(p, RGB(0, 255, 255), glyph: "-") }
      for p in tools.pendingPoints { mark(p, RGB(0, 255, 255), glyph: "o") }
    }
    crosshair(into: &grid, s)
  }

  /// The cursor: its pixel, and four short arms a gap away, in the colour
  /// that contrasts most with what is under each, so it stays visible on a
  /// busy photo without hiding the pixel it points at.
  static func crosshair(into grid: inout CellGrid, _ s: EditorState) {
    let vp = s.view.viewport
    let style = s.view.style
    let center = vp.screenPoint(imageX: s.view.cursor.x, imageY: s.view.cursor.y)
    var points = [(center.x, center.y)]
    for d in 2...3 { points += [(center.x - d, center.y), (center.x + d, center.y), (center.x, center.y - d), (center.x, center.y + d)] }
    for (sx, sy) in points {
      let column = sx, row = sy >> 1, lower = sy & 1 == 1
      guard column >= 0, row >= 0, column < grid.width, row < grid.height else { continue }
      var cell = grid[column, row]
      if style.colorMode == .mono || !style.unicode {
        if sx == center.x && sy == center.y { cell.glyph = "+" }
        grid[column, row] = cell
        continue
      }
      let under = lower ? cell.bg : cell.fg
      let color = contrasting(under, style.colorMode, isCenter: sx == center.x && sy == center.y)
      if lower { cell.bg = color } else { cell.fg = color }
      grid[column, row] = cell
    }
  }

  /// Magenta at the centre, black or white on the arms: whichever differs
  /// more from the colour under it.
  static func contrasting(_ c: CellColor, _ mode: ColorMode, isCenter: Bool) -> CellColor {
    let rgb = c.rgbValue ?? c.paletteIndex.map(Palette.rgb(of:)) ?? RGB(128, 128, 128)
    if isCenter { return mode.quantize(rgb.luma > 140 && rgb.r > 180 && rgb.b > 180 ? RGB(0, 200, 0) : RGB(255, 0, 255)) }
    return mode.quantize(rgb.luma > 110 ? RGB(0, 0, 0) : RGB(255, 255, 255))
  }

  /// The pixels of a circle (midpoint algorithm: integers only, no gaps).
  static func ring(radius r: Int, center c: Point) -> [Point] {
    var out: [Point] = []
    var x = r, y = 0, err = 1 - r
    while x >= y {
      for (dx, dy) in [(x, y), (y, x), (-y, x), (-x, y), (-x, -y), (-y, -x), (y, -x), (x, -y)] {
        out.append(Point(c.x + dx, c.y + dy))
      }
      y += 1
      if err < 0 {
        err += 2 * y + 1
      } else {
        x -= 1
        err += 2 * (y - x) + 1
      }
    }
    return out
  }
}
