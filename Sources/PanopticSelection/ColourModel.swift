/// A colour likelihood: the cost (−log p, nats) of a colour bin under the model.
protocol ColourModel {
  func cost(bin: Int) -> Double
}

extension ColourGMM: ColourModel {
  func cost(bin: Int) -> Double { negativeLogLikelihood(ColourHistogram.centre(of: bin)) }
}

/// A smoothed colour histogram on a coarser grid (OneCut-style): more discriminative than a
/// 5-component mixture for many-coloured objects, and cheap, since it is a table.
struct HistogramColourModel: ColourModel {
  /// Bits per channel of the coarse grid.
  let bits: Int
  private let costs: [Double]

  /// - Parameters:
  ///   - levelsBits: bits a channel (4 = 16 levels, 4096 cells).
  ///   - floor: weight of a uniform component, relative to the sample total.
  init(_ histogram: ColourHistogram, levelsBits: Int, floor: Double) {
    bits = levelsBits
    let side = 1 << levelsBits, cells = side * side * side
    let shift = ImageFeatures.binBits - levelsBits
    let fine = ImageFeatures.binBits
    let mask = (1 << fine) - 1
    var counts = [Double](repeating: 0, count: cells)
    for b in histogram.usedBins {
      let r = (b >> (2 * fine)) >> shift, g = ((b >> fine) & mask) >> shift, bl = (b & mask) >> shift
      counts[(r * side + g) * side + bl] += histogram.weights[b]
    }
    // Separable [1 2 1] smoothing along each channel, so neighbouring shades share evidence.
    for axis in 0..<3 {
      let stride = axis == 0 ? side * side : (axis == 1 ? side : 1)
      var next = counts
      for c in 0..<cells {
        let coordinate = (c / stride) % side
        var sum = 2 * counts[c], weight = 2.0
        if coordinate > 0 { sum += counts[c - stride]; weight += 1 }
        if coordinate < side - 1 { sum += counts[c + stride]; weight += 1 }
        next[c] = sum / weight
      }
      counts = next
    }
    let total = counts.reduce(0, +)
    let uniform = total > 0 ? floor * total / Double(cells) : 1
    let norm = total > 0 ? total * (1 + floor) : Double(cells)
    costs = counts.map { -FastMath.log(($0 + uniform) / norm * Double(cells)) }
  }

  func cost(bin: Int) -> Double {
    let fine = ImageFeatures.binBits, mask = (1 << fine) - 1, shift = fine - bits, side = 1 << bits
    let r = (bin >> (2 * fine)) >> shift, g = ((bin >> fine) & mask) >> shift, b = (bin & mask) >> shift
    return costs[(r * side + g) * side + b]
  }
}
