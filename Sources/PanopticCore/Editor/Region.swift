/// A set of pixels to change: a mask over a rectangle, plus the tight box of
/// set pixels so applying it scans only what it must.
public struct Region: Sendable {
  /// The rectangle the mask covers.
  public var originX: Int
  public var originY: Int
  public var maskWidth: Int
  public var maskHeight: Int
  public var mask: [UInt8]
  /// Tight bounds of the set pixels (empty when `count == 0`).
  public var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
  public var count = 0

  public init(originX: Int, originY: Int, width: Int, height: Int) {
    self.originX = originX
    self.originY = originY
    maskWidth = max(0, width)
    maskHeight = max(0, height)
    mask = [UInt8](repeating: 0, count: maskWidth * maskHeight)
  }

  public var isEmpty: Bool { count == 0 }

  public mutating func insert(_ x: Int, _ y: Int) {
    let mx = x - originX
    let my = y - originY
    guard mx >= 0, my >= 0, mx < maskWidth, my < maskHeight else { return }
    let i = my * maskWidth + mx
    if mask[i] == 0 {
      mask[i] = 1
      count += 1
      if x < minX { minX = x }
      if x > maxX { maxX = x }
      if y < minY { minY = y }
      if y > maxY { maxY = y }
    }
  }

  public func contains(_ x: Int, _ y: Int) -> Bool {
    let mx = x - originX
    let my = y - originY
    guard mx >= 0, my >= 0, mx < maskWidth, my < maskHeight else { return false }
    return mask[my * maskWidth + mx] != 0
  }
}

/// Shapes rasterised onto a map's pixel grid, clipped to it.
public enum Raster {
  /// One brush dab of radius r (0 = one pixel).
  public static func dab(into region: inout Region, cx: Int, cy: Int, radius r: Int, shape: BrushShape) {
    let rr = r * r + r  // r² + r gives rounder small discs than r²
    for y in (cy - r)...(cy + r) {
      for x in (cx - r)...(cx + r) {
        if shape == .square || (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rr { region.insert(x, y) }
      }
    }
  }

  /// A stroke through points: dabs along each segment, close enough to leave no gaps.
  public static func stroke(
    _ points: [(Int, Int)], radius r: Int, shape: BrushShape, width: Int, height: Int
  ) -> Region {
    var region = bounded(points, pad: r, width: width, height: height)
    var prev: (Int, Int)?
    for p in points {
      if let q = prev {
        let steps = max(abs(p.0 - q.0), abs(p.1 - q.1))
        let stride = max(1, r / 2)
        var s = stride
        while s < steps {
          let x = q.0 + (p.0 - q.0) * s / steps
          let y = q.1 + (p.1 - q.1) * s / steps
          dab(into: &region, cx: x, cy: y, radius: r, shape: shape)
          s += stride
        }
      }
      dab(into: &region, cx: p.0, cy: p.1, radius: r, shape: shape)
      prev = p
    }
    return region
  }

  public static func rect(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, width: Int, height: Int) -> Region {
    let ax = max(0, min(x0, x1)), bx = min(width - 1, max(x0, x1))
    let ay = max(0, min(y0, y1)), by = min(height - 1, max(y0, y1))
    var region = Region(originX: ax, originY: ay, width: bx - ax + 1, height: by - ay + 1)
    if bx < ax || by < ay { return region }
    for y in ay...by { for x in ax...bx { region.insert(x, y) } }
    return region
  }

  /// Even-odd fill sampled at pixel centres, plus the outline itself so thin
  /// polygons still paint their edges.
  public static func polygon(_ pts: [(Int, Int)], width: Int, height: Int) -> Region {
    var region = bounded(pts, pad: 0, width: width, height: height)
    guard pts.count >= 3 else { return region }
    let ys = pts.map(\.1)
    for y in max(0, ys.min()!)...min(height - 1, max(0, ys.max()!)) {
      let cy = Double(y) + 0.5
      var xs: [Double] = []
      for i in 0..<pts.count {
        let a = pts[i], b = pts[(i + 1) % pts.count]
        let ay = Double(a.1) + 0.5, by = Double(b.1) + 0.5
        if (ay <= cy && by > cy) || (by <= cy && ay > cy) {
          xs.append(Double(a.0) + 0.5 + (cy - ay) / (by - ay) * Double(b.0 - a.0))
        }
      }
      xs.sort()
      var i = 0
      while i + 1 < xs.count {
        let start = Int((xs[i] - 0.5).rounded(.up)), end = Int((xs[i + 1] - 0.5).rounded(.down))
        if start <= end { for x in start...end { region.insert(x, y) } }
        i += 2
      }
    }
    for i in 0..<pts.count {
      let a = pts[i], b = pts[(i + 1) % pts.count]
      let steps = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
      for s in 0...steps { region.insert(a.0 + (b.0 - a.0) * s / steps, a.1 + (b.1 - a.1) * s / steps) }
    }
    return region
  }

  static func bounded(_ pts: [(Int, Int)], pad: Int, width: Int, height: Int) -> Region {
    let x0 = max(0, (pts.map(\.0).min() ?? 0) - pad), x1 = min(width - 1, (pts.map(\.0).max() ?? 0) + pad)
    let y0 = max(0, (pts.map(\.1).min() ?? 0) - pad), y1 = min(height - 1, (pts.map(\.1).max() ?? 0) + pad)
    return Region(originX: x0, originY: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
  }
}

/// Scanline flood fill: each step fills a whole horizontal span and pushes
/// only the spans above and below it, so a 30 % fill of a 4K image touches
/// each pixel a small constant number of times.
public enum FloodFill {
  /// Pixels connected to the seed whose value equals the seed's.
  public static func sameLabel(_ map: LabelMap, x: Int, y: Int, connectivity: Int = 4) -> Region {
    let seed = map.pixels[y * map.width + x]
    return map.pixels.withUnsafeBufferPointer { px in
      fill(width: map.width, height: map.height, x: x, y: y, connectivity: connectivity) { i in px[i] == seed }
    }
  }

  /// Pixels connected to the seed whose colour is within `tolerance` of the
  /// seed's in every channel (a fixed range, so a fill never creeps along a
  /// gradient).
  public static func similarColor(_ image: RGBImage, x: Int, y: Int, tolerance: Int, connectivity: Int = 4) -> Region {
    let s = (y * image.width + x) * 3
    let b = image.bytes
    let r0 = Int(b[s]), g0 = Int(b[s + 1]), b0 = Int(b[s + 2])
    return image.bytes.withUnsafeBufferPointer { px in
      fill(width: image.width, height: image.height, x: x, y: y, connectivity: connectivity) { i in
        let o = i * 3
        return abs(Int(px[o]) - r0) <= tolerance && abs(Int(px[o + 1]) - g0) <= tolerance
          && abs(Int(px[o + 2]) - b0) <= tolerance
      }
    }
  }

  @inline(__always)
  static func fill(width w: Int, height h: Int, x: Int, y: Int, connectivity: Int, matches: (Int) -> Bool) -> Region {
    var region = Region(originX: 0, originY: 0, width: w, height: h)
    guard x >= 0, y >= 0, x < w, y < h else { return region }
    var count = 0
    var minX = x, maxX = x, minY = y, maxY = y
    let diag = connectivity == 8 ? 1 : 0
    region.mask.withUnsafeMutableBufferPointer { mask in
      var stack: [(Int, Int)] = [(x, y)]
      stack.reserveCapacity(1024)
      while let (sx, sy) = stack.popLast() {
        let row = sy * w
        if mask[row + sx] != 0 || !matches(row + sx) { continue }
        var l = sx
        while l > 0 && mask[row + l - 1] == 0 && matches(row + l - 1) { l -= 1 }
        var r = sx
        while r + 1 < w && mask[row + r + 1] == 0 && matches(row + r + 1) { r += 1 }
        for i in (row + l)...(row + r) { mask[i] = 1 }
        count += r - l + 1
        if l < minX { minX = l }
        if r > maxX { maxX = r }
        if sy < minY { minY = sy }
        if sy > maxY { maxY = sy }
        let lo = max(0, l - diag), hi = min(w - 1, r + diag)
        for ny in [sy - 1, sy + 1] where ny >= 0 && ny < h {
          let nrow = ny * w
          var i = lo
          while i <= hi {
            // Push one seed per run of candidates.
            if mask[nrow + i] == 0 && matches(nrow + i) {
              stack.append((i, ny))
              i += 1
              while i <= hi && mask[nrow + i] == 0 && matches(nrow + i) { i += 1 }
            } else {
              i += 1
            }
          }
        }
      }
    }
    region.count = count
    if count > 0 {
      region.minX = minX
      region.maxX = maxX
      region.minY = minY
      region.maxY = maxY
    }
    return region
  }
}
