import PanopticModel

/// Loads a photo at roughly the resolution a terminal can show, without ever
/// holding the full image: PNG rows are box-averaged as libpng decodes them,
/// JPEGs are scaled inside the DCT.
public enum DisplayImage {
  /// Returns the reduced image and the original size. The reduction is by a
  /// whole factor, chosen so the result is still at least `target` pixels.
  public static func load(
    path: String, target: (width: Int, height: Int), limits: DecodeLimits = .standard
  ) throws(PanopticError) -> (image: RGBImage, originalWidth: Int, originalHeight: Int) {
    switch try ImageFile.sniff(path: path, limits: limits) {
    case .jpeg:
      let img = try JPEGCodec.readRGB(path: path, limits: limits, minSize: target)
      // The DCT scale is at most 8; the header's size is needed for labels.
      let full = try JPEGCodec.size(path: path, limits: limits)
      return (img, full.width, full.height)
    case .png:
      final class Reducer {
        var k = 1
        var w = 0
        var rw = 0
        var rh = 0
        var sums: [UInt32] = []
        var out: [UInt8] = []
        var fullW = 0
        var fullH = 0
      }
      let r = Reducer()
      try PNGCodec.readRGBRows(
        path: path, limits: limits,
        header: { w, h in
          r.fullW = w
          r.fullH = h
          r.k = max(1, min(w / max(1, target.width), h / max(1, target.height)))
          r.w = w
          r.rw = w / r.k
          r.rh = h / r.k
          r.sums = [UInt32](repeating: 0, count: r.rw * 3)
          r.out = [UInt8](repeating: 0, count: r.rw * r.rh * 3)
          return nil
        },
        row: { y, row in
          let k = r.k
          let oy = y / k
          guard oy < r.rh else { return }
          if k == 1 {
            r.out.withUnsafeMutableBufferPointer { dst in
              for i in 0..<(r.rw * 3) { dst[oy * r.rw * 3 + i] = row[i] }
            }
            return
          }
          r.sums.withUnsafeMutableBufferPointer { sums in
            for ox in 0..<r.rw {
              var rs: UInt32 = 0
              var gs: UInt32 = 0
              var bs: UInt32 = 0
              var i = ox * k * 3
              for _ in 0..<k {
                rs += UInt32(row[i])
                gs += UInt32(row[i + 1])
                bs += UInt32(row[i + 2])
                i += 3
              }
              sums[ox * 3] += rs
              sums[ox * 3 + 1] += gs
              sums[ox * 3 + 2] += bs
            }
            if y % k == k - 1 {
              let n = UInt32(k * k)
              r.out.withUnsafeMutableBufferPointer { dst in
                let base = oy * r.rw * 3
                for i in 0..<(r.rw * 3) {
                  dst[base + i] = UInt8(sums[i] / n)
                  sums[i] = 0
                }
              }
            }
          }
        })
      return (RGBImage(width: r.rw, height: r.rh, bytes: r.out), r.fullW, r.fullH)
    }
  }
}
