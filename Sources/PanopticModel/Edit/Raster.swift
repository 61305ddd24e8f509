/// How the brush stamps: a disc or a square of the given radius.
public enum BrushShape: String, Sendable, Hashable, CaseIterable { case round, square }

/// Shapes rasterised onto a map's pixel grid, clipped to it.
public enum Raster {
  /// One brush dab of radius r (0 = one pixel).
  public static func dab(into region: inout Region, center: Point, radius r: Int, shape: BrushShape) {
    let rr = r * r + r  // r² + r gives rounder small discs than r²
    // Only the part of the dab inside the region's rectangle can be set.
    let y0 = max(center.y - r, region.originY), y1 = min(center.y + r, region.originY + region.maskHeight - 1)
    guard y0 <= y1 else { return }
    for y in y0...y1 {
      let dy = y - center.y
      // Half-width of the disc on this row, found without a square root.
      var half = r
      if shape == .round { while half > 0 && half * half + dy * dy > rr { half -= 1 } }
      if shape == .round && dy * dy > rr { continue }
      region.insertRun(y: y, from: center.x - half, through: center.x + half)
    }
  }

  /// A stroke through points: dabs along each segment, close enough to leave no gaps.
  public static func stroke(_ points: [Point], radius r: Int, shape: BrushShape, width: Int, height: Int) -> Region {
    var region = bounded(points, pad: r, width: width, height: height)
    var prev: Point?
    for p in points {
      if let q = prev {
        let steps = max(abs(p.x - q.x), abs(p.y - q.y))
        let stride = max(1, r / 2)
        var s = stride
        while s < steps {
          let c = Point(q.x + (p.x - q.x) * s / steps, q.y + (p.y - q.y) * s / steps)
          dab(into: &region, center: c, radius: r, shape: shape)
          s += stride
        }
      }
      dab(into: &region, center: p, radius: r, shape: shape)
      prev = p
    }
    return region
  }

  /// The filled rectangle between two corners (inclusive), clipped to the image.
  public static func rect(_ a: Point, _ b: Point, width: Int, height: Int) -> Region {
    let ax = max(0, min(a.x, b.x)), bx = min(width - 1, max(a.x, b.x))
    let ay = max(0, min(a.y, b.y)), by = min(height - 1, max(a.y, b.y))
    var region = Region(originX: ax, originY: ay, width: bx - ax + 1, height: by - ay + 1)
    guard bx >= ax, by >= ay else { return region }
    for y in ay...by { region.insertClearRun(maskRow: y - ay, from: 0, to: bx - ax + 1) }
    return region
  }

  /// Even-odd fill sampled at pixel centres, plus the outline itself so thin
  /// polygons still paint their edges.
  public static func polygon(_ pts: [Point], width: Int, height: Int) -> Region {
    var region = bounded(pts, pad: 0, width: width, height: height)
    guard pts.count >= 3 else { return region }
    let ys = pts.map(\.y)
    let top = max(0, ys.min()!), bottom = min(height - 1, max(0, ys.max()!))
    if top <= bottom {
      for y in top...bottom {
        let cy = Double(y) + 0.5
        var xs: [Double] = []
        for i in 0..<pts.count {
          let a = pts[i], b = pts[(i + 1) % pts.count]
          let ay = Double(a.y) + 0.5, by = Double(b.y) + 0.5
          if (ay <= cy && by > cy) || (by <= cy && ay > cy) {
            xs.append(Double(a.x) + 0.5 + (cy - ay) / (by - ay) * Double(b.x - a.x))
          }
        }
        xs.sort()
        var i = 0
        while i + 1 < xs.count {
          let start = Int((xs[i] - 0.5).rounded(.up)), end = Int((xs[i + 1] - 0.5).rounded(.down))
          if start <= end { region.insertRun(y: y, from: start, through: end) }
          i += 2
        }
      }
    }
    for p in line(through: pts, closed: true) { region.insert(p) }
    return region
  }

  /// The pixels of a polyline (Bresenham-like, both ends included).
  public static func line(through pts: [Point], closed: Bool) -> [Point] {
    guard let first = pts.first else { return [] }
    var out: [Point] = [first]
    let n = closed ? pts.count : pts.count - 1
    guard n > 0 else { return out }
    for i in 0..<n {
      let a = pts[i], b = pts[(i + 1) % pts.count]
      let steps = max(abs(b.x - a.x), abs(b.y - a.y), 1)
      for s in 1...steps { out.append(Point(a.x + (b.x - a.x) * s / steps, a.y + (b.y - a.y) * s / steps)) }
    }
    return out
  }

  static func bounded(_ pts: [Point], pad: Int, width: Int, height: Int) -> Region {
    let x0 = max(0, (pts.map(\.x).min() ?? 0) - pad), x1 = min(width - 1, (pts.map(\.x).max() ?? 0) + pad)
    let y0 = max(0, (pts.map(\.y).min() ?? 0) - pad), y1 = min(height - 1, (pts.map(\.y).max() ?? 0) + pad)
    return Region(originX: x0, originY: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
  }
}
