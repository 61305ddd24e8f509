import PanopticModel
/// The photo's features at integer reduction factors (1 = full size), each built on first use.
///
/// Why levels: a big working area (a lawn, the sky, a 1080p photo) is cut on a coarser level so
/// every click costs about the same, and only a thin band along the boundary is re-cut at full
/// resolution. Reduction is a plain f×f block average, so a photo upscaled ×3 has, at level 3,
/// nearly its original pixels, and behaves like the original.
struct ImagePyramid {
  let full: ImageFeatures
  private(set) var levels: [Int: ImageFeatures] = [:]
  /// How many "reference pixels" (a 640×427 photo's) one pixel of this photo is: lengths in
  /// `SelectionTuning` are multiplied by this.
  let referenceScale: Double

  init(image: RGBImage) {
    full = ImageFeatures(image: image)
    let pixels = Double(image.width * image.height)
    referenceScale = max(1, (pixels / (640 * 427)).squareRoot())
  }

  /// The features at reduction `factor`, building and keeping them on first use.
  mutating func level(_ factor: Int) -> ImageFeatures {
    if factor <= 1 { return full }
    if let cached = levels[factor] { return cached }
    let made = ImageFeatures(image: ImagePyramid.reduce(full, by: factor))
    levels[factor] = made
    return made
  }

  /// Block-averages the photo by `factor` (the last partial row and column join the last block).
  static func reduce(_ source: ImageFeatures, by factor: Int) -> RGBImage {
    let w = max(1, source.width / factor), h = max(1, source.height / factor)
    var sums = [Int](repeating: 0, count: w * h * 3)
    var counts = [Int](repeating: 0, count: w * h)
    // The level column of each source column, so the inner loop has no division.
    let column = (0..<source.width).map { min($0 / factor, w - 1) }
    source.rgb.withUnsafeBufferPointer { px in
      sums.withUnsafeMutableBufferPointer { sums in
        counts.withUnsafeMutableBufferPointer { counts in
          column.withUnsafeBufferPointer { column in
            for y in 0..<source.height {
              let base = min(y / factor, h - 1) * w
              var p = 3 * y * source.width
              for x in 0..<source.width {
                let l = base + column[x]
                sums[3 * l] += Int(px[p])
                sums[3 * l + 1] += Int(px[p + 1])
                sums[3 * l + 2] += Int(px[p + 2])
                counts[l] += 1
                p += 3
              }
            }
          }
        }
      }
    }
    var bytes = [UInt8](repeating: 0, count: w * h * 3)
    for l in 0..<(w * h) {
      let c = max(1, counts[l])
      for k in 0..<3 { bytes[3 * l + k] = UInt8((sums[3 * l + k] + c / 2) / c) }
    }
    return RGBImage(width: w, height: h, bytes: bytes)
  }
}
