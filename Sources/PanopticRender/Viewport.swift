import PanopticModel

/// Maps screen pixels (two per cell, stacked) to image pixels and back.
///
/// `scale` is image pixels per screen pixel: 4 means each half-cell shows a
/// 4×4 box of the image, 0.25 means each image pixel is magnified to 4×4
/// half-cells. The origin is the image point at the top-left screen pixel.
public struct Viewport: Hashable, Sendable {
  public var imageWidth: Int
  public var imageHeight: Int
  /// Size of the picture area in cells.
  public var columns: Int
  public var rows: Int
  public var scale: Double
  public var originX: Double
  public var originY: Double

  public init(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) {
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    scale = 1
    originX = 0
    originY = 0
    fit()
  }

  /// Screen pixels: one per column, two per row.
  public var pixelWidth: Int { columns }
  public var pixelHeight: Int { rows * 2 }

  /// Zooms so the whole image fits, centred.
  public mutating func fit() {
    scale = max(Double(imageWidth) / Double(pixelWidth), Double(imageHeight) / Double(pixelHeight))
    if scale <= 0 { scale = 1 }
    originX = (Double(imageWidth) - scale * Double(pixelWidth)) / 2
    originY = (Double(imageHeight) - scale * Double(pixelHeight)) / 2
  }

  /// The image pixel under screen pixel (sx, sy); may be outside the image.
  @inlinable
  public func imagePoint(screenX sx: Int, screenY sy: Int) -> (x: Int, y: Int) {
    let fx = originX + (Double(sx) + 0.5) * scale
    let fy = originY + (Double(sy) + 0.5) * scale
    return (Int(fx.rounded(.down)), Int(fy.rounded(.down)))
  }

  /// The screen pixel showing image pixel (x, y).
  public func screenPoint(imageX x: Int, imageY y: Int) -> (x: Int, y: Int) {
    (
      Int(((Double(x) + 0.5 - originX) / scale).rounded(.down)),
      Int(((Double(y) + 0.5 - originY) / scale).rounded(.down))
    )
  }

  /// The cell showing image pixel (x, y), and whether it is the lower half.
  public func cell(imageX x: Int, imageY y: Int) -> (column: Int, row: Int, lower: Bool) {
    let p = screenPoint(imageX: x, imageY: y)
    return (p.x, p.y >= 0 ? p.y / 2 : (p.y - 1) / 2, p.y & 1 == 1)
  }

  /// Zoom by `factor` (>1 zooms in) keeping image point (cx, cy) still.
  public mutating func zoom(by factor: Double, around cx: Double, _ cy: Double) {
    let minScale = 1.0 / 16
    let maxScale = max(Double(imageWidth) / Double(pixelWidth), Double(imageHeight) / Double(pixelHeight)) * 2
    let newScale = min(max(scale / factor, minScale), max(maxScale, minScale))
    let sx = (cx - originX) / scale
    let sy = (cy - originY) / scale
    scale = newScale
    originX = cx - sx * scale
    originY = cy - sy * scale
    alignToScreenPixels()
  }

  /// Sets the zoom to `n` screen pixels per image pixel (`zoom 1` = 1:1).
  public mutating func setZoom(_ n: Double, around cx: Double, _ cy: Double) {
    zoom(by: scale * n, around: cx, cy)
  }

  /// Moves by whole screen pixels.
  public mutating func pan(dx: Int, dy: Int) {
    originX += Double(dx) * scale
    originY += Double(dy) * scale
  }

  /// Pans just enough that image pixel (x, y) is on screen, with a margin. Along an axis the
  /// whole image is already on screen nothing moves: the margin is there to show what lies
  /// beyond the cursor, and at fit zoom there is nothing beyond (a pan would only shift the
  /// picture off its place, under the pointer).
  public mutating func keepVisible(x: Int, y: Int, margin: Int = 2) {
    let p = screenPoint(imageX: x, imageY: y)
    let m = min(margin, pixelWidth / 4, pixelHeight / 4)
    let allColumns = originX <= 0 && originX + scale * Double(pixelWidth) >= Double(imageWidth)
    let allRows = originY <= 0 && originY + scale * Double(pixelHeight) >= Double(imageHeight)
    if !allColumns || !(0..<pixelWidth).contains(p.x) {
      if p.x < m { pan(dx: p.x - m, dy: 0) }
      if p.x >= pixelWidth - m { pan(dx: p.x - (pixelWidth - m) + 1, dy: 0) }
    }
    if !allRows || !(0..<pixelHeight).contains(p.y) {
      if p.y < m { pan(dx: 0, dy: p.y - m) }
      if p.y >= pixelHeight - m { pan(dx: 0, dy: p.y - (pixelHeight - m) + 1) }
    }
  }

  /// Centres image point (x, y).
  public mutating func center(x: Double, y: Double) {
    originX = x - scale * Double(pixelWidth) / 2
    originY = y - scale * Double(pixelHeight) / 2
    alignToScreenPixels()
  }

  /// Zoomed in, moves the origin onto a screen-pixel step, so every screen pixel shows one
  /// image pixel: from an origin half a pixel off (what centring gives at 1:1) a screen pixel
  /// straddled two image pixels, and a click on the upper one took the one below.
  mutating func alignToScreenPixels() {
    guard scale <= 1 else { return }
    originX = (originX / scale).rounded(.down) * scale
    originY = (originY / scale).rounded(.down) * scale
  }

  /// The same view of an image stored `factor` times smaller (a photo
  /// decoded at reduced size for display).
  public func scaled(toImageWidth w: Int, height h: Int) -> Viewport {
    var v = self
    let f = Double(w) / Double(imageWidth)
    v.imageWidth = w
    v.imageHeight = h
    v.scale = scale * f
    v.originX = originX * f
    v.originY = originY * f
    return v
  }

  /// Zoom as users read it: screen pixels per image pixel.
  public var magnification: Double { 1 / scale }
}
