/// The input restated on one pyramid level: the working area (the box, or without a box the
/// area geodesically near the include clicks) and the click disks inside it.
struct SelectionProblem {
  /// Reduction factor of the level (1 = full resolution).
  let factor: Int
  /// Working rectangle in level pixels.
  let area: PixelRect
  let hasBox: Bool
  /// Whether the cut pays for the working area's border as a boundary with background: with a
  /// box, and for a thing without one (see `SelectionInput.isThing`).
  let borderIsBackground: Bool
  let seeds: ClickSeeds
  /// Per working-area pixel, 1 where its whole full-resolution block is kept
  /// (`SelectionInput.kept`); nil when no pixel of the area is. A block with a free pixel stays
  /// free: the free pixels are what the cut is for, and the answer drops the kept ones anyway.
  let kept: [UInt8]?

  /// - Parameters:
  ///   - fullArea: the working rectangle at full resolution.
  ///   - seedRadius: click disk radius in full-resolution pixels.
  init(
    input: SelectionInput, fullArea: PixelRect, level: ImageFeatures, factor: Int, seedRadius: Double,
    fullWidth: Int, fullHeight: Int
  ) {
    self.factor = factor
    hasBox = input.box != nil
    borderIsBackground = input.box != nil || input.isThing
    let lw = level.width, lh = level.height
    area = PixelRect(
      x0: min(fullArea.x0 / factor, lw - 1), y0: min(fullArea.y0 / factor, lh - 1),
      x1: min(fullArea.x1 / factor, lw - 1), y1: min(fullArea.y1 / factor, lh - 1))
    let clicks = input.clicks.map { c in
      SelectionClick(
        x: SelectionProblem.scale(c.x, factor, lw, fullWidth), y: SelectionProblem.scale(c.y, factor, lh, fullHeight),
        include: c.include)
    }
    seeds = ClickSeeds(clicks: clicks, rect: area, radius: seedRadius / Double(factor))
    let levelArea = area
    kept = input.kept.flatMap { SelectionProblem.keptOnLevel($0, area: levelArea, factor: factor) }
  }

  /// The kept plane on a level: a level pixel is kept when all of its block is.
  static func keptOnLevel(_ kept: KeptPixels, area: PixelRect, factor f: Int) -> [UInt8]? {
    var plane = [UInt8](repeating: 0, count: area.area)
    var any = false
    for ly in area.y0...area.y1 {
      let ys = ly * f, ye = min(kept.height, ys + f)
      for lx in area.x0...area.x1 {
        let xs = lx * f, xe = min(kept.width, xs + f)
        var count = 0
        for y in ys..<ye {
          let row = y * kept.width
          for x in xs..<xe where kept.bytes[row + x] != 0 { count += 1 }
        }
        if count > 0 && count == (ye - ys) * (xe - xs) {
          plane[(ly - area.y0) * area.width + lx - area.x0] = 1
          any = true
        }
      }
    }
    return any ? plane : nil
  }

  /// A full-resolution coordinate on a level of reduction `factor` and size `size`; coordinates
  /// off the image stay off it, so clicks outside the photo keep having no effect.
  static func scale(_ v: Int, _ factor: Int, _ size: Int, _ fullSize: Int) -> Int {
    v < 0 ? -1 : (v >= fullSize ? size : min(v / factor, size - 1))
  }

  /// The full-resolution working rectangle: the clamped box, or without a box everything within
  /// `clickReach` (geodesic, steep colour price) of an include click, plus a margin. The
  /// geodesic runs on the level of about 640-pixel size so its cost does not grow with the photo.
  /// Nil when there is nothing to select (no box and no include click on the photo).
  static func fullArea(input: SelectionInput, pyramid: inout ImagePyramid, tuning: SelectionTuning) -> PixelRect? {
    let w = pyramid.full.width, h = pyramid.full.height
    guard w > 0, h > 0 else { return nil }
    if let box = input.box { return PixelRect(clamping: box, width: w, height: h) }
    let includes = input.clicks.filter { $0.include && $0.x >= 0 && $0.y >= 0 && $0.x < w && $0.y < h }
    guard !includes.isEmpty else { return nil }
    let u = pyramid.referenceScale
    let factor = max(1, Int(u.rounded()))
    let level = pyramid.level(factor)
    let rect = PixelRect(width: level.width, height: level.height)
    let clicks = input.clicks.map { c in
      SelectionClick(x: scale(c.x, factor, level.width, w), y: scale(c.y, factor, level.height, h), include: c.include)
    }
    let seeds = ClickSeeds(clicks: clicks, rect: rect, radius: tuning.seedRadius * u / Double(factor))
    let field = GeodesicDistance(
      features: level, rect: rect, seeds: seeds.includeCentres,
      colourCost: GeodesicDistance.colourCostTable(pixelsPerLevel: tuning.clickReachPixelsPerLevel),
      limit: Int32(tuning.clickReach * u / Double(factor) * Double(GeodesicDistance.axisStep)),
      blocked: seeds.labels.map { $0 == ClickSeeds.background ? 1 : 0 })
    var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
    for y in 0..<rect.height {
      for x in 0..<rect.width where field.distance[y * rect.width + x] != GeodesicDistance.unreached {
        x0 = min(x0, x)
        x1 = max(x1, x)
        y0 = min(y0, y)
        y1 = max(y1, y)
      }
    }
    var area = x0 > x1 ? PixelRect(x0: includes[0].x, y0: includes[0].y, x1: includes[0].x, y1: includes[0].y)
      : PixelRect(x0: x0 * factor, y0: y0 * factor, x1: min(w - 1, x1 * factor + factor - 1), y1: min(h - 1, y1 * factor + factor - 1))
    area = area.expanded(by: Int((tuning.clickMargin * u).rounded()), width: w, height: h)
    let reach = Int((tuning.clickMinimumReach * u).rounded())
    for c in includes {
      area = area.union(PixelRect(x0: c.x, y0: c.y, x1: c.x, y1: c.y).expanded(by: reach, width: w, height: h))
    }
    return area
  }

  /// The reduction factor a working area is cut at: the smallest that keeps `area` within the
  /// working-pixel budget, and (with `cutAtReferenceDetail`) never finer than the level that
  /// still has the reference photo's detail. A 1080p photo (reference scale 2.75) is cut on its
  /// half-size level (960 pixels wide, more detail than the 640-pixel photos the energy was
  /// tuned on) and the full-resolution band puts the boundary back on its pixels, so a small
  /// object costs what it costs at 640 instead of four times the nodes (and more than four
  /// times the max-flow work, since the augmenting paths lengthen too).
  static func factor(for area: PixelRect, tuning: SelectionTuning, referenceScale: Double) -> Int {
    var f = tuning.cutAtReferenceDetail ? max(1, Int(referenceScale.rounded(.down))) : 1
    while area.area / (f * f) > tuning.workingPixels { f += 1 }
    return f
  }
}
