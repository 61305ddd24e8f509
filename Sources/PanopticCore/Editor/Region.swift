import Foundation

/// Zeroed bytes from calloc: for a full-image fill mask the kernel hands out
/// zero pages lazily, so only the rows a fill touches cost anything.
public final class MaskStorage: @unchecked Sendable {
  public let pointer: UnsafeMutablePointer<UInt8>
  public let count: Int

  init(count: Int) {
    self.count = count
    pointer = calloc(max(1, count), 1)!.assumingMemoryBound(to: UInt8.self)
  }

  func copy() -> MaskStorage {
    let m = MaskStorage(count: count)
    m.pointer.update(from: pointer, count: count)
    return m
  }

  deinit { free(pointer) }
}

/// A set of pixels to change: a mask over a rectangle, plus the tight box of
/// set pixels so applying it scans only what it must.
public struct Region: Sendable {
  /// The rectangle the mask covers.
  public var originX: Int
  public var originY: Int
  public var maskWidth: Int
  public var maskHeight: Int
  public private(set) var storage: MaskStorage
  public var mask: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage.pointer, count: storage.count) }
  /// Tight bounds of the set pixels (empty when `count == 0`).
  public var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
  public var count = 0

  public init(originX: Int, originY: Int, width: Int, height: Int) {
    self.originX = originX
    self.originY = originY
    maskWidth = max(0, width)
    maskHeight = max(0, height)
    storage = MaskStorage(count: maskWidth * maskHeight)
  }

  public var isEmpty: Bool { count == 0 }

  public mutating func insert(_ x: Int, _ y: Int) {
    let mx = x - originX
    let my = y - originY
    guard mx >= 0, my >= 0, mx < maskWidth, my < maskHeight else { return }
    let i = my * maskWidth + mx
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    if storage.pointer[i] == 0 {
      storage.pointer[i] = 1
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
    // Only the part of the dab inside the region's rectangle can be set.
    let y0 = max(cy - r, region.originY), y1 = min(cy + r, region.originY + region.maskHeight - 1)
    let x0 = max(cx - r, region.originX), x1 = min(cx + r, region.originX + region.maskWidth - 1)
    guard y0 <= y1, x0 <= x1 else { return }
    for y in y0...y1 {
      for x in x0...x1 {
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

/// A span of line `y` that was filled; line `y + dy` is to be explored.
struct FillSpan {
  var y: Int32
  var x1: Int32
  var x2: Int32
  var dy: Int32
}

/// What a flood fill may enter. A protocol (not a closure) so the fill loop
/// is specialised for each test and the comparison is inlined.
public protocol FillPredicate {
  func matches(_ i: Int) -> Bool
}

/// Same packed label as the seed.
public struct SameLabel: FillPredicate {
  let pixels: UnsafeBufferPointer<UInt32>
  let seed: UInt32
  @inline(__always) public func matches(_ i: Int) -> Bool { pixels[i] == seed }
}

/// Every channel within `tolerance` of the seed colour (a fixed range, so a
/// fill never creeps along a gradient).
public struct SimilarColor: FillPredicate {
  let bytes: UnsafeBufferPointer<UInt8>
  let r: Int32, g: Int32, b: Int32, tolerance: Int32
  @inline(__always) public func matches(_ i: Int) -> Bool {
    let o = i &* 3
    let dr = Int32(bytes[o]) &- r, dg = Int32(bytes[o &+ 1]) &- g, db = Int32(bytes[o &+ 2]) &- b
    return (dr < 0 ? -dr : dr) <= tolerance && (dg < 0 ? -dg : dg) <= tolerance && (db < 0 ? -db : db) <= tolerance
  }
}

/// Scanline flood fill: each step fills a whole horizontal span and pushes
/// one seed per run of candidates above and below it, so a 30 % fill of a 4K
/// image touches each pixel a small constant number of times.
public enum FloodFill {
  /// Pixels connected to the seed whose value equals the seed's.
  public static func sameLabel(_ map: LabelMap, x: Int, y: Int, connectivity: Int = 4) -> Region {
    map.pixels.withUnsafeBufferPointer { px in
      let seed = px[y * map.width + x]
      return fill(width: map.width, height: map.height, x: x, y: y, connectivity: connectivity, SameLabel(pixels: px, seed: seed))
    }
  }

  /// Pixels connected to the seed whose colour is within `tolerance` of the
  /// seed's in every channel.
  public static func similarColor(_ image: RGBImage, x: Int, y: Int, tolerance: Int, connectivity: Int = 4) -> Region {
    image.bytes.withUnsafeBufferPointer { px in
      let s = (y * image.width + x) * 3
      let p = SimilarColor(
        bytes: px, r: Int32(px[s]), g: Int32(px[s + 1]), b: Int32(px[s + 2]), tolerance: Int32(tolerance))
      return fill(width: image.width, height: image.height, x: x, y: y, connectivity: connectivity, p)
    }
  }

  /// Heckbert's seed fill ("A Seed Fill Algorithm", Graphics Gems, 1990):
  /// the stack holds whole spans with the direction they were reached from,
  /// so each pixel is tested about once and runs are filled with memset.
  @inline(__always)
  static func fill<P: FillPredicate>(width w: Int, height h: Int, x: Int, y: Int, connectivity: Int, _ p: P) -> Region {
    var region = Region(originX: 0, originY: 0, width: w, height: h)
    guard x >= 0, y >= 0, x < w, y < h else { return region }
    var count = 0
    var minX = x, maxX = x, minY = y, maxY = y
    let grow = connectivity == 8 ? 1 : 0
    do {
      let mask = region.storage.pointer
      @inline(__always) func ok(_ i: Int) -> Bool { mask[i] == 0 && p.matches(i) }
      guard ok(y * w + x) else { return region }
      var stack: [FillSpan] = []
      stack.reserveCapacity(4096)
      @inline(__always) func push(_ y: Int, _ x1: Int, _ x2: Int, _ dy: Int) {
        let ny = y + dy
        if ny >= 0 && ny < h { stack.append(FillSpan(y: Int32(y), x1: Int32(x1), x2: Int32(x2), dy: Int32(dy))) }
      }
      @inline(__always) func fillRun(_ row: Int, _ a: Int, _ b: Int, _ yy: Int) {
        // Marks [a, b) of line yy.
        (mask + row + a).update(repeating: 1, count: b - a)
        count += b - a
        if a < minX { minX = a }
        if b - 1 > maxX { maxX = b - 1 }
        if yy < minY { minY = yy }
        if yy > maxY { maxY = yy }
      }
      push(y, x, x, 1)
      push(y + 1, x, x, -1)
      while let s = stack.popLast() {
        let dy = Int(s.dy)
        let yy = Int(s.y) + dy
        // The parent span [a, b]; with 8-connectivity its diagonal
        // neighbours widen the range explored on this line by one.
        let a = Int(s.x1), b = Int(s.x2)
        let x1 = max(0, a - grow)
        let x2 = min(w - 1, b + grow)
        let row = yy * w
        var xx = x1
        while xx >= 0 && ok(row + xx) { xx -= 1 }
        var l: Int
        if xx < x1 {
          fillRun(row, xx + 1, x1, yy)
          l = xx + 1
          if l < a { push(yy, l, a - 1, -dy) }  // leak on the left
          xx = x1
        } else {
          // x1 itself is not fillable: look for the first fillable pixel.
          xx = x1 + 1
          while xx <= x2 && !ok(row + xx) { xx += 1 }
          l = xx
        }
        while xx <= x2 {
          let start = xx
          while xx < w && ok(row + xx) { xx += 1 }
          if xx > start { fillRun(row, start, xx, yy) }
          push(yy, l, xx - 1, dy)
          if xx - 1 > b { push(yy, b + 1, xx - 1, -dy) }  // leak on the right
          xx += 1
          while xx <= x2 && !ok(row + xx) { xx += 1 }
          l = xx
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
