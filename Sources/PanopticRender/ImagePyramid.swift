import PanopticModel

/// The photo at full size and at every halving, built once after decoding so
/// that no frame ever reads more than a few source pixels per screen pixel.
public struct ImagePyramid: Sendable {
  /// levels[0] is the full image; levels[k] is 2^k times smaller.
  public private(set) var levels: [RGBImage]

  public init(_ image: RGBImage, minimumSide: Int = 32) {
    var levels = [image]
    while let last = levels.last, min(last.width, last.height) / 2 >= minimumSide {
      levels.append(Self.halve(last))
    }
    self.levels = levels
  }

  public var width: Int { levels[0].width }
  public var height: Int { levels[0].height }

  /// 2×2 box average; an odd last row/column is averaged with itself.
  static func halve(_ img: RGBImage) -> RGBImage {
    let w = (img.width + 1) / 2
    let h = (img.height + 1) / 2
    var out = [UInt8](repeating: 0, count: w * h * 3)
    let sw = img.width
    let sh = img.height
    img.bytes.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for y in 0..<h {
          let y0 = 2 * y
          let y1 = min(2 * y + 1, sh - 1)
          for x in 0..<w {
            let x0 = 2 * x
            let x1 = min(2 * x + 1, sw - 1)
            let a = (y0 * sw + x0) * 3
            let b = (y0 * sw + x1) * 3
            let c = (y1 * sw + x0) * 3
            let d = (y1 * sw + x1) * 3
            let o = (y * w + x) * 3
            for k in 0..<3 {
              let top: Int = Int(src[a + k]) + Int(src[b + k])
              let bottom: Int = Int(src[c + k]) + Int(src[d + k])
              dst[o + k] = UInt8(truncatingIfNeeded: (top + bottom + 2) >> 2)
            }
          }
        }
      }
    }
    return RGBImage(width: w, height: h, bytes: out)
  }

  /// Box-filters the image for a viewport: one RGB per screen pixel, read
  /// from the finest level that is at most as fine as the screen needs.
  public func sample(_ vp: Viewport, background: RGB) -> [RGB] {
    let pw = vp.pixelWidth
    let ph = vp.pixelHeight
    var out = [RGB](repeating: background, count: pw * ph)
    var level = 0
    while level + 1 < levels.count && Double(1 << (level + 1)) <= vp.scale { level += 1 }
    let img = levels[level]
    let f = Double(1 << level)
    let s = vp.scale / f
    // Source spans per column and per row, in level coordinates.
    func spans(count: Int, origin: Double, limit: Int) -> [(Int, Int)] {
      (0..<count).map { i in
        let a = (origin / f) + Double(i) * s
        let b = a + s
        var lo = Int(a.rounded(.down))
        var hi = Int(b.rounded(.up))
        if s < 1 {
          lo = Int((a + s / 2).rounded(.down))
          hi = lo + 1
        }
        if hi <= lo { hi = lo + 1 }
        if hi <= 0 || lo >= limit { return (0, 0) }
        return (max(0, lo), min(limit, hi))
      }
    }
    let xs = spans(count: pw, origin: vp.originX, limit: img.width)
    let ys = spans(count: ph, origin: vp.originY, limit: img.height)
    let iw = img.width
    img.bytes.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for sy in 0..<ph {
          let (y0, y1) = ys[sy]
          if y1 <= y0 { continue }
          for sx in 0..<pw {
            let (x0, x1) = xs[sx]
            if x1 <= x0 { continue }
            if x1 - x0 == 1 && y1 - y0 == 1 {
              let i = (y0 * iw + x0) * 3
              dst[sy * pw + sx] = RGB(src[i], src[i + 1], src[i + 2])
              continue
            }
            var r = 0
            var g = 0
            var b = 0
            for y in y0..<y1 {
              var i = (y * iw + x0) * 3
              for _ in x0..<x1 {
                r += Int(src[i])
                g += Int(src[i + 1])
                b += Int(src[i + 2])
                i += 3
              }
            }
            let n = (x1 - x0) * (y1 - y0)
            dst[sy * pw + sx] = RGB(UInt8(r / n), UInt8(g / n), UInt8(b / n))
          }
        }
      }
    }
    return out
  }
}
