/// Weighted counts of colour bins: the sample set a colour model is fitted to.
///
/// Fitting on bins makes a refit cost O(non-empty bins) instead of O(pixels), and makes the
/// model depend only on which colours were sampled how often, never on pixel order.
struct ColourHistogram {
  private(set) var weights: [Double]
  private(set) var usedBins: [Int] = []

  init() {
    weights = [Double](repeating: 0, count: ImageFeatures.binCount)
  }

  mutating func add(bin: Int, weight: Double) {
    guard weight > 0 else { return }
    if weights[bin] == 0 { usedBins.append(bin) }
    weights[bin] += weight
  }

  var totalWeight: Double { usedBins.reduce(0.0) { $0 + weights[$1] } }

  /// The bins as mixture samples (bin centres), in ascending bin order for determinism.
  func samples() -> [ColourGMM.Sample] {
    usedBins.sorted().map { ColourGMM.Sample(colour: ColourHistogram.centre(of: $0), weight: weights[$0]) }
  }

  /// The RGB centre of a bin.
  static func centre(of bin: Int) -> SIMD3<Double> {
    let bits = ImageFeatures.binBits
    let mask = (1 << bits) - 1
    let step = Double(256 >> bits)
    return SIMD3<Double>(
      Double(bin >> (2 * bits)) * step + step / 2,
      Double((bin >> bits) & mask) * step + step / 2,
      Double(bin & mask) * step + step / 2)
  }
}
