import PanopticModel
import PanopticSelection

/// Smart selection: clicks and a box say what the object is; the engine
/// (PanopticSelection) turns them and the photo into a mask; `accept` paints
/// it as one undo step through the same path as a fill.
extension EditorState {
  /// The mask of the pending selection at full resolution (what `accept`
  /// paints), nil when there is none (or no photo).
  public var selectionMask: SelectionMask? {
    guard !selection.isEmpty, let selector else { return nil }
    return selector.selector.select(engineInput)
  }

  /// The pending selection as the picture can show it now: at fit zoom on a
  /// big photo a half cell covers many pixels, and cutting finer than that
  /// would only slow the answer to a click (the full mask is computed on
  /// `accept`, and whenever the zoom shows single pixels).
  public var selectionPreview: SelectionMask? {
    guard !selection.isEmpty, let selector else { return nil }
    return selector.selector.select(engineInput, visiblePixel: Int(view.viewport.scale.rounded(.down)))
  }

  mutating func engine() throws(PanopticError) -> SelectorBox {
    if let selector { return selector }
    guard let image else {
      throw .usage("smart selection works from the photo; open the editor with an image (edit PHOTO)")
    }
    let made = SelectorBox(image)
    selector = made
    return made
  }

  /// The input the engine cuts: the clicks and box, and whether the current class is a thing
  /// (the class may change while the selection is pending; the last one holds, as for accept).
  var engineInput: SelectionInput {
    var input = selection.input
    input.isThing = currentClass.isThing
    return input
  }

  mutating func click(_ p: Point?, include: Bool) throws(PanopticError) -> String {
    let p = p ?? view.cursor
    try document.check(p)
    _ = try engine()
    // The cut works inside the box, so a click outside it would change nothing: say so, rather
    // than take it and leave the annotator wondering why the selection did not move.
    if let b = selection.input.box, !(b.x0...b.x1).contains(p.x) || !(b.y0...b.y1).contains(p.y) {
      throw .usage(
        "\(include ? "include" : "exclude") \(p.x),\(p.y) is outside the box \(b.x0),\(b.y0)–\(b.x1),\(b.y1), where the selection is made; "
          + "click inside it, or draw a box that holds it")
    }
    if tools.tool != .smart { tools.tool = .smart }
    selection.input.clicks.append(SelectionClick(x: p.x, y: p.y, include: include))
    return (include ? nil : emptyBoxHint()) ?? selectionHint(include ? "include \(p.x),\(p.y)" : "exclude \(p.x),\(p.y)")
  }

  mutating func setBox(_ a: Point, _ b: Point) throws(PanopticError) -> String {
    try document.check(a)
    try document.check(b)
    guard a.x != b.x, a.y != b.y else { throw .usage("box: the corners must differ in x and in y") }
    _ = try engine()
    if tools.tool != .smart { tools.tool = .smart }
    selection.boxCorner = nil
    selection.input.box = SelectionBox(x0: min(a.x, b.x), y0: min(a.y, b.y), x1: max(a.x, b.x), y1: max(a.y, b.y))
    return emptyBoxHint() ?? selectionHint("box")
  }

  /// `box` from the keyboard: a corner at the cursor, then the other.
  mutating func boxCorner() throws(PanopticError) -> String {
    let p = view.cursor
    guard let first = selection.boxCorner else {
      _ = try engine()
      selection.boxCorner = p
      return "box corner at \(p.x),\(p.y); move to the opposite corner and box again"
    }
    return try setBox(first, p)
  }

  /// In preserve mode the labelled pixels are kept out of the selection (accept would not paint
  /// them, so the tint must not show them). Called after every command and event: the plane is
  /// taken again only when the labels changed since (or preserve was switched on), so a click,
  /// which changes no label, costs no pass over the photo.
  mutating func refreshKeptPixels() {
    guard tools.preserve, !selection.isEmpty else {
      selection.input.kept = nil
      selection.keptAt = nil
      return
    }
    if selection.keptAt == document.changeCount { return }
    selection.keptAt = document.changeCount
    let labels = document.labels
    var any = false
    // The same rule paint follows, so the plane is exactly what accept would leave alone.
    let bytes = labels.pixels.map { raw -> UInt8 in
      if tools.mayOverwrite(raw) { return 0 }
      any = true
      return 1
    }
    selection.input.kept = any ? KeptPixels(width: labels.width, height: labels.height, bytes: bytes) : nil
  }

  /// A box with no include click often finds nothing on a real photo (a player in a pack
  /// looks like what surrounds the box; OpenCV's GrabCut is empty there too): say what to do
  /// next rather than show an empty tint. Only with a screen: the preview is the cut the screen
  /// draws next, so it costs no extra cut there, while a script pays for one cut, at `accept`.
  func emptyBoxHint() -> String? {
    guard showsLiveHints, selection.input.box != nil, !selection.input.clicks.contains(where: \.include),
      selectionPreview?.pixelCount == 0
    else { return nil }
    return "box: nothing in it stands out from around it; click the object (include) to show what it is"
  }

  func selectionHint(_ what: String) -> String {
    "\(what): \(selection.summary). Enter accepts, Esc rejects, BS drops the last click"
  }

  mutating func dropLastClick() throws(PanopticError) -> String {
    if !selection.input.clicks.isEmpty {
      selection.input.clicks.removeLast()
    } else if selection.input.box != nil {
      selection.input.box = nil
    } else {
      throw .usage("no click to drop")
    }
    return selection.isEmpty ? "selection empty" : emptyBoxHint() ?? selectionHint("dropped the last click")
  }

  mutating func acceptSelection(add: Bool) throws(PanopticError) -> String {
    guard let mask = selectionMask else {
      throw .usage("nothing selected: include X Y (or a click with the smart tool) first")
    }
    guard let b = mask.bounds else {
      // The photo gave no object for these clicks: not a mistake in a script (the annotator's
      // next click fixes it), and nothing to paint. The box and clicks stay: they are the work
      // the next include click builds on (dropping them lost a carefully drawn box).
      let onKept = selection.input.clicks.contains { c in
        c.include && selection.input.kept?.contains(x: c.x, y: c.y) == true
      }
      if onKept {
        return "the selection is empty: the include clicks are on labelled pixels, which preserve mode keeps (overwrite, or include an unlabelled pixel; Esc drops the selection)"
      }
      return "the selection is empty; nothing accepted: include a pixel of the object (the box and clicks stay; Esc or reject drops them)"
    }
    if add {
      let current = catalog[tools.classIndex]
      guard current.isThing else {
        throw .usage("accept add joins a thing instance, and \(current.name) is stuff: plain accept paints it as \(current.name)")
      }
      guard tools.selectedInstance != nil else {
        throw .usage("accept add joins the selection to the current instance; choose one (instance N, or pick)")
      }
    }
    var region = Region(originX: b.x0, originY: b.y0, width: b.x1 - b.x0 + 1, height: b.y1 - b.y0 + 1)
    for y in b.y0...b.y1 {
      let row = y * mask.width
      for x in b.x0...b.x1 where mask.bytes[row + x] != 0 { region.insert(x, y) }
    }
    var message = try document.paint(region, add ? "added to" : "accepted", tools: &tools, newInstance: !add)
    // Joined to an instance, the pixels added are not its size: say both.
    if add, let i = tools.selectedInstance, let l = document.areas.label(ofInstance: i) {
      message += "; now \(document.areas.areas[l.raw] ?? 0) px"
    }
    selection = PendingSelection()
    return message
  }

  /// Box or clicks pending whose selection is not empty: what leaving without `accept` would
  /// lose. (An empty one, left after an accept found nothing, loses nothing.)
  public var hasUnacceptedSelection: Bool {
    !selection.isEmpty && selectionMask?.bounds != nil
  }

  mutating func rejectSelection() -> String {
    let had = !selection.isEmpty || selection.boxCorner != nil
    selection = PendingSelection()
    return had ? "selection dropped" : "no selection to drop"
  }
}
