import PanopticModel

/// Clicks, drags and the wheel: in the picture they work the tool at the
/// pointer; in the side panel they pick a class or a segment.
extension EditorState {
  mutating func handleMouse(_ m: MouseEvent) -> [EditorEffect] {
    switch mode {
    case .normal: break
    case .confirmQuit:
      // A click is not an answer: the prompt stays until a key says what to do.
      return []
    case .commandLine, .help:
      // The press closes the line or the overlay and does nothing else, nor does the drag
      // that follows it (a brush painted along it).
      if m.kind == .press {
        mode = .normal
        mouseIgnoredUntilRelease = true
      }
      return []
    }
    if mouseIgnoredUntilRelease {
      if m.kind == .release { mouseIgnoredUntilRelease = false }
      if m.kind == .drag || m.kind == .release { return [] }
      mouseIgnoredUntilRelease = false
    }
    let l = view.layout
    let inPicture = m.column < l.picture.columns && m.row < l.picture.rows
    // A drag that started in the picture goes on to its edge wherever the pointer is (a box
    // released over the panel, a stroke run off the bottom), clamped there.
    let continuing = (m.kind == .drag || m.kind == .release) && (selection.dragStart != nil || tools.strokeOpen)
    guard inPicture || continuing else {
      // The wheel over the class list scrolls it: 133 COCO classes do not fit a panel.
      if m.kind == .wheelUp || m.kind == .wheelDown,
        let scroll = SidePanel.scrolled(self, column: m.column, row: m.row, by: m.kind == .wheelUp ? -3 : 3)
      {
        view.panelClassScroll = scroll
        return []
      }
      if m.kind == .press, let hit = SidePanel.hit(self, column: m.column, row: m.row) {
        switch hit {
        case .classIndex(let c): return run(.setClass(String(c)))
        case .segment(let label):
          return run(.select(label.instance > 0 ? .instance(label.instance) : .classRegion(String(label.classIndex))))
        }
      }
      if m.kind == .release { tools.endStroke() }
      return []
    }
    // A press on the margin round a fitted picture hits nothing: it used to act on the nearest
    // edge pixel above and below the picture (a fill of the sky from a click off the photo)
    // and on nothing beside it.
    if m.kind == .press && !view.cellShowsImage(column: m.column, row: m.row) {
      say("that click is off the picture")
      // Its release too: with the smart tool it moved the cursor to the nearest edge pixel,
      // where the next Space included it.
      mouseIgnoredUntilRelease = true
      return []
    }
    let p = view.imagePoint(column: m.column, row: m.row, lowerHalf: m.lowerHalf)
    if tools.tool == .smart, m.kind != .wheelUp, m.kind != .wheelDown { return smartMouse(m, at: p) }
    switch m.kind {
    case .wheelUp, .wheelDown:
      view.viewport.zoom(by: m.kind == .wheelUp ? 1.25 : 0.8, around: Double(p.x) + 0.5, Double(p.y) + 0.5)
      // As `+`/`-` say it: the last zoom message stayed, naming the old zoom.
      say("zoom \(view.zoomText)")
    case .press:
      guard m.button == .left else { return [] }
      view.pointCursor(at: p)
      // A double click finishes a shape (closes the polygon).
      return run(m.clickCount >= 2 ? .finish : .apply)
    case .drag:
      view.pointCursor(at: p)
      guard tools.tool == .brush || tools.tool == .erase else { return [] }
      let from = tools.lastStrokePoint ?? p
      do {
        try refuseEditWhileReferenceShown()
        say(try document.stroke([from, p], erase: tools.tool == .erase, extend: tools.strokeOpen, tools: &tools, closing: false))
      } catch {
        say(error.description, error: true)
      }
    case .release:
      tools.endStroke()
    }
    return []
  }

  /// The smart tool: a left click includes, a right click excludes, a left
  /// drag draws the box, a double click accepts.
  mutating func smartMouse(_ m: MouseEvent, at p: Point) -> [EditorEffect] {
    view.pointCursor(at: p)
    switch m.kind {
    case .press where m.button == .right:
      return run(.exclude(p))
    case .press where m.button == .left:
      if m.clickCount >= 2 {
        selection.dragStart = nil
        return run(.finish)
      }
      selection.dragStart = p
    case .release:
      guard let start = selection.dragStart else { return [] }
      selection.dragStart = nil
      // A drag shorter than a cell is a click that wobbled.
      let slack = max(1, Int(view.viewport.scale.rounded(.up)))
      if abs(p.x - start.x) <= slack && abs(p.y - start.y) <= 2 * slack { return run(.include(start)) }
      return run(.box(start, p))
    default:
      break
    }
    return []
  }
}
