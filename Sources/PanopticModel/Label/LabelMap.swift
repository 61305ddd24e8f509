/// A panoptic label map: one `PanopticLabel` per pixel, row-major.
///
/// A value type (the array is copy-on-write), so an editor state, an undo
/// step or a test fixture can hold one without aliasing surprises.
public struct LabelMap: Hashable, Sendable {
  public let width: Int
  public let height: Int
  /// Raw packed labels (`PanopticLabel.raw`), row-major.
  public var pixels: [UInt32]

  /// A map of the given size, every pixel void.
  public init(width: Int, height: Int, filledWith label: PanopticLabel = .void) {
    precondition(width >= 0 && height >= 0)
    self.width = width
    self.height = height
    self.pixels = [UInt32](repeating: label.raw, count: width * height)
  }

  public init(width: Int, height: Int, pixels: [UInt32]) {
    precondition(pixels.count == width * height, "pixel count does not match the size")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  @inlinable
  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  @inlinable
  public func contains(_ p: Point) -> Bool { contains(x: p.x, y: p.y) }

  public var pixelCount: Int { pixels.count }

  @inlinable
  public subscript(x: Int, y: Int) -> PanopticLabel {
    get { PanopticLabel(raw: pixels[y * width + x]) }
    set { pixels[y * width + x] = newValue.raw }
  }

  /// The largest instance id in use, whatever its class (0 when none).
  public var maxInstance: Int {
    var m: UInt32 = 0
    for p in pixels where !PanopticLabel.isVoid(p) { m = max(m, PanopticLabel.instancePart(p)) }
    return Int(m)
  }

  /// The id a new thing instance gets: largest id in the image + 1, across
  /// all classes, as global instance numbering requires.
  public var nextInstanceID: Int { maxInstance + 1 }
}
