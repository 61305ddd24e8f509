import Foundation

/// Lays out and draws the editor: picture, side panel, status line, message
/// or `:` line, and the help overlay, all into one `CellGrid`.
///
/// Holds the frame renderer (and so its cached photo sample) between frames.
public struct EditorScreen: Sendable {
  public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var columns: Int
    public var rows: Int
  }

  public struct Layout: Hashable, Sendable {
    public var picture: Rect
    public var panel: Rect?
    public var statusRow: Int
    public var messageRow: Int
    public var tooSmall: Bool
  }

  /// Smallest usable screen; below it the editor says so instead of drawing.
  public static let minimumColumns = 20
  public static let minimumRows = 5
  static let panelWidth = 30

  public static func layout(columns: Int, rows: Int, panel: Bool) -> Layout {
    let tooSmall = columns < minimumColumns || rows < minimumRows
    let showPanel = panel && columns >= 100 && !tooSmall
    let pw = showPanel ? panelWidth : 0
    let picture = Rect(x: 0, y: 0, columns: max(1, columns - (showPanel ? pw + 1 : 0)), rows: max(1, rows - 2))
    return Layout(
      picture: picture,
      panel: showPanel ? Rect(x: columns - pw, y: 0, columns: pw, rows: rows - 2) : nil,
      statusRow: max(0, rows - 2), messageRow: max(0, rows - 1), tooSmall: tooSmall)
  }

  private var renderer = FrameRenderer()

  public init() {}

  public mutating func render(_ s: EditorState) -> CellGrid {
    var grid = CellGrid(width: s.screenColumns, height: s.screenRows)
    let l = Self.layout(columns: s.screenColumns, rows: s.screenRows, panel: s.showPanel)
    if l.tooSmall {
      grid.put("terminal too small", x: 0, y: 0)
      grid.put("need \(Self.minimumColumns)x\(Self.minimumRows)", x: 0, y: 1)
      return grid
    }
    let mode = s.style.colorMode
    var picture = renderer.render(
      image: s.pyramid, labels: s.labels, catalog: s.catalog, viewport: s.viewport, style: s.style)
    drawCursor(into: &picture, s)
    grid.blit(picture, x: 0, y: 0)
    if let p = l.panel {
      for y in 0..<p.rows { grid[p.x - 1, y] = Cell(s.style.unicode ? "\u{2502}" : "|") }
      drawPanel(into: &grid, rect: p, s)
    }
    // Status line.
    let inverse = CellAttributes.reverse
    grid.fill(x: 0, y: l.statusRow, width: s.screenColumns, with: Cell(" ", attributes: inverse))
    grid.put(statusText(s), x: 0, y: l.statusRow, attributes: inverse)
    // Message or command line.
    if let line = s.commandLine {
      let end = grid.put(":" + line, x: 0, y: l.messageRow)
      if end < s.screenColumns { grid[end, l.messageRow] = Cell(" ", attributes: .reverse) }
    } else if s.countPrefix != nil {
      grid.put("\(s.countPrefix!)", x: 0, y: l.messageRow)
    } else {
      grid.put(
        s.message, x: 0, y: l.messageRow, fg: s.messageIsError ? mode.quantize(RGB(255, 90, 90)) : .terminalDefault,
        attributes: s.messageIsError ? .bold : [])
    }
    if s.showHelp { drawHelp(into: &grid, s) }
    return grid
  }

  func statusText(_ s: EditorState) -> String {
    let l = s.labelUnderCursor
    var under = "void"
    if !l.isVoid {
      let c = s.catalog[l.classIndex]
      under = c.isThing ? (l.instance == 0 ? "\(c.name) crowd" : "\(c.name) #\(l.instance)") : "\(c.name) (stuff)"
    }
    let raw = l.isVoid ? "void" : String(l.instance * 1000 + l.classIndex)
    var tool = s.tool.rawValue
    switch s.tool {
    case .brush, .erase: tool += " r\(s.brushRadius)\(s.brushShape == .square ? "□" : "")"
    case .fill: tool += s.fillRule == .color ? " tol \(s.tolerance)/\(s.connectivity)c" : " label/\(s.connectivity)c"
    case .poly, .rect: tool += " \(s.pendingPoints.count)pt"
    case .pick: break
    }
    let c = s.currentClass
    var cls = c.name
    if c.isThing { cls += s.selectedInstance.map { " #\($0)" } ?? " new#\(s.areas.nextInstanceID)" }
    let zoom = s.viewport.magnification >= 1
      ? "\(Int(s.viewport.magnification.rounded()))x" : "1/\(Int((1 / s.viewport.magnification).rounded()))"
    // Fixed-width fields: moving the cursor or editing rewrites only the
    // characters that changed, not a shifted line (bytes over SSH).
    let pos = pad("\(s.cursorX),\(s.cursorY)", 9)
    let here = pad("\(under) [\(raw)]", 30)
    return (s.isDirty ? " [+] " : "     ") + pos + " " + here + " | " + pad(tool, 16) + " | " + pad(cls, 22) + " | "
      + (s.preserve ? "keep" : "over") + " | " + pad(zoom, 4) + " | " + pad(s.style.mode.rawValue, 10) + " | " + s.fileName
  }

  func pad(_ t: String, _ n: Int) -> String {
    t.count >= n ? t : t + String(repeating: " ", count: n - t.count)
  }

  /// The cursor pixel, the brush outline, and pending polygon points.
  func drawCursor(into grid: inout CellGrid, _ s: EditorState) {
    let vp = s.viewport
    let mode = s.style.colorMode
    func mark(_ ix: Int, _ iy: Int, _ color: RGB, glyph: Unicode.Scalar) {
      let c = vp.cell(imageX: ix, imageY: iy)
      guard c.column >= 0, c.row >= 0, c.column < grid.width, c.row < grid.height else { return }
      var cell = grid[c.column, c.row]
      if mode == .mono || !s.style.unicode {
        cell.glyph = glyph
        cell.fg = mode == .mono ? .terminalDefault : mode.quantize(color)
      } else if c.lower {
        cell.bg = mode.quantize(color)
      } else {
        cell.fg = mode.quantize(color)
      }
      grid[c.column, c.row] = cell
    }
    if s.tool == .brush || s.tool == .erase, Double(s.brushRadius) / vp.scale >= 1.5 {
      let r = s.brushRadius
      let steps = max(16, Int(Double(r) / vp.scale * 6))
      for i in 0..<steps {
        let a = Double(i) / Double(steps) * 2 * Double.pi
        let x = s.cursorX + Int((Double(r) * cos(a)).rounded())
        let y = s.cursorY + Int((Double(r) * sin(a)).rounded())
        mark(x, y, RGB(255, 230, 0), glyph: ".")
      }
    }
    for p in s.pendingPoints { mark(p.0, p.1, RGB(0, 255, 255), glyph: "o") }
    mark(s.cursorX, s.cursorY, RGB(255, 0, 255), glyph: "+")
  }

  enum PanelHit { case classIndex(Int), segment(PanopticLabel) }

  /// Rows of the side panel: class palette first, then segments by area.
  static func panelRows(_ s: EditorState, rows: Int) -> (classes: [Int], segments: [(PanopticLabel, Int)], split: Int) {
    let split = max(3, rows / 2)
    let visible = split - 1
    let start = max(0, min(s.classIndex - visible / 2, s.catalog.count - visible))
    let classes = Array(start..<min(s.catalog.count, start + visible))
    let segs = s.areas.areas.filter { $0.key & 0xFFFF != PanopticLabel.voidClass }
      .map { (PanopticLabel(raw: $0.key), $0.value) }.sorted { ($0.1, $1.0.raw) > ($1.1, $0.0.raw) }
    return (classes, Array(segs.prefix(max(0, rows - split - 1))), split)
  }

  static func panelHit(_ s: EditorState, column: Int, row: Int) -> PanelHit? {
    let l = layout(columns: s.screenColumns, rows: s.screenRows, panel: s.showPanel)
    guard let p = l.panel, column >= p.x, row < p.rows else { return nil }
    let (classes, segs, split) = panelRows(s, rows: p.rows)
    if row >= 1 && row - 1 < classes.count { return .classIndex(classes[row - 1]) }
    let i = row - split - 1
    if i >= 0 && i < segs.count { return .segment(segs[i].0) }
    return nil
  }

  func drawPanel(into grid: inout CellGrid, rect p: Rect, _ s: EditorState) {
    let mode = s.style.colorMode
    let (classes, segs, split) = Self.panelRows(s, rows: p.rows)
    grid.put(" classes (\(s.catalog.name))", x: p.x, y: 0, attributes: .bold, maxWidth: p.columns)
    for (i, c) in classes.enumerated() {
      let info = s.catalog[c]
      let y = 1 + i
      let current = c == s.classIndex
      let sw = Cell(s.style.unicode ? "\u{2588}" : "#", fg: mode.quantize(info.color))
      grid[p.x, y] = current ? Cell(">", attributes: .bold) : Cell(" ")
      grid[p.x + 1, y] = sw
      grid.put(
        "\(c) \(info.name)\(info.isThing ? "" : " ·")", x: p.x + 3, y: y, attributes: current ? .reverse : [],
        maxWidth: p.columns - 3)
    }
    grid.put(" segments (\(segs.count) largest)", x: p.x, y: split, attributes: .bold, maxWidth: p.columns)
    let colors = LabelColors(catalog: s.catalog, colorBy: s.style.colorBy)
    for (i, (label, area)) in segs.enumerated() {
      let y = split + 1 + i
      let info = s.catalog[label.classIndex]
      let id = label.instance > 0 ? "#\(label.instance)" : (info.isThing ? "crowd" : "")
      let selected = s.selectedSegment == label
      grid[p.x + 1, y] = Cell(s.style.unicode ? "\u{2588}" : "#", fg: mode.quantize(colors.color(label)))
      grid.put(
        "\(id) \(info.name) \(area)", x: p.x + 3, y: y, attributes: selected ? .reverse : [], maxWidth: p.columns - 3)
    }
  }

  /// The help overlay, generated from the active keymap so it can never
  /// disagree with what the keys do.
  func drawHelp(into grid: inout CellGrid, _ s: EditorState) {
    let lines = Self.helpLines(s.keymap)
    let w = min(grid.width - 2, max(40, (lines.map(\.count).max() ?? 40) + 4))
    let h = min(grid.height - 2, lines.count + 3)
    let x0 = max(0, (grid.width - w) / 2)
    let y0 = max(0, (grid.height - h) / 2)
    for y in y0..<(y0 + h) { grid.fill(x: x0, y: y, width: w, with: Cell(" ", attributes: .reverse)) }
    grid.put(" keys: \(s.keymap.name) keymap  (j/k scroll, any other key closes) ", x: x0 + 1, y: y0, attributes: [.reverse, .bold], maxWidth: w - 2)
    let start = min(s.helpScroll, max(0, lines.count - (h - 3)))
    for (i, line) in lines.dropFirst(start).prefix(h - 3).enumerated() {
      grid.put(line, x: x0 + 2, y: y0 + 2 + i, attributes: .reverse, maxWidth: w - 4)
    }
  }

  public static func helpLines(_ keymap: Keymap) -> [String] {
    let width = max(8, keymap.bindings.map { $0.key.description.count }.max() ?? 8)
    return keymap.bindings.map { b in
      let k = b.key.description
      return k + String(repeating: " ", count: width - k.count) + "  " + b.command
    } + ["", ":  then any command, e.g. class car, fill 10 20, w, q (see docs/commands.md)"]
  }
}

