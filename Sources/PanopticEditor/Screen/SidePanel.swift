import PanopticModel
import PanopticRender

/// The side panel: the class palette around the current class, then the
/// largest segments. Both are clickable.
enum SidePanel {
  enum Hit { case classIndex(Int), segment(PanopticLabel) }

  struct Rows {
    var classes: [Int]
    var segments: [(label: PanopticLabel, area: Int)]
    /// Row of the segments heading.
    var split: Int
  }

  static func rows(_ s: EditorState, rows: Int) -> Rows {
    let split = max(3, rows / 2)
    let visible = split - 1
    let centred = s.tools.classIndex - visible / 2
    let scrolled = s.view.panelClassScroll.flatMap { $0.forClass == s.tools.classIndex ? $0.start : nil }
    let start = max(0, min(scrolled ?? centred, s.catalog.count - visible))
    let classes = Array(start..<min(s.catalog.count, start + visible))
    let wanted = max(0, rows - split - 1)
    let segs = s.document.areas.areas.filter { !PanopticLabel.isVoid($0.key) }
      .map { (label: PanopticLabel(raw: $0.key), area: $0.value) }
      .sorted { ($0.area, $1.label.raw) > ($1.area, $0.label.raw) }
    return Rows(classes: classes, segments: Array(segs.prefix(wanted)), split: split)
  }

  /// The class list after a wheel turn over it (`by` rows, up negative), or nil when
  /// the pointer is not over the list.
  static func scrolled(_ s: EditorState, column: Int, row: Int, by delta: Int) -> ViewState.PanelScroll? {
    guard let p = s.view.layout.panel, column >= p.x, row < p.rows else { return nil }
    let r = rows(s, rows: p.rows)
    guard row >= 1 && row < r.split, let first = r.classes.first else { return nil }
    let last = max(0, s.catalog.count - r.classes.count)
    return ViewState.PanelScroll(start: max(0, min(first + delta, last)), forClass: s.tools.classIndex)
  }

  static func hit(_ s: EditorState, column: Int, row: Int) -> Hit? {
    guard let p = s.view.layout.panel, column >= p.x, row < p.rows else { return nil }
    let r = rows(s, rows: p.rows)
    if row >= 1 && row - 1 < r.classes.count { return .classIndex(r.classes[row - 1]) }
    let i = row - r.split - 1
    if i >= 0 && i < r.segments.count { return .segment(r.segments[i].label) }
    return nil
  }

  static func draw(into grid: inout CellGrid, rect p: EditorLayout.Rect, _ s: EditorState) {
    let style = s.view.style
    let r = rows(s, rows: p.rows)
    // In mono a swatch is a glyph without colour: nothing coloured is drawn.
    let swatch: Unicode.Scalar = style.colorMode == .mono ? "#" : (style.unicode ? "\u{2588}" : "#")
    grid.put(" classes (\(s.catalog.name))", x: p.x, y: 0, attributes: .bold, maxWidth: p.columns)
    for (i, c) in r.classes.enumerated() {
      let info = s.catalog[c]
      let y = 1 + i
      let current = c == s.tools.classIndex
      grid[p.x, y] = current ? Cell(">", attributes: .bold) : Cell(" ")
      grid[p.x + 1, y] = Cell(swatch, fg: style.colorMode.quantize(info.color))
      grid.put(
        "\(c) \(info.name)\(info.isThing ? "" : " ·")", x: p.x + 3, y: y, attributes: current ? .reverse : [],
        maxWidth: p.columns - 3)
    }
    grid.put(" segments (\(r.segments.count) largest)", x: p.x, y: r.split, attributes: .bold, maxWidth: p.columns)
    let colors = LabelColors(catalog: s.catalog, colorBy: style.colorBy)
    for (i, seg) in r.segments.enumerated() {
      let y = r.split + 1 + i
      let info = s.catalog[seg.label.classIndex]
      let id = seg.label.instance > 0 ? "#\(seg.label.instance)" : (info.isThing ? "crowd" : "")
      let selected = s.view.selectedSegment == seg.label
      grid[p.x + 1, y] = Cell(swatch, fg: style.colorMode.quantize(colors.color(seg.label)))
      grid.put(
        "\(id) \(info.name) \(seg.area)", x: p.x + 3, y: y, attributes: selected ? .reverse : [], maxWidth: p.columns - 3)
    }
  }
}
