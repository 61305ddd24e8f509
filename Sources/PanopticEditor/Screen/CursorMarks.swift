import PanopticModel
import PanopticRender

/// The cursor, the brush outline and the points of a shape in progress,
/// drawn over the picture.
enum CursorMarks {
  static func draw(into grid: inout CellGrid, _ s: EditorState) {
    let vp = s.view.viewport
    let style = s.view.style
    func mark(_ p: Point, _ color: RGB, glyph: Unicode.Scalar) {
      let c = vp.cell(imageX: p.x, imageY: p.y)
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
    let tools = s.tools
    if tools.tool == .brush || tools.tool == .erase, Double(tools.brushRadius) / vp.scale >= 1.5 {
      for p in ring(radius: tools.brushRadius, center: s.view.cursor) { mark(p, RGB(255, 230, 0), glyph: ".") }
    }
    for p in tools.pendingPoints { mark(p, RGB(0, 255, 255), glyph: "o") }
    mark(s.view.cursor, RGB(255, 0, 255), glyph: "+")
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
