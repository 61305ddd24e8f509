import PanopticModel
import PanopticRender
import PanopticSelection

/// The pending smart selection over the picture: its pixels tinted, its
/// border in a solid colour, the box and the clicks marked. Drawn every
/// frame from the engine's cached mask, so a click costs one cut and the
/// frame after it only the cells whose tint changed.
enum SelectionOverlay {
  static let tint = RGB(255, 215, 0)
  static let border = RGB(255, 255, 0)

  static func draw(into grid: inout CellGrid, _ s: EditorState) {
    let vp = s.view.viewport
    let style = s.view.style
    if let mask = s.selectionPreview, mask.pixelCount > 0 {
      let rows = min(grid.height, vp.rows)
      let columns = min(grid.width, vp.columns)
      func selected(_ sx: Int, _ sy: Int) -> Bool {
        let p = vp.imagePoint(screenX: sx, screenY: sy)
        return mask.contains(x: p.x, y: p.y)
      }
      let plain = style.colorMode == .mono || !style.unicode
      for row in 0..<rows {
        for column in 0..<columns {
          var cell = grid[column, row]
          var changed = false
          for half in 0..<2 {
            let sy = row * 2 + half
            guard selected(column, sy) else { continue }
            let edge = !selected(column - 1, sy) || !selected(column + 1, sy) || !selected(column, sy - 1) || !selected(column, sy + 1)
            if plain {
              if edge { cell.glyph = "*" }
              changed = changed || edge
              continue
            }
            let under = half == 1 ? cell.bg : cell.fg
            let rgb = under.rgbValue ?? under.paletteIndex.map(Palette.rgb(of:)) ?? RGB(128, 128, 128)
            let color = style.colorMode.quantize(edge ? border : rgb.blended(with: tint, alpha: 115))
            if half == 1 { cell.bg = color } else { cell.fg = color }
            changed = true
          }
          if changed { grid[column, row] = cell }
        }
      }
    }
    marks(into: &grid, s)
  }

  /// The box (placed, or being dragged or placed from the keyboard) and the clicks.
  static func marks(into grid: inout CellGrid, _ s: EditorState) {
    let sel = s.selection
    var box: (Point, Point)?
    if let b = sel.input.box { box = (Point(b.x0, b.y0), Point(b.x1, b.y1)) }
    if let a = sel.dragStart ?? sel.boxCorner, a != s.view.cursor { box = (a, s.view.cursor) }
    if let (a, b) = box {
      let x0 = min(a.x, b.x), x1 = max(a.x, b.x), y0 = min(a.y, b.y), y1 = max(a.y, b.y)
      let outline = Raster.line(through: [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)], closed: true)
      for p in outline { CursorMarks.mark(&grid, s, p, RGB(0, 255, 255), glyph: "-") }
    }
    for c in sel.input.clicks {
      CursorMarks.mark(&grid, s, Point(c.x, c.y), c.include ? RGB(0, 230, 0) : RGB(255, 40, 40), glyph: c.include ? "+" : "x")
    }
  }
}
