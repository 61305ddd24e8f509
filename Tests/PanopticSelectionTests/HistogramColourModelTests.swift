import Testing

@testable import PanopticSelection

/// The colour model smooths only the cells its samples reach and takes each cost when asked;
/// these tests hold it to the plain pass over every cell it replaced, bit for bit, so the cuts
/// (and the NoC figures) cannot move.
@Suite struct HistogramColourModelTests {
  /// The model as first written: three smoothing passes over all cells, then a cost per cell.
  static func denseCosts(_ histogram: ColourHistogram, levelsBits: Int, floor: Double) -> [Double] {
    let side = 1 << levelsBits, cells = side * side * side
    let fine = ImageFeatures.binBits, shift = fine - levelsBits, mask = (1 << fine) - 1
    var counts = [Double](repeating: 0, count: cells)
    for b in histogram.usedBins {
      let r = (b >> (2 * fine)) >> shift, g = ((b >> fine) & mask) >> shift, bl = (b & mask) >> shift
      counts[(r * side + g) * side + bl] += histogram.weights[b]
    }
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
    return counts.map { -FastMath.log(($0 + uniform) / norm * Double(cells)) }
  }

  /// Random samples, every fourth on a face or corner of the colour cube (one-sided smoothing).
  static func randomHistogram(bins: Int, seed: UInt64) -> ColourHistogram {
    var rng = SplitMix(state: seed)
    var h = ColourHistogram()
    for i in 0..<bins {
      let edge = i % 4 == 0
      let r = edge ? (i % 8 == 0 ? 0 : 31) : Int(rng.next() % 32)
      let g = edge ? 31 : Int(rng.next() % 32), b = Int(rng.next() % 32)
      h.add(bin: (r << 10) | (g << 5) | b, weight: Double(rng.next() % 1000) / 7 + 0.01)
    }
    return h
  }

  @Test(arguments: [(0, 4), (1, 4), (5, 4), (40, 4), (3000, 4), (12, 3), (200, 5), (90, 2), (30, 1)])
  func sameCostsAsAPassOverEveryCell(bins: Int, levelsBits: Int) {
    let h = Self.randomHistogram(bins: bins, seed: UInt64(bins * 31 + levelsBits))
    let model = HistogramColourModel(h, levelsBits: levelsBits, floor: 0.05)
    let dense = Self.denseCosts(h, levelsBits: levelsBits, floor: 0.05)
    let side = 1 << levelsBits, shift = ImageFeatures.binBits - levelsBits
    var mismatches = 0
    for bin in 0..<ImageFeatures.binCount {
      let r = (bin >> 10) >> shift, g = ((bin >> 5) & 31) >> shift, b = (bin & 31) >> shift
      if model.cost(bin: bin).bitPattern != dense[(r * side + g) * side + b].bitPattern { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  @Test func sampledColoursCostLessThanFarOnes() {
    var h = ColourHistogram()
    h.add(bin: (20 << 10) | (3 << 5) | 7, weight: 50)
    let model = HistogramColourModel(h, levelsBits: 4, floor: 0.05)
    #expect(model.cost(bin: (20 << 10) | (3 << 5) | 7) < model.cost(bin: (2 << 10) | (30 << 5) | 30) - 3)
  }
}
