/// An axis-aligned rectangle of pixels, inclusive corners, always non-empty and inside its image.
struct PixelRect: Hashable, Sendable {
  var x0: Int
  var y0: Int
  var x1: Int
  var y1: Int

  var width: Int { x1 - x0 + 1 }
  var height: Int { y1 - y0 + 1 }
  var area: Int { width * height }

  /// The whole image.
  init(width: Int, height: Int) {
    x0 = 0
    y0 = 0
    x1 = width - 1
    y1 = height - 1
  }

  init(x0: Int, y0: Int, x1: Int, y1: Int) {
    self.x0 = x0
    self.y0 = y0
    self.x1 = x1
    self.y1 = y1
  }

  /// The box's corners sorted and clamped to a width × height image.
  init(clamping box: SelectionBox, width: Int, height: Int) {
    x0 = min(max(min(box.x0, box.x1), 0), width - 1)
    x1 = min(max(max(box.x0, box.x1), 0), width - 1)
    y0 = min(max(min(box.y0, box.y1), 0), height - 1)
    y1 = min(max(max(box.y0, box.y1), 0), height - 1)
  }

  func contains(x: Int, y: Int) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }

  /// Grown by `margin` on every side, clamped to the image.
  func expanded(by margin: Int, width: Int, height: Int) -> PixelRect {
    PixelRect(
      x0: max(0, x0 - margin), y0: max(0, y0 - margin),
      x1: min(width - 1, x1 + margin), y1: min(height - 1, y1 + margin))
  }

  /// The smallest rectangle holding both.
  func union(_ other: PixelRect) -> PixelRect {
    PixelRect(
      x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
  }
}
