import PanopticModel
/// What the engine derives from the photo once, at load: colour bins and neighbour colour
/// differences. Everything per click is then table look-ups on these planes.
///
/// Memory: 3 (RGB) + 2 (bin) + 8 (four difference planes) = 13 bytes a pixel.
struct ImageFeatures: Sendable {
  /// Colour quantisation: 32 levels a channel, 32768 bins.
  static let binBits = 5
  static let binCount = 1 << (3 * binBits)
  /// Colour differences are stored ×4 so the LUTs keep quarter-level precision.
  static let differenceScale = 4
  static let maxDifference = 442 * differenceScale

  /// The four "forward" neighbour directions, in `GridMaxFlow.directions` numbering:
  /// right (0), down (2), down-right (4), up-right (6). The other four read their neighbour's.
  static let forwardDirections = [0, 2, 4, 6]

  let width: Int
  let height: Int
  let rgb: [UInt8]
  /// Colour bin of each pixel, `(r >> 3) << 10 | (g >> 3) << 5 | b >> 3`.
  let bins: [UInt16]
  /// For forward direction f (index into `forwardDirections`), the rounded Euclidean RGB
  /// distance ×4 between pixel p and its neighbour, at `f * width * height + p` (0 off-image).
  let differences: [UInt16]
  /// Mean squared RGB difference over 8-neighbour pairs; GrabCut's β is 1 / (2 × this).
  let meanSquaredDifference: Double
  /// Pixel count of every colour bin over the whole image, so "everything outside the box" is
  /// the whole-image histogram minus the box's, at the cost of the box only.
  let binCounts: [Int32]

  /// `(√squared × differenceScale).rounded()` for every squared RGB distance (0...3·255²), so
  /// the per-pixel loop is a table read instead of a square root and a libm call (a 1080p photo
  /// has 8 M of them, and a pyramid level is built on the click that first needs it).
  static let scaledDistance: [UInt16] = (0...(3 * 255 * 255)).map {
    UInt16((Double($0).squareRoot() * Double(differenceScale)).rounded())
  }

  init(image: RGBImage) {
    let w = image.width, h = image.height, n = w * h
    width = w
    height = h
    rgb = image.bytes
    var bins = [UInt16](repeating: 0, count: n)
    var counts = [Int32](repeating: 0, count: ImageFeatures.binCount)
    var differences = [UInt16](repeating: 0, count: 4 * n)
    var sum = 0
    var pairs = 0
    image.bytes.withUnsafeBufferPointer { px in
      bins.withUnsafeMutableBufferPointer { bins in
        counts.withUnsafeMutableBufferPointer { counts in
          for p in 0..<n {
            let r = Int(px[3 * p]), g = Int(px[3 * p + 1]), b = Int(px[3 * p + 2])
            let bin = (r >> 3) << 10 | (g >> 3) << 5 | b >> 3
            bins[p] = UInt16(bin)
            counts[bin] += 1
          }
        }
      }
      ImageFeatures.scaledDistance.withUnsafeBufferPointer { table in
        differences.withUnsafeMutableBufferPointer { out in
          for (f, d) in ImageFeatures.forwardDirections.enumerated() {
            let (dx, dy) = GridMaxFlow.directions[d]
            // Columns whose neighbour is on the image: all but the last for dx = 1.
            let columns = dx > 0 ? w - 1 : w
            for y in 0..<h {
              let ny = y + dy
              guard ny >= 0, ny < h, columns > 0 else { continue }
              let row = y * w, nrow = ny * w + dx
              for x in 0..<columns {
                let a = 3 * (row + x), b = 3 * (nrow + x)
                let dr = Int(px[a]) - Int(px[b])
                let dg = Int(px[a + 1]) - Int(px[b + 1])
                let db = Int(px[a + 2]) - Int(px[b + 2])
                let squared = dr * dr + dg * dg + db * db
                sum += squared
                out[f * n + row + x] = table[squared]
              }
              pairs += columns
            }
          }
        }
      }
    }
    self.bins = bins
    binCounts = counts
    self.differences = differences
    // The integer sum is exact; the old running Double sum was too (below 2^53), so β is unchanged.
    meanSquaredDifference = pairs > 0 ? Double(sum) / Double(pairs) : 0
  }

  /// The scaled colour difference between pixel (x, y) and its neighbour in direction d (any of
  /// the eight); the caller guarantees the neighbour is inside the image.
  @inline(__always)
  func difference(x: Int, y: Int, direction d: Int) -> Int {
    let n = width * height
    switch d {
    case 0: return Int(differences[y * width + x])
    case 1: return Int(differences[y * width + x - 1])
    case 2: return Int(differences[n + y * width + x])
    case 3: return Int(differences[n + (y - 1) * width + x])
    case 4: return Int(differences[2 * n + y * width + x])
    case 5: return Int(differences[2 * n + (y - 1) * width + x - 1])
    case 6: return Int(differences[3 * n + y * width + x])
    default: return Int(differences[3 * n + (y + 1) * width + x - 1])
    }
  }
}
