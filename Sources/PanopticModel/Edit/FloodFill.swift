/// Which pixels a fill takes.
public enum FillRule: String, Sendable, Hashable, CaseIterable {
  /// Connected pixels whose image colour is within the tolerance of the seed's.
  case color
  /// The connected area with the same label as the seed (e.g. inside an outline).
  case label
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
protocol FillPredicate {
  func matches(_ i: Int) -> Bool
}

/// Same packed label as the seed.
struct SameLabel: FillPredicate {
  let pixels: UnsafeBufferPointer<UInt32>
  let seed: UInt32
  @inline(__always) func matches(_ i: Int) -> Bool { pixels[i] == seed }
}

/// Every channel within `tolerance` of the seed colour (a fixed range, so a
/// fill never creeps along a gradient).
struct SimilarColor: FillPredicate {
  let bytes: UnsafeBufferPointer<UInt8>
  let r: Int32, g: Int32, b: Int32, tolerance: Int32
  @inline(__always) func matches(_ i: Int) -> Bool {
    let o = i &* 3
    let dr = Int32(bytes[o]) &- r, dg = Int32(bytes[o &+ 1]) &- g, db = Int32(bytes[o &+ 2]) &- b
    return (dr < 0 ? -dr : dr) <= tolerance && (dg < 0 ? -dg : dg) <= tolerance && (db < 0 ? -db : db) <= tolerance
  }
}

/// A photo's pixel is taken when it or its smoothed value is within
/// `tolerance` of the seed colour: raw pixels keep flat-colour edges exact,
/// smoothed ones carry the fill across texture and noise (grass, a jersey),
/// where single pixels wander far from the region's colour.
struct SimilarOrSmoothedColor: FillPredicate {
  let raw: SimilarColor
  let smoothed: SimilarColor
  @inline(__always) func matches(_ i: Int) -> Bool { raw.matches(i) || smoothed.matches(i) }
}

/// Scanline flood fill: each step fills a whole horizontal span and pushes
/// one seed per run of candidates above and below it, so a 30 % fill of a 4K
/// image touches each pixel a small constant number of times.
public enum FloodFill {
  /// Pixels connected to the seed whose value equals the seed's.
  public static func sameLabel(_ map: LabelMap, at p: Point, connectivity: Int = 4) -> Region {
    guard map.contains(p) else { return Region(originX: 0, originY: 0, width: map.width, height: map.height) }
    return map.pixels.withUnsafeBufferPointer { px in
      let seed = px[p.y * map.width + p.x]
      return fill(width: map.width, height: map.height, at: p, connectivity: connectivity, SameLabel(pixels: px, seed: seed))
    }
  }

  /// Pixels connected to the seed whose colour, or whose `smoothed` colour,
  /// is within `tolerance` of the seed's, the seed being the median of its
  /// 5×5 neighbourhood (one noisy pixel does not decide the fill).
  public static func similarColor(
    _ image: RGBImage, smoothed: RGBImage, at p: Point, tolerance: Int, connectivity: Int = 4
  ) -> Region {
    guard p.x >= 0, p.y >= 0, p.x < image.width, p.y < image.height,
      smoothed.width == image.width, smoothed.height == image.height
    else { return Region(originX: 0, originY: 0, width: image.width, height: image.height) }
    // The median of the neighbourhood, unless the clicked pixel itself is
    // far from it (a window, a stripe): the clicked pixel is always taken.
    var seed = image.medianColor(around: p, radius: 2)
    let clicked = image[p.x, p.y], clickedSmooth = smoothed[p.x, p.y]
    if !clicked.isWithin(tolerance, of: seed) && !clickedSmooth.isWithin(tolerance, of: seed) { seed = clicked }
    let t = Int32(tolerance)
    return image.bytes.withUnsafeBufferPointer { raw in
      smoothed.bytes.withUnsafeBufferPointer { soft in
        let pred = SimilarOrSmoothedColor(
          raw: SimilarColor(bytes: raw, r: Int32(seed.r), g: Int32(seed.g), b: Int32(seed.b), tolerance: t),
          smoothed: SimilarColor(bytes: soft, r: Int32(seed.r), g: Int32(seed.g), b: Int32(seed.b), tolerance: t))
        return fill(width: image.width, height: image.height, at: p, connectivity: connectivity, pred)
      }
    }
  }

  /// Pixels connected to the seed whose colour is within `tolerance` of the
  /// seed's in every channel.
  public static func similarColor(_ image: RGBImage, at p: Point, tolerance: Int, connectivity: Int = 4) -> Region {
    guard p.x >= 0, p.y >= 0, p.x < image.width, p.y < image.height else {
      return Region(originX: 0, originY: 0, width: image.width, height: image.height)
    }
    return image.bytes.withUnsafeBufferPointer { px in
      let s = (p.y * image.width + p.x) * 3
      let pred = SimilarColor(
        bytes: px, r: Int32(px[s]), g: Int32(px[s + 1]), b: Int32(px[s + 2]), tolerance: Int32(tolerance))
      return fill(width: image.width, height: image.height, at: p, connectivity: connectivity, pred)
    }
  }

  /// Heckbert's seed fill ("A Seed Fill Algorithm", Graphics Gems, 1990):
  /// the stack holds whole spans with the direction they were reached from,
  /// so each pixel is tested about once and runs are marked a word at a time.
  @inline(__always)
  static func fill<P: FillPredicate>(width w: Int, height h: Int, at seed: Point, connectivity: Int, _ p: P) -> Region {
    var region = Region(originX: 0, originY: 0, width: w, height: h)
    let x = seed.x, y = seed.y
    guard x >= 0, y >= 0, x < w, y < h else { return region }
    let grow = connectivity == 8 ? 1 : 0
    let wordsPerRow = region.wordsPerRow
    var count = 0
    var minX = x, maxX = x, minY = y, maxY = y
    region.words.withUnsafeMutableBufferPointer { bits in
      @inline(__always) func ok(_ base: Int, _ row: Int, _ x: Int) -> Bool {
        bits[base + x >> 6] & (UInt64(1) << UInt64(x & 63)) == 0 && p.matches(row + x)
      }
      @inline(__always) func mark(_ base: Int, _ yy: Int, _ a: Int, _ b: Int) {
        Region.setBits(bits, base: base, from: a, to: b)
        count += b - a
        if a < minX { minX = a }
        if b - 1 > maxX { maxX = b - 1 }
        if yy < minY { minY = yy }
        if yy > maxY { maxY = yy }
      }
      // Runs are found with the predicate alone (a tight compare loop), then
      // cut at the nearest pixel already filled, found a word at a time.
      @inline(__always) func firstNotFillable(after from: Int, _ base: Int, _ row: Int) -> Int {
        var e = from
        while e < w && p.matches(row + e) { e += 1 }
        if e > from, let v = Region.nextBit(UnsafeBufferPointer(bits), base: base, words: wordsPerRow, from: from, set: true), v < e {
          return v
        }
        return e
      }
      @inline(__always) func firstNotFillable(before from: Int, _ base: Int, _ row: Int) -> Int {
        var l = from
        while l >= 0 && p.matches(row + l) { l -= 1 }
        if l < from, let v = Region.lastSetBit(UnsafeBufferPointer(bits), base: base, from: from, downTo: l + 1) { return v }
        return l
      }
      guard ok(y * wordsPerRow, y * w, x) else { return }
      var stack: [FillSpan] = []
      stack.reserveCapacity(4096)
      @inline(__always) func push(_ y: Int, _ x1: Int, _ x2: Int, _ dy: Int) {
        let ny = y + dy
        if ny >= 0 && ny < h { stack.append(FillSpan(y: Int32(y), x1: Int32(x1), x2: Int32(x2), dy: Int32(dy))) }
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
        let base = yy * wordsPerRow
        var xx = firstNotFillable(before: x1, base, row)
        var l: Int
        if xx < x1 {
          mark(base, yy, xx + 1, x1)
          l = xx + 1
          if l < a { push(yy, l, a - 1, -dy) }  // leak on the left
          xx = x1
        } else {
          // x1 itself is not fillable: look for the first fillable pixel.
          xx = x1 + 1
          while xx <= x2 && !ok(base, row, xx) { xx += 1 }
          l = xx
        }
        while xx <= x2 {
          let start = xx
          xx = firstNotFillable(after: start, base, row)
          if xx > start { mark(base, yy, start, xx) }
          push(yy, l, xx - 1, dy)
          if xx - 1 > b { push(yy, b + 1, xx - 1, -dy) }  // leak on the right
          xx += 1
          while xx <= x2 && !ok(base, row, xx) { xx += 1 }
          l = xx
        }
      }
    }
    if count > 0 { region.setBounds(count: count, minX: minX, minY: minY, maxX: maxX, maxY: maxY) }
    return region
  }
}

extension RGB {
  /// Every channel within `tolerance` of `other`'s.
  func isWithin(_ tolerance: Int, of other: RGB) -> Bool {
    abs(Int(r) - Int(other.r)) <= tolerance && abs(Int(g) - Int(other.g)) <= tolerance
      && abs(Int(b) - Int(other.b)) <= tolerance
  }
}
