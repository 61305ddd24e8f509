/// Geodesic distance inside a rectangle of the image: the cheapest 8-connected path from any seed,
/// where a step costs its length (10 per pixel, 14 diagonally) plus a price per unit of colour
/// change. Computed exactly by Dial's bucket-queue Dijkstra, since all costs are small integers.
///
/// Why geodesic: a click claims the pixels it can reach without crossing colour edges, which is
/// what the click simulator (and an annotator) means by "this region" (Bai & Sapiro; Criminisi et
/// al., GeoS). (Its shortest-path forest gave geodesic star convexity, Gulshan et al. 2010: measured
/// and not kept, see docs/performance.md.)
struct GeodesicDistance {
  static let unreached = Int32.max
  static let axisStep: Int32 = 10
  static let diagonalStep: Int32 = 14

  let rect: PixelRect
  /// Distance per ROI pixel (row-major in `rect`), `unreached` where no seed reaches.
  let distance: [Int32]

  /// - Parameters:
  ///   - seeds: ROI-local pixel indices where the distance is 0.
  ///   - colourCost: cost of a colour difference, indexed by `ImageFeatures` scaled difference.
  ///   - blocked: optional rect mask; paths may not enter pixels where it is non-zero.
  ///   - neighbours: 8, or 4 for paths along a 4-connected grid.
  init(
    features: ImageFeatures, rect: PixelRect, seeds: [Int], colourCost: [Int32],
    limit: Int32 = Int32.max, blocked: [UInt8]? = nil, neighbours: Int = 8
  ) {
    self.rect = rect
    let w = rect.width, h = rect.height, n = w * h
    var distance = [Int32](repeating: GeodesicDistance.unreached, count: n)
    let maxColour = colourCost.max() ?? 0
    let span = Int(GeodesicDistance.diagonalStep + maxColour) + 1
    var buckets = [[Int32]](repeating: [], count: span)
    var pending = 0
    for s in seeds where s >= 0 && s < n && distance[s] != 0 {
      distance[s] = 0
      buckets[0].append(Int32(s))
      pending += 1
    }
    var current: Int32 = 0
    let directions = GridMaxFlow.directions
    while pending > 0 {
      let slot = Int(current) % span
      while let last = buckets[slot].popLast() {
        pending -= 1
        let p = Int(last)
        let dp = distance[p]
        guard dp == current else { continue }  // stale entry
        let lx = p % w, ly = p / w
        let gx = lx + rect.x0, gy = ly + rect.y0
        for d in 0..<neighbours {
          let (dx, dy) = directions[d]
          let nx = lx + dx, ny = ly + dy
          guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
          let step = d < 4 ? GeodesicDistance.axisStep : GeodesicDistance.diagonalStep
          let cost = step + colourCost[features.difference(x: gx, y: gy, direction: d)]
          let candidate = dp + cost
          let q = ny * w + nx
          if candidate < distance[q] && candidate <= limit && (blocked == nil || blocked![q] == 0) {
            distance[q] = candidate
            buckets[Int(candidate) % span].append(Int32(q))
            pending += 1
          }
        }
      }
      current += 1
    }
    self.distance = distance
  }

  /// The colour-cost table: a colour step of one RGB level costs `pixelsPerLevel` pixels of path
  /// (a pixel is 10 cost units; the table is indexed by the ×4 scaled difference).
  static func colourCostTable(pixelsPerLevel: Double) -> [Int32] {
    (0...ImageFeatures.maxDifference).map { i in
      Int32((Double(axisStep) * pixelsPerLevel * Double(i) / Double(ImageFeatures.differenceScale)).rounded())
    }
  }
}
