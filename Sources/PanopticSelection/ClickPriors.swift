/// Soft spatial priors from the clicks: geodesic closeness to an include click makes background
/// expensive, closeness to an exclude click makes object expensive (a decaying bump each).
///
/// Why: colour alone cannot tell a player from his team-mate; the click says which one is meant.
/// Measured on the NoC bench, a nearly Euclidean distance (a small colour price) works better
/// than a strongly colour-aware one: the click's neighbourhood is what the annotator pointed at.
struct ClickPriors {
  /// Per working-area pixel, the extra cost (capacity units) of labelling it object / background.
  let objectPenalty: [Int32]
  let backgroundPenalty: [Int32]
  /// Per working-area pixel, exp(−distance / reach) to the nearest include click (0 if none).
  let includeAffinity: [Double]

  /// - Parameter reach: the prior's reach in pixels of this level.
  init(problem: SelectionProblem, features: ImageFeatures, reach: Double, tuning: SelectionTuning) {
    let rect = problem.area
    let costs = GeodesicDistance.colourCostTable(pixelsPerLevel: tuning.geodesicPixelsPerLevel)
    let reach = max(0.5, reach)
    let steps = Int(12 * reach) + 1
    let unit = tuning.priorStrength * tuning.capacityScale
    let penalty: [Int32] = (0..<steps).map { Int32((unit * FastMath.exp(-Double($0) / reach)).rounded()) }
    let affinity: [Double] = (0..<steps).map { FastMath.exp(-Double($0) / reach) }
    func field(_ seeds: [Int], blocking: UInt8) -> GeodesicDistance? {
      seeds.isEmpty ? nil
        : GeodesicDistance(
          features: features, rect: rect, seeds: seeds, colourCost: costs,
          blocked: problem.seeds.labels.map { $0 == blocking ? 1 : 0 })
    }
    // Paths may not cross the other side's disks: an exclude click walls off what is behind it.
    let include = field(problem.seeds.includeCentres, blocking: ClickSeeds.background)
    let exclude = field(problem.seeds.excludeCentres, blocking: ClickSeeds.object)
    func lookup<T>(_ field: GeodesicDistance?, _ table: [T], _ zero: T) -> [T] {
      guard let field else { return [T](repeating: zero, count: rect.area) }
      return field.distance.map { d in
        let i = d == GeodesicDistance.unreached ? Int.max : Int(d / GeodesicDistance.axisStep)
        return i < table.count ? table[i] : zero
      }
    }
    let usePenalty = tuning.priorStrength > 0
    objectPenalty = lookup(usePenalty ? exclude : nil, penalty, 0)
    backgroundPenalty = lookup(usePenalty ? include : nil, penalty, 0)
    includeAffinity = lookup(include, affinity, 0)
  }
}
