import PanopticModel
import PanopticRender

/// Draws the editor: picture, side panel, status line, message or `:` line,
/// and the help overlay, all into one `CellGrid`.
///
/// Holds the frame renderer (and so its cached photo sample) between frames.
public struct EditorScreen: Sendable {
  private var renderer = FrameRenderer()

  public init() {}

  public mutating func render(_ s: EditorState) -> CellGrid {
    let v = s.view
    var grid = CellGrid(width: v.columns, height: v.rows)
    let l = v.layout
    if l.tooSmall {
      grid.put("terminal too small", x: 0, y: 0)
      grid.put("need \(EditorLayout.minimumColumns)x\(EditorLayout.minimumRows)", x: 0, y: 1)
      return grid
    }
    let shown = s.shownLabels
    var picture = renderer.render(
      image: s.pyramid, labels: shown.map, catalog: shown.catalog, viewport: v.viewport, style: v.style)
    SelectionOverlay.draw(into: &picture, s)
    CursorMarks.draw(into: &picture, s)
    grid.blit(picture, x: 0, y: 0)
    if let p = l.panel {
      for y in 0..<p.rows { grid[p.x - 1, y] = Cell(v.style.unicode ? "\u{2502}" : "|") }
      SidePanel.draw(into: &grid, rect: p, s)
    }
    grid.fill(x: 0, y: l.statusRow, width: v.columns, with: Cell(" ", attributes: .reverse))
    grid.put(StatusLine.text(s), x: 0, y: l.statusRow, attributes: .reverse)
    drawMessageRow(into: &grid, row: l.messageRow, s)
    if case .help(let page, let scroll) = s.mode { HelpOverlay.draw(into: &grid, s, page: page, scroll: scroll) }
    return grid
  }

  func drawMessageRow(into grid: inout CellGrid, row: Int, _ s: EditorState) {
    let errorColor = s.view.style.colorMode.quantize(RGB(255, 90, 90))
    switch s.mode {
    case .commandLine(let line):
      let (text, cursor) = line.visible(width: grid.width - 1)
      grid.put(":" + text, x: 0, y: row)
      let cx = 1 + cursor
      if cx < grid.width {
        var cell = grid[cx, row]
        cell.attributes.insert(.reverse)
        grid[cx, row] = cell
      }
    case .normal(let count?):
      grid.put("\(count)", x: 0, y: row)
    case .confirmQuit:
      grid.put(EditorState.confirmQuitPrompt, x: 0, y: row, fg: errorColor, attributes: .bold)
    case .normal(nil), .help:
      let m = s.message
      // A message too long for the row says where the rest is.
      let more = " … (:messages)"
      let text = TextWidth.columns(of: m.text) > grid.width && grid.width > more.count + 10
        ? TextWidth.prefix(m.text, columns: grid.width - more.count) + more : m.text
      grid.put(text, x: 0, y: row, fg: m.isError ? errorColor : .terminalDefault, attributes: m.isError ? .bold : [])
    }
  }
}
