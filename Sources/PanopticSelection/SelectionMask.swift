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
    self.init(width: width, height: height, bytes: bytes, nonZeroWithin: PixelRect(width: width, height: height))
  }

  /// Wraps a mask whose selected pixels all lie in `area` (nil: none is selected), scanning
  /// only that: the engine's answer is zero outside its working area, and a 1080p photo has
  /// 2 M bytes to skip per click.
  init(width: Int, height: Int, bytes: [UInt8], nonZeroWithin area: PixelRect?) {
    precondition(bytes.count == width * height, "mask size does not match")
    self.width = width
    self.height = height
    self.bytes = bytes
    var count = 0
    var minX = width, minY = height, maxX = -1, maxY = -1
    let xs = max(0, area?.x0 ?? 0), xe = min(width - 1, area?.x1 ?? -1)
    let ys = max(0, area?.y0 ?? 0), ye = min(height - 1, area?.y1 ?? -1)
    if xs <= xe && ys <= ye {
      bytes.withUnsafeBufferPointer { px in
        for y in ys...ye {
          let row = y * width
          var rowCount = 0
          for x in xs...xe where px[row + x] != 0 {
            rowCount += 1
            if x < minX { minX = x }
            if x > maxX { maxX = x }
          }
          if rowCount > 0 {
            count += rowCount
            if y < minY { minY = y }
            maxY = y
          }
        }
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
