/// Re-cuts, at full resolution, the thin band along a boundary found on a coarser level.
///
/// Why: cutting a big area on a reduced level keeps a click's cost flat, but a coarse boundary is
/// blocky. Only pixels within `bandRadius` coarse pixels of the coarse boundary are re-decided,
/// in small tiles; every pixel outside the band keeps its coarse label and acts on the band as a
/// fixed neighbour. Cost grows with the boundary's length, not the area.
struct BandRefinement {
  static let tileSize = 32

  let full: ImageFeatures
  let fullArea: PixelRect
  let problem: SelectionProblem
  let solution: LevelSolver.Solution
  let tuning: SelectionTuning

  /// Full-area labels (1 = object) after refining the band; `fixed` holds the click disks at full
  /// resolution, which are never re-decided, and `kept` pixels are fixed background.
  func refine(fixed: ClickSeeds, kept: KeptPixels?) -> [UInt8] {
    let fw = fullArea.width
    var labels = [UInt8](repeating: 0, count: fullArea.area)
    var band = [Bool](repeating: false, count: fullArea.area)
    let coarseBand = coarseBoundaryBand()
    forEachFullPixel { p, c in
      let isKept = kept?.contains(x: p % fw + fullArea.x0, y: p / fw + fullArea.y0) ?? false
      labels[p] = isKept ? 0 : solution.labels[c]
      band[p] = coarseBand[c] && fixed.labels[p] == ClickSeeds.none && !isKept
    }
    let tile = GridMaxFlow(width: BandRefinement.tileSize, height: BandRefinement.tileSize, neighbours: tuning.neighbours)
    let table = EdgeCapacityTable(features: full, tuning: tuning)
    let old = labels
    var costs = BinCosts()
    for ty in stride(from: 0, to: fullArea.height, by: BandRefinement.tileSize) {
      for tx in stride(from: 0, to: fw, by: BandRefinement.tileSize) {
        let rect = PixelRect(
          x0: tx, y0: ty, x1: min(fw, tx + BandRefinement.tileSize) - 1,
          y1: min(fullArea.height, ty + BandRefinement.tileSize) - 1)
        refineTile(rect, graph: tile, table: table, band: band, old: old, into: &labels, costs: &costs)
      }
    }
    return labels
  }

  /// Coarse pixels within `bandRadius` (Chebyshev) of a pixel with the other label.
  private func coarseBoundaryBand() -> [Bool] {
    let la = problem.area, w = la.width, h = la.height, l = solution.labels
    let r = max(1, Int(tuning.bandRadius.rounded()))
    var band = [Bool](repeating: false, count: la.area)
    for y in 0..<h {
      for x in 0..<w {
        let v = l[y * w + x]
        var differs = false
        for ny in max(0, y - r)...min(h - 1, y + r) where !differs {
          for nx in max(0, x - r)...min(w - 1, x + r) where l[ny * w + nx] != v {
            differs = true
            break
          }
        }
        band[y * w + x] = differs
      }
    }
    return band
  }

  /// The level's labels on the full-resolution area, unrefined (each level pixel a block).
  func upsampled() -> [UInt8] {
    var labels = [UInt8](repeating: 0, count: fullArea.area)
    forEachFullPixel { p, c in labels[p] = solution.labels[c] }
    return labels
  }

  /// Calls `body(full-area index, level-area index)` for every pixel of the full area.
  private func forEachFullPixel(_ body: (Int, Int) -> Void) {
    let f = problem.factor, la = problem.area, fw = fullArea.width
    for y in 0..<fullArea.height {
      let cy = min((y + fullArea.y0) / f, la.y1) - la.y0
      for x in 0..<fw {
        let cx = min((x + fullArea.x0) / f, la.x1) - la.x0
        body(y * fw + x, cy * la.width + cx)
      }
    }
  }

  private func refineTile(
    _ rect: PixelRect, graph: GridMaxFlow, table: EdgeCapacityTable, band: [Bool], old: [UInt8],
    into labels: inout [UInt8], costs: inout BinCosts
  ) {
    let fw = fullArea.width, fh = fullArea.height, f = problem.factor, la = problem.area
    var any = false
    for y in rect.y0...rect.y1 where !any {
      for x in rect.x0...rect.x1 where band[y * fw + x] {
        any = true
        break
      }
    }
    guard any else { return }
    graph.reset()
    let k = tuning.neighbours, scale = tuning.capacityScale
    for y in rect.y0...rect.y1 {
      for x in rect.x0...rect.x1 where band[y * fw + x] {
        let gx = x + fullArea.x0, gy = y + fullArea.y0
        let c = (min(gy / f, la.y1) - la.y0) * la.width + min(gx / f, la.x1) - la.x0
        let bin = Int(full.bins[gy * full.width + gx])
        let (objectCost, backgroundCost) = costs.costs(bin: bin, solution: solution, scale: scale)
        var toObject = objectCost + solution.priors.objectPenalty[c]
        var toBackground = backgroundCost + solution.priors.backgroundPenalty[c]
        let node = graph.node(x - rect.x0, y - rect.y0)
        for d in 0..<k {
          let (dx, dy) = GridMaxFlow.directions[d]
          let nx = x + dx, ny = y + dy
          let gnx = gx + dx, gny = gy + dy
          guard gnx >= 0, gny >= 0, gnx < full.width, gny < full.height else { continue }
          let cap = table.capacity(full.difference(x: gx, y: gy, direction: d), diagonal: d >= 4)
          let insideArea = nx >= 0 && ny >= 0 && nx < fw && ny < fh
          if insideArea && rect.contains(x: nx, y: ny) && band[ny * fw + nx] {
            graph.residual[node * k + d] = cap
          } else if insideArea {
            // A fixed neighbour: disagreeing with it costs the arc.
            if old[ny * fw + nx] != 0 { toBackground += cap } else { toObject += cap }
          } else if problem.borderIsBackground {
            toObject += cap
          }
        }
        let shift = min(0, toObject, toBackground)
        graph.setTerminals(node: node, source: toBackground - shift, sink: toObject - shift)
      }
    }
    graph.solve()
    for y in rect.y0...rect.y1 {
      for x in rect.x0...rect.x1 where band[y * fw + x] {
        labels[y * fw + x] = graph.isSource(graph.node(x - rect.x0, y - rect.y0)) ? 1 : 0
      }
    }
  }
}

/// Each colour's two terminal costs, worked out once a refinement: a band holds far more
/// pixels than colours, and a model's cost is a logarithm (or a mixture) per call.
struct BinCosts {
  private var object = [Int32](repeating: .min, count: ImageFeatures.binCount)
  private var background = [Int32](repeating: .min, count: ImageFeatures.binCount)

  mutating func costs(bin: Int, solution: LevelSolver.Solution, scale: Double) -> (Int32, Int32) {
    if object[bin] == .min {
      object[bin] = Int32((scale * solution.objectModel.cost(bin: bin)).rounded())
      background[bin] = Int32((scale * solution.backgroundModel.cost(bin: bin)).rounded())
    }
    return (object[bin], background[bin])
  }
}
