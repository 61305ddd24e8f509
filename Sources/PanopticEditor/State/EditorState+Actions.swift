import PanopticModel
import PanopticRender

/// Commands that combine the parts (document, tools, view) and so belong to
/// none of them alone.
extension EditorState {
  mutating func chooseClass(_ name: String) throws(PanopticError) {
    guard let c = catalog.resolve(name) else { throw catalog.noSuchClass(name) }
    tools.classIndex = c
    tools.selectedInstance = nil
    say("class \(catalog[c].name) (\(catalog[c].isThing ? "thing: fills make new instances" : "stuff"))")
  }

  mutating func chooseInstance(_ n: Int) throws(PanopticError) {
    guard let l = document.areas.label(ofInstance: n) else {
      throw .usage("there is no instance \(n); the next new one is \(document.nextInstanceID)")
    }
    tools.classIndex = l.classIndex
    tools.selectedInstance = n
    say("painting \(catalog.describe(l))")
  }

  mutating func cancel() {
    let dropped = !selection.isEmpty
    selection = PendingSelection()
    tools.pendingPoints = []
    tools.endStroke()
    mode = .normal
    say(dropped ? "selection dropped" : "")
  }

  /// The tool at the cursor. A polygon gains a point per `apply` and closes
  /// on `finish` (Enter, a double click) or on a click at its first point.
  mutating func applyTool(closing: Bool) throws(PanopticError) -> String? {
    let p = view.cursor
    switch tools.tool {
    case .brush, .erase:
      tools.endStroke()
      return try document.stroke([p], erase: tools.tool == .erase, extend: false, tools: &tools, closing: false)
    case .fill: return try fill(at: p)
    case .pick: return try document.pick(at: p, tools: &tools)
    case .rect:
      guard let a = tools.pendingPoints.first else {
        tools.pendingPoints = [p]
        return "rectangle corner at \(p); move and apply again"
      }
      tools.pendingPoints = []
      return try document.paintShape(.rect(a, p), tools: &tools)
    case .poly:
      let pts = tools.pendingPoints
      if closing || (pts.count >= 3 && pts.first == p) {
        guard pts.count >= 3 else {
          throw .usage("a polygon needs 3 points to close (it has \(pts.count)); apply adds one, Esc drops them")
        }
        tools.pendingPoints = []
        return try document.paintShape(.polygon(pts), tools: &tools)
      }
      if pts.last != p { tools.pendingPoints.append(p) }
      return "polygon: \(tools.pendingPoints.count.counted("point")); apply adds, BS drops the last, Enter closes, Esc drops all"
    case .smart:
      return try closing && !selection.isEmpty ? acceptSelection(add: false) : click(p, include: true)
    case .cut:
      guard let a = tools.pendingPoints.first else {
        tools.pendingPoints = [p]
        let on = labels[p.x, p.y].instance > 0 ? " across \(catalog.describe(labels[p.x, p.y]))" : ""
        return "cut from \(p)\(on); move and apply again"
      }
      tools.pendingPoints = []
      // The instance cut is the one the line starts on, or else the first it meets: a knife
      // drawn from outside the object across it is the natural stroke.
      guard let on = Raster.line(through: [a, p], closed: false).first(where: { labels[$0.x, $0.y].instance > 0 }) else {
        throw .usage("cut: the line from \(a) to \(p) crosses no thing instance")
      }
      return try document.split(.instance(labels[on.x, on.y].instance), along: [a, p])
    }
  }

  /// A fill at `p`; by colour it compares against the smoothed photo.
  mutating func fill(at p: Point) throws(PanopticError) -> String {
    if tools.fillRule == .color, smoothed == nil, let image { smoothed = image.boxBlurred(radius: EditorState.fillSmoothing) }
    return try document.fill(at: p, image: image, smoothed: smoothed, tools: &tools)
  }

  /// Radius of the blur colour fills compare against (a 5×5 mean).
  static let fillSmoothing = 2

  mutating func zoom(_ z: ZoomChange) throws(PanopticError) {
    let c = view.cursor
    let cx = Double(c.x) + 0.5, cy = Double(c.y) + 0.5
    switch z {
    case .into: view.viewport.zoom(by: 2, around: cx, cy)
    case .out: view.viewport.zoom(by: 0.5, around: cx, cy)
    case .fit: view.viewport.fit()
    case .to(let n): view.viewport.setZoom(n, around: cx, cy)
    case .segment:
      let l = view.selectedSegment ?? labelUnderCursor
      guard !l.isVoid, let box = document.labels.boundingBox(of: l) else {
        throw .usage("no segment under the cursor to zoom to")
      }
      view.zoom(to: box)
    }
    view.viewport.keepVisible(x: c.x, y: c.y)
    say("zoom \(view.zoomText)")
  }

  mutating func select(_ ref: SegmentRef) throws(PanopticError) {
    let l = try document.resolve(ref)
    view.selectedSegment = l
    if let box = document.labels.boundingBox(of: l) {
      view.pointCursor(at: Point(box.x + box.width / 2, box.y + box.height / 2))
      let vp = view.viewport
      if Double(box.width) / vp.scale > Double(vp.pixelWidth) || Double(box.height) / vp.scale > Double(vp.pixelHeight) {
        view.zoom(to: box)
      }
      // A segment already all on screen stays where it is (at fit zoom a recentred picture
      // would slide under the pointer); one that is not is brought to the middle.
      let a = view.viewport.screenPoint(imageX: box.x, imageY: box.y)
      let b = view.viewport.screenPoint(imageX: box.x + box.width - 1, imageY: box.y + box.height - 1)
      let v = view.viewport
      if a.x < 0 || a.y < 0 || b.x >= v.pixelWidth || b.y >= v.pixelHeight {
        view.viewport.center(x: Double(box.x) + Double(box.width) / 2, y: Double(box.y) + Double(box.height) / 2)
      }
    }
    say("selected \(catalog.describe(l)), \(document.areas.areas[l.raw] ?? 0) px")
  }
}

extension ToolSettings {
  /// Tolerances `tolstep` moves between: fine steps where a photo's noise
  /// lives, coarse ones above (24 → 80 is 3 steps, not 14).
  static let toleranceLadder = [0, 2, 4, 6, 8, 12, 16, 20, 24, 32, 40, 48, 64, 80, 96, 128, 160, 192, 255]

  /// Applies a tool-setting command; returns the message to show.
  mutating func adjust(_ command: EditorCommand, catalog: ClassCatalog) -> String {
    switch command {
    case .brushSize(let v, let rel):
      brushRadius = min(500, max(0, rel ? brushRadius + v : v))
      return "brush radius \(brushRadius)"
    case .brushShape(let s):
      brushShape = s ?? (brushShape == .round ? .square : .round)
      return "brush \(brushShape.rawValue)"
    case .tolerance(let v, let rel):
      tolerance = min(255, max(0, rel ? tolerance + v : v))
      return "fill tolerance \(tolerance)"
    case .toleranceStep(let n):
      let ladder = Self.toleranceLadder
      if n > 0 {
        tolerance = ladder.first { $0 > tolerance } ?? 255
      } else {
        tolerance = ladder.last { $0 < tolerance } ?? 0
      }
      return "fill tolerance \(tolerance)"
    case .crowd(let on):
      paintCrowd = on ?? !paintCrowd
      return paintCrowd
        ? "crowd: thing paint and fills make the class's crowd region (\(catalog[classIndex].name) crowd)"
        : "instances: thing paint and fills make instances again"
    case .connectivity(let c):
      connectivity = c
      return "fill connectivity \(c)"
    case .fillRule(let r):
      fillRule = r ?? (fillRule == .color ? .label : .color)
      return fillRule == .color ? "fill by image colour (tolerance \(tolerance))" : "fill by label (the connected same-label area)"
    case .preserve(let on):
      preserve = on ?? !preserve
      return preserve ? "preserve: labelled pixels are kept" : "overwrite: labelled pixels can change"
    default:
      return ""
    }
  }
}

extension ViewState {
  /// Applies a display command; returns the message to show.
  mutating func adjustStyle(_ command: EditorCommand) -> String {
    switch command {
    case .overlay(let m):
      style.mode = m ?? style.mode.next
      return "showing \(style.mode.rawValue)"
    case .opacity(let v, let rel):
      style.opacity = min(1, max(0, rel ? style.opacity + v : v))
      return "opacity \(Int((style.opacity * 100).rounded()))%"
    case .colorBy(let c):
      style.colorBy = c ?? (style.colorBy == .class ? .instance : .class)
      return "colour by \(style.colorBy.rawValue)"
    default:
      return ""
    }
  }
}
