/// An 8-bit RGB image (the photo being labelled), row-major, 3 bytes a pixel.
public struct RGBImage: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public var bytes: [UInt8]

  public init(width: Int, height: Int, bytes: [UInt8]) {
    precondition(bytes.count == width * height * 3, "byte count does not match the size")
    self.width = width
    self.height = height
    self.bytes = bytes
  }

  public init(width: Int, height: Int, fill: RGB = RGB(0, 0, 0)) {
    self.width = width
    self.height = height
    var b = [UInt8](repeating: 0, count: width * height * 3)
    for i in stride(from: 0, to: b.count, by: 3) {
      b[i] = fill.r
      b[i + 1] = fill.g
      b[i + 2] = fill.b
    }
    self.bytes = b
  }

  @inlinable
  public subscript(x: Int, y: Int) -> RGB {
    get {
      let i = (y * width + x) * 3
      return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }
    set {
      let i = (y * width + x) * 3
      bytes[i] = newValue.r
      bytes[i + 1] = newValue.g
      bytes[i + 2] = newValue.b
    }
  }
}
