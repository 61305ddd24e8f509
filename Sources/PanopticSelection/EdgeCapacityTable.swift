/// GrabCut's boundary weight γ·exp(−β‖Δc‖²)/length as integer capacities, tabulated over the
/// scaled colour differences of `ImageFeatures`, so building a graph is one look-up per arc.
struct EdgeCapacityTable {
  let axis: [Int32]
  let diagonal: [Int32]

  init(features: ImageFeatures, tuning: SelectionTuning) {
    let beta = features.meanSquaredDifference > 0 ? 1 / (2 * features.meanSquaredDifference) : 0
    let unit = tuning.smoothness * tuning.capacityScale
    var axis = [Int32](repeating: 0, count: ImageFeatures.maxDifference + 1)
    var diagonal = axis
    for i in 0...ImageFeatures.maxDifference {
      let d = Double(i) / Double(ImageFeatures.differenceScale)
      let weight = unit * FastMath.exp(-beta * d * d)
      axis[i] = Int32(weight.rounded())
      diagonal[i] = Int32((weight / 2.squareRoot()).rounded())
    }
    self.axis = axis
    self.diagonal = diagonal
  }

  @inline(__always) func capacity(_ difference: Int, diagonal isDiagonal: Bool) -> Int32 {
    isDiagonal ? diagonal[difference] : axis[difference]
  }
}
