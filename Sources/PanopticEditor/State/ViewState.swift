import PanopticModel
import PanopticRender

/// Where the user is looking: screen size, viewport, what the picture shows,
/// the cursor and the selected segment.
public struct ViewState: Sendable, Hashable {
  public var viewport: Viewport
  public private(set) var columns: Int
  public private(set) var rows: Int
  public var style: RenderStyle
  public var showPanel = true
  public private(set) var cursor: Point
  public var selectedSegment: PanopticLabel?
  /// The side panel's class list scrolled by the wheel: its first row, kept while the
  /// current class is still `forClass` (choosing a class centres the list on it again).
  var panelClassScroll: PanelScroll?

  struct PanelScroll: Sendable, Hashable {
    var start: Int
    var forClass: Int
  }
  let imageWidth: Int
  let imageHeight: Int

  init(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int, style: RenderStyle) {
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
    self.columns = columns
    self.rows = rows
    self.style = style
    cursor = Point(imageWidth / 2, imageHeight / 2)
    viewport = Viewport(imageWidth: imageWidth, imageHeight: imageHeight, columns: 1, rows: 1)
    layoutChanged()
    viewport.fit()
  }

  public var layout: EditorLayout { EditorLayout(columns: columns, rows: rows, panel: showPanel) }

  /// Keeps the picture's centre in place when the picture area changes size; a picture that
  /// was fitted is fitted again (a smaller terminal would otherwise show a crop of it).
  mutating func layoutChanged() {
    var fitted = viewport
    fitted.fit()
    let wasFitted = abs(fitted.scale - viewport.scale) < 1e-9 && abs(fitted.originX - viewport.originX) < 1e-6
      && abs(fitted.originY - viewport.originY) < 1e-6
    let l = layout
    let cx = viewport.originX + viewport.scale * Double(viewport.pixelWidth) / 2
    let cy = viewport.originY + viewport.scale * Double(viewport.pixelHeight) / 2
    viewport.columns = max(1, l.picture.columns)
    viewport.rows = max(1, l.picture.rows)
    if wasFitted {
      viewport.fit()
    } else {
      viewport.center(x: cx, y: cy)
    }
  }

  mutating func resize(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
    layoutChanged()
    viewport.keepVisible(x: cursor.x, y: cursor.y)
  }

  mutating func togglePanel() {
    showPanel.toggle()
    layoutChanged()
  }

  func clamped(_ p: Point) -> Point {
    Point(min(max(0, p.x), imageWidth - 1), min(max(0, p.y), imageHeight - 1))
  }

  mutating func moveCursor(to p: Point) {
    cursor = clamped(p)
    viewport.keepVisible(x: cursor.x, y: cursor.y)
  }

  /// Moves the cursor to the pixel under the pointer without panning: that pixel is on screen
  /// already, and a pan would slide the picture under a still pointer, so the next click on
  /// the same cell would hit another pixel.
  mutating func pointCursor(at p: Point) {
    cursor = clamped(p)
  }

  /// Moves the cursor and puts it in the middle of the picture (`goto`), so
  /// the target is never at an edge where the eye does not look. When the
  /// whole image is on screen (fit zoom) the picture stays put: the target is
  /// in view already, and centring a corner pushed most of the photo off
  /// screen, so cells no longer hit the pixels they did.
  mutating func jump(to p: Point) {
    cursor = clamped(p)
    if showsWholeImage { return }
    viewport.center(x: Double(cursor.x) + 0.5, y: Double(cursor.y) + 0.5)
  }

  /// Whether every pixel of the image is on screen.
  var showsWholeImage: Bool {
    viewport.originX <= 1e-9 && viewport.originY <= 1e-9
      && viewport.originX + viewport.scale * Double(viewport.pixelWidth) >= Double(imageWidth) - 1e-9
      && viewport.originY + viewport.scale * Double(viewport.pixelHeight) >= Double(imageHeight) - 1e-9
  }

  mutating func zoom(to box: BoundingBox) {
    let s = max(Double(box.width) / Double(viewport.pixelWidth), Double(box.height) / Double(viewport.pixelHeight)) * 1.25
    viewport.scale = max(1.0 / 16, s)
    viewport.center(x: Double(box.x) + Double(box.width) / 2, y: Double(box.y) + Double(box.height) / 2)
  }

  /// The image pixel under a clicked cell. Zoomed out, a cell covers many
  /// image pixels: a cell that covers the image's first or last row or
  /// column gives that edge pixel, so edges can be hit; otherwise the pixel
  /// under the cell's upper half (or the lower, when the terminal said so).
  func imagePoint(column: Int, row: Int, lowerHalf: Bool?) -> Point {
    let p = viewport.imagePoint(screenX: column, screenY: row * 2 + (lowerHalf == true ? 1 : 0))
    var x = p.x, y = p.y
    let s = viewport.scale
    if s > 1 {
      let left = viewport.originX + Double(column) * s, right = left + s
      let top = viewport.originY + Double(row * 2) * s, bottom = top + 2 * s
      if left <= 0 && right > 0 { x = 0 }
      if right >= Double(imageWidth) && left < Double(imageWidth) { x = imageWidth - 1 }
      if lowerHalf == nil {
        if top <= 0 && bottom > 0 { y = 0 }
        if bottom >= Double(imageHeight) && top < Double(imageHeight) { y = imageHeight - 1 }
      }
    }
    return clamped(Point(x, y))
  }

  /// Whether a cell shows any of the image (not the margin around a fitted picture).
  func cellShowsImage(column: Int, row: Int) -> Bool {
    let s = viewport.scale
    let left = viewport.originX + Double(column) * s, top = viewport.originY + Double(row * 2) * s
    return left + s > 0 && left < Double(imageWidth) && top + 2 * s > 0 && top < Double(imageHeight)
  }

  /// Rounded to a whole factor either way; a fit just under 1:1 (say 0.9) reads "1x",
  /// not "1/1", so one zoom never has two names.
  var zoomText: String {
    let m = viewport.magnification
    let shrink = Int((1 / m).rounded())
    return m >= 1 || shrink <= 1 ? "\(max(1, Int(m.rounded())))x" : "1/\(shrink)"
  }
}
