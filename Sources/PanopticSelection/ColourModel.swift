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
  /// The smoothed counts; a cost is taken from them when asked for, since a cut asks only
  /// for the colours of its working area (a few hundred of the 4,096 cells), each once.
  private let counts: [Double]
  private let uniform: Double
  private let norm: Double

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
    // The cells holding mass; the smoothing visits them and their neighbours only (a small
    // working area has a few dozen colours), with the arithmetic of a pass over every cell.
    var reached = [Bool](repeating: false, count: cells)
    var occupied: [Int] = []
    for b in histogram.usedBins {
      let r = (b >> (2 * fine)) >> shift, g = ((b >> fine) & mask) >> shift, bl = (b & mask) >> shift
      let c = (r * side + g) * side + bl
      counts[c] += histogram.weights[b]
      if !reached[c] {
        reached[c] = true
        occupied.append(c)
      }
    }
    // Separable [1 2 1] smoothing along each channel, so neighbouring shades share evidence.
    // A cell no mass reaches stays 0 (0 / weight), so only reached cells are computed.
    var next = [Double](repeating: 0, count: cells)
    for axis in 0..<3 {
      let stride = axis == 0 ? side * side : (axis == 1 ? side : 1)
      var grown = occupied
      for c in occupied {
        let coordinate = (c / stride) % side
        if coordinate > 0 && !reached[c - stride] {
          reached[c - stride] = true
          grown.append(c - stride)
        }
        if coordinate < side - 1 && !reached[c + stride] {
          reached[c + stride] = true
          grown.append(c + stride)
        }
      }
      for c in grown {
        let coordinate = (c / stride) % side
        var sum = 2 * counts[c], weight = 2.0
        if coordinate > 0 { sum += counts[c - stride]; weight += 1 }
        if coordinate < side - 1 { sum += counts[c + stride]; weight += 1 }
        next[c] = sum / weight
      }
      for c in occupied { counts[c] = 0 }
      swap(&counts, &next)
      occupied = grown
    }
    let total = counts.reduce(0, +)
    uniform = total > 0 ? floor * total / Double(cells) : 1
    norm = total > 0 ? total * (1 + floor) : Double(cells)
    self.counts = counts
  }

  func cost(bin: Int) -> Double {
    let fine = ImageFeatures.binBits, mask = (1 << fine) - 1, shift = fine - bits, side = 1 << bits
    let r = (bin >> (2 * fine)) >> shift, g = ((bin >> fine) & mask) >> shift, b = (bin & mask) >> shift
    return -FastMath.log((counts[(r * side + g) * side + b] + uniform) / norm * Double(counts.count))
  }
}
