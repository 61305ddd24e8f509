/// An 8-bit sRGB colour, the unit of both image pixels and class colours.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  @inlinable
  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// Linear mix used by the overlay; `alpha` is the weight of `other` in 0...256.
  @inlinable
  public func blended(with other: RGB, alpha: Int) -> RGB {
    let a = alpha, ia = 256 - alpha
    return RGB(
      UInt8((Int(r) * ia + Int(other.r) * a) >> 8),
      UInt8((Int(g) * ia + Int(other.g) * a) >> 8),
      UInt8((Int(b) * ia + Int(other.b) * a) >> 8))
  }

  /// Rec. 601 luma, enough to choose black or white text on a swatch.
  @inlinable public var luma: Int { (Int(r) * 299 + Int(g) * 587 + Int(b) * 114) / 1000 }

  public var description: String {
    let hex = (UInt32(r) << 16) | (UInt32(g) << 8) | UInt32(b)
    let s = String(hex, radix: 16)
    return "#" + String(repeating: "0", count: 6 - s.count) + s
  }
}
