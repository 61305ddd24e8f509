extension RGBImage {
  /// A box-blurred copy (a (2r+1)² mean, edges clamped), in two passes of
  /// running sums so the cost does not grow with `radius`. Colour fills
  /// compare against it: one noisy seed pixel on grass or a jersey would
  /// otherwise decide the whole fill.
  public func boxBlurred(radius r: Int) -> RGBImage {
    guard r > 0, width > 0, height > 0 else { return self }
    var tmp = [UInt8](repeating: 0, count: bytes.count)
    var out = [UInt8](repeating: 0, count: bytes.count)
    let w = width, h = height, n = 2 * r + 1
    bytes.withUnsafeBufferPointer { src in
      tmp.withUnsafeMutableBufferPointer { dst in
        // Rows: a running sum over x, clamped at both ends.
        for y in 0..<h {
          let row = y * w * 3
          for c in 0..<3 {
            var sum = 0
            for k in -r...r { sum += Int(src[row + min(max(k, 0), w - 1) * 3 + c]) }
            for x in 0..<w {
              dst[row + x * 3 + c] = UInt8((sum + n / 2) / n)
              sum += Int(src[row + min(x + r + 1, w - 1) * 3 + c]) - Int(src[row + max(x - r, 0) * 3 + c])
            }
          }
        }
      }
    }
    tmp.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        // Columns: the same over y, one column of bytes at a time.
        for i in 0..<(w * 3) {
          var sum = 0
          for k in -r...r { sum += Int(src[min(max(k, 0), h - 1) * w * 3 + i]) }
          for y in 0..<h {
            dst[y * w * 3 + i] = UInt8((sum + n / 2) / n)
            sum += Int(src[min(y + r + 1, h - 1) * w * 3 + i]) - Int(src[max(y - r, 0) * w * 3 + i])
          }
        }
      }
    }
    return RGBImage(width: w, height: h, bytes: out)
  }

  /// The per-channel median of the (2r+1)² window around `p`, clipped to
  /// the image: robust to noise, and on the majority side of an edge.
  public func medianColor(around p: Point, radius r: Int) -> RGB {
    var rs: [UInt8] = [], gs: [UInt8] = [], bs: [UInt8] = []
    for y in max(0, p.y - r)...min(height - 1, p.y + r) {
      for x in max(0, p.x - r)...min(width - 1, p.x + r) {
        let c = self[x, y]
        rs.append(c.r)
        gs.append(c.g)
        bs.append(c.b)
      }
    }
    func median(_ v: [UInt8]) -> UInt8 { v.sorted()[v.count / 2] }
    return RGB(median(rs), median(gs), median(bs))
  }
}
