/// The pixel graph of one working area: contrast-sensitive boundary arcs built once, then cut
/// again for each colour model with only the terminal arcs updated (tree reuse).
final class CutGraph {
  static let hardCapacity: Int32 = 1 << 26

  let area: PixelRect
  let flow: GridMaxFlow
  /// Per area pixel, the boundary cost paid if it is object while its neighbour outside the
  /// area is not (with a box, the outside is background).
  private var borderCost: [Int32]
  private let scale: Double

  init(features: ImageFeatures, area: PixelRect, outsideIsBackground: Bool, tuning: SelectionTuning) {
    self.area = area
    scale = tuning.capacityScale
    let rw = area.width, rh = area.height, w = features.width, h = features.height
    let k = tuning.neighbours
    flow = GridMaxFlow(width: rw, height: rh, neighbours: k)
    let table = EdgeCapacityTable(features: features, tuning: tuning)
    borderCost = [Int32](repeating: 0, count: area.area)
    for ly in 0..<rh {
      let gy = ly + area.y0
      let inner = gy > area.y0 && gy < area.y1
      for lx in 0..<rw {
        let gx = lx + area.x0
        let node = flow.node(lx, ly)
        let interior = inner && gx > area.x0 && gx < area.x1
        for d in 0..<k {
          let (dx, dy) = GridMaxFlow.directions[d]
          let nx = gx + dx, ny = gy + dy
          if !interior { guard nx >= 0, ny >= 0, nx < w, ny < h else { continue } }
          let cap = table.capacity(features.difference(x: gx, y: gy, direction: d), diagonal: d >= 4)
          if interior || area.contains(x: nx, y: ny) {
            flow.residual[node * k + d] = cap
          } else if outsideIsBackground {
            borderCost[ly * rw + lx] += cap
          }
        }
      }
    }
  }

  /// Min-cut with the given colour models; returns area labels (1 = object).
  /// `kept` pixels (see `SelectionProblem.kept`) are background whatever else holds, clicks included.
  func cut(
    seeds: ClickSeeds, kept: [UInt8]?, priors: ClickPriors, bins: [Int], fg: any ColourModel, bg: any ColourModel
  ) -> [UInt8] {
    let rw = area.width
    var fgCost = [Int32](repeating: Int32.min, count: ImageFeatures.binCount)
    var bgCost = [Int32](repeating: Int32.min, count: ImageFeatures.binCount)
    for p in 0..<area.area {
      let node = flow.node(p % rw, p / rw)
      if let kept, kept[p] != 0 {
        flow.setTerminals(node: node, source: 0, sink: CutGraph.hardCapacity)
        continue
      }
      switch seeds.labels[p] {
      case ClickSeeds.object: flow.setTerminals(node: node, source: CutGraph.hardCapacity, sink: 0)
      case ClickSeeds.background: flow.setTerminals(node: node, source: 0, sink: CutGraph.hardCapacity)
      default:
        let b = bins[p]
        if fgCost[b] == Int32.min {
          fgCost[b] = Int32(min(4000, max(-4000, (scale * fg.cost(bin: b)).rounded())))
          bgCost[b] = Int32(min(4000, max(-4000, (scale * bg.cost(bin: b)).rounded())))
        }
        let toObject = fgCost[b] + priors.objectPenalty[p] + borderCost[p]
        let toBackground = bgCost[b] + priors.backgroundPenalty[p]
        // Only the difference matters to the cut; shift so both capacities are non-negative.
        let shift = min(0, toObject, toBackground)
        flow.setTerminals(node: node, source: toBackground - shift, sink: toObject - shift)
      }
    }
    flow.solve()
    var labels = [UInt8](repeating: 0, count: area.area)
    for p in 0..<area.area where flow.isSource(flow.node(p % rw, p / rw)) { labels[p] = 1 }
    return labels
  }
}
