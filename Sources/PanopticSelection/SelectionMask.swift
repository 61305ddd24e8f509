/// The selected pixels of one object: one byte a pixel (0 or 1), row-major, plus the tight
/// bounding box and the pixel count so the editor can skip empty rows and report the size.
public struct SelectionMask: Hashable, Sendable {
  public let width: Int
  public let height: Int
  /// `width * height` bytes, 1 where selected.
  public let bytes: [UInt8]
  /// Number of selected pixels.
  public let pixelCount: Int
  /// Tight bounding box of the selected pixels (inclusive corners), nil when nothing is selected.
  public let bounds: SelectionBox?

  /// Wraps a 0/1 byte mask and derives the count and bounds in one pass.
  public init(width: Int, height: Int, bytes: [UInt8]) {
    precondition(bytes.count == width * height, "mask size does not match")
    self.width = width
    self.height = height
    self.bytes = bytes
    var count = 0
    var minX = width, minY = height, maxX = -1, maxY = -1
    for y in 0..<height {
      var rowHit = false
      for x in 0..<width where bytes[y * width + x] != 0 {
        count += 1
        rowHit = true
        if x < minX { minX = x }
        if x > maxX { maxX = x }
      }
      if rowHit {
        if y < minY { minY = y }
        maxY = y
      }
    }
    pixelCount = count
    bounds = count == 0 ? nil : SelectionBox(x0: minX, y0: minY, x1: maxX, y1: maxY)
  }

  /// An empty selection of the given size.
  public static func empty(width: Int, height: Int) -> SelectionMask {
    SelectionMask(width: width, height: height, bytes: [UInt8](repeating: 0, count: width * height))
  }

  /// Whether pixel (x, y) is selected; false outside the image.
  public func contains(x: Int, y: Int) -> Bool {
    x >= 0 && y >= 0 && x < width && y < height && bytes[y * width + x] != 0
  }
}
