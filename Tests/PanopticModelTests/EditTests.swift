import Testing

@testable import PanopticModel

/// A tiny deterministic generator for the randomised checks.
struct LCG {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

/// Every pixel of a region, read back through `contains`.
func members(_ r: Region, width: Int, height: Int) -> Set<Point> {
  var s = Set<Point>()
  for y in 0..<height { for x in 0..<width where r.contains(x, y) { s.insert(Point(x, y)) } }
  return s
}

/// Every pixel of a region, read back through `forEachRun`.
func runMembers(_ r: Region) -> (points: Set<Point>, runs: [(Int, Int, Int)]) {
  var s = Set<Point>()
  var runs: [(Int, Int, Int)] = []
  r.forEachRun { y, x0, x1 in
    runs.append((y, x0, x1))
    for x in x0...x1 { s.insert(Point(x, y)) }
  }
  return (s, runs)
}

@Suite("Region (bitset)")
struct RegionTests {
  /// Random runs across word boundaries, on a region with an offset origin:
  /// count, bounds, `contains` and `forEachRun` all agree with a plain set.
  @Test func runsAgreeWithASetReference() {
    var rng = LCG(state: 7)
    for trial in 0..<40 {
      let ox = rng.next(5) - 2, oy = rng.next(5) - 2
      let w = 1 + rng.next(200), h = 1 + rng.next(6)
      var region = Region(originX: ox, originY: oy, width: w, height: h)
      var reference = Set<Point>()
      for _ in 0..<(1 + rng.next(12)) {
        let y = oy - 1 + rng.next(h + 2)
        let a = ox - 3 + rng.next(w + 6), b = a + rng.next(140)
        region.insertRun(y: y, from: a, through: b)
        let lo = max(a, ox), hi = min(b, ox + w - 1)
        if y >= oy && y < oy + h && lo <= hi { for x in lo...hi { reference.insert(Point(x, y)) } }
      }
      if rng.next(2) == 0 {
        let p = Point(ox + rng.next(w), oy + rng.next(h))
        region.insert(p)
        reference.insert(p)
        region.insert(p)  // twice: counted once
      }
      var inside = Set<Point>()
      for y in (oy - 1)...(oy + h) {
        for x in (ox - 3)...(ox + w + 3) where region.contains(x, y) { inside.insert(Point(x, y)) }
      }
      #expect(inside == reference, "trial \(trial)")
      let (runPoints, runs) = runMembers(region)
      #expect(runPoints == reference, "trial \(trial)")
      // Runs are maximal and in row-major order.
      for (a, b) in zip(runs, runs.dropFirst()) {
        #expect(a.0 < b.0 || (a.0 == b.0 && a.2 + 1 < b.1), "trial \(trial): runs \(a) \(b)")
      }
      #expect(region.count == reference.count, "trial \(trial)")
      #expect(region.isEmpty == reference.isEmpty)
      if !reference.isEmpty {
        #expect(region.minX == reference.map(\.x).min())
        #expect(region.maxX == reference.map(\.x).max())
        #expect(region.minY == reference.map(\.y).min())
        #expect(region.maxY == reference.map(\.y).max())
      }
    }
  }

  @Test func pointsOutsideTheMaskAreIgnored() {
    var r = Region(originX: 10, originY: 5, width: 4, height: 2)
    r.insert(9, 5)
    r.insert(14, 5)
    r.insert(10, 7)
    r.insertRun(y: 4, from: 0, through: 100)
    r.insertRun(y: 5, from: 12, through: 11)
    #expect(r.isEmpty && r.count == 0)
    r.insertRun(y: 6, from: -100, through: 100)
    #expect(r.count == 4 && r.minX == 10 && r.maxX == 13 && r.minY == 6 && r.maxY == 6)
    let empty = Region(originX: 0, originY: 0, width: -3, height: 0)
    #expect(empty.isEmpty && !empty.contains(0, 0))
  }
}

@Suite("Raster shapes")
struct RasterTests {
  @Test func rectIsInclusiveAndClipped() {
    let r = Raster.rect(Point(3, 1), Point(1, 2), width: 10, height: 10)
    #expect(members(r, width: 10, height: 10) == [Point(1, 1), Point(2, 1), Point(3, 1), Point(1, 2), Point(2, 2), Point(3, 2)])
    let clipped = Raster.rect(Point(-5, -5), Point(1, 0), width: 4, height: 4)
    #expect(members(clipped, width: 4, height: 4) == [Point(0, 0), Point(1, 0)])
    let outside = Raster.rect(Point(10, 10), Point(20, 20), width: 4, height: 4)
    #expect(outside.isEmpty)
  }

  @Test func dabsAreDiscsOrSquares() {
    var one = Region(originX: 0, originY: 0, width: 9, height: 9)
    Raster.dab(into: &one, center: Point(4, 4), radius: 0, shape: .round)
    #expect(members(one, width: 9, height: 9) == [Point(4, 4)])
    var disc = Region(originX: 0, originY: 0, width: 9, height: 9)
    Raster.dab(into: &disc, center: Point(4, 4), radius: 1, shape: .round)
    #expect(disc.count == 9)  // r² + r makes radius 1 a full 3×3
    var disc2 = Region(originX: 0, originY: 0, width: 9, height: 9)
    Raster.dab(into: &disc2, center: Point(4, 4), radius: 2, shape: .round)
    #expect(disc2.count == 21 && !disc2.contains(2, 2) && disc2.contains(2, 4) && disc2.contains(3, 2))
    var square = Region(originX: 0, originY: 0, width: 9, height: 9)
    Raster.dab(into: &square, center: Point(4, 4), radius: 2, shape: .square)
    #expect(square.count == 25)
    var edge = Region(originX: 0, originY: 0, width: 9, height: 9)
    Raster.dab(into: &edge, center: Point(0, 0), radius: 2, shape: .square)
    #expect(edge.count == 9)
  }

  @Test func strokesLeaveNoGaps() {
    let s = Raster.stroke([Point(0, 0), Point(9, 0), Point(9, 5)], radius: 0, shape: .round, width: 12, height: 8)
    var expected = Set<Point>()
    for x in 0...9 { expected.insert(Point(x, 0)) }
    for y in 0...5 { expected.insert(Point(9, y)) }
    #expect(members(s, width: 12, height: 8) == expected)
  }

  @Test func polygonFillsItsInsideAndOutline() {
    let tri = Raster.polygon([Point(0, 0), Point(4, 0), Point(4, 4)], width: 8, height: 8)
    // Everything on or above the diagonal x ≥ y, inside the bounds.
    var expected = Set<Point>()
    for y in 0...4 { for x in y...4 { expected.insert(Point(x, y)) } }
    #expect(members(tri, width: 8, height: 8) == expected)
    let thin = Raster.polygon([Point(1, 1), Point(5, 1), Point(1, 1)], width: 8, height: 8)
    #expect(members(thin, width: 8, height: 8) == Set((1...5).map { Point($0, 1) }))
    #expect(Raster.polygon([Point(1, 1), Point(2, 2)], width: 8, height: 8).isEmpty)
    #expect(Raster.line(through: [Point(0, 0), Point(3, 3)], closed: false) == [Point(0, 0), Point(1, 1), Point(2, 2), Point(3, 3)])
    #expect(Raster.line(through: [], closed: true).isEmpty)
  }
}

@Suite("Flood fill")
struct FloodFillTests {
  /// Plain breadth-first reference.
  func reference(_ map: LabelMap, _ x: Int, _ y: Int, _ conn: Int) -> Set<Point> {
    let seed = map.pixels[y * map.width + x]
    var seen: Set<Point> = [Point(x, y)]
    var queue = [Point(x, y)]
    let steps = conn == 8
      ? [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] : [(0, -1), (-1, 0), (1, 0), (0, 1)]
    while let c = queue.popLast() {
      for (dx, dy) in steps {
        let n = Point(c.x + dx, c.y + dy)
        guard map.contains(n), map.pixels[n.y * map.width + n.x] == seed, !seen.contains(n) else { continue }
        seen.insert(n)
        queue.append(n)
      }
    }
    return seen
  }

  @Test(arguments: [4, 8])
  func matchesABreadthFirstReferenceOnRandomMaps(connectivity: Int) {
    var rng = LCG(state: 99)
    for trial in 0..<80 {
      // Widths past 64 put spans across bitset words.
      let w = 3 + trial % 17 + (trial % 5 == 0 ? 60 : 0), h = 2 + (trial * 7) % 13
      var map = LabelMap(width: w, height: h)
      for i in 0..<(w * h) { map.pixels[i] = UInt32(rng.next(3)) }
      let sx = trial % w, sy = trial % h
      let region = FloodFill.sameLabel(map, at: Point(sx, sy), connectivity: connectivity)
      let expected = reference(map, sx, sy, connectivity)
      #expect(members(region, width: w, height: h) == expected, "trial \(trial)")
      #expect(runMembers(region).points == expected, "trial \(trial)")
      #expect(region.count == expected.count, "trial \(trial)")
      #expect(region.minX == expected.map(\.x).min() && region.maxY == expected.map(\.y).max(), "trial \(trial)")
    }
  }

  @Test func colourFillStopsAtTheTolerance() {
    var img = RGBImage(width: 6, height: 1, fill: RGB(100, 100, 100))
    img[3, 0] = RGB(100, 130, 100)
    img[4, 0] = RGB(100, 100, 100)
    let r10 = FloodFill.similarColor(img, at: Point(0, 0), tolerance: 10)
    #expect(members(r10, width: 6, height: 1) == [Point(0, 0), Point(1, 0), Point(2, 0)])
    let r30 = FloodFill.similarColor(img, at: Point(0, 0), tolerance: 30)
    #expect(r30.count == 6)
    // The range is fixed around the seed: a gradient does not creep.
    var ramp = RGBImage(width: 10, height: 1)
    for x in 0..<10 { ramp[x, 0] = RGB(UInt8(x * 10), 0, 0) }
    #expect(FloodFill.similarColor(ramp, at: Point(0, 0), tolerance: 25).count == 3)
  }

  @Test func diagonalsOnlyJoinWithEightConnectivity() {
    let a = PanopticLabel(classIndex: car, instance: 1)
    let map = asciiMap(
      """
      a..
      .a.
      ..a
      """, ["a": a])
    #expect(FloodFill.sameLabel(map, at: Point(0, 0), connectivity: 4).count == 1)
    #expect(FloodFill.sameLabel(map, at: Point(0, 0), connectivity: 8).count == 3)
  }

  /// The fill itself returns an empty region for a seed off the map, but
  /// `sameLabel` and `similarColor` read the seed's value first, out of
  /// bounds (a trap in debug builds, a stray read in release).
  @Test(.bug(id: 8, "FloodFill reads the seed before checking it is on the map"))
  func aSeedOffTheMapGivesAnEmptyRegion() async {
    await #expect(processExitsWith: .success) {
      let map = LabelMap(width: 3, height: 3)
      let img = RGBImage(width: 3, height: 3)
      var total = 0
      for p in [Point(-1, 0), Point(0, -1), Point(3, 2), Point(2, 3), Point(-5, -5)] {
        total += FloodFill.sameLabel(map, at: p).count
        total += FloodFill.similarColor(img, at: p, tolerance: 10).count
      }
      precondition(total == 0)
    }
  }
}

@Suite("Edits on a label map")
struct LabelMapEditTests {
  let a = PanopticLabel(classIndex: car, instance: 1).raw
  let b = PanopticLabel(classIndex: road).raw

  @Test func applyRecordsMergedRunsThatRevertExactly() {
    var map = LabelMap(width: 5, height: 3)
    map[1, 1] = PanopticLabel(raw: b)
    let original = map
    var region = Region(originX: 0, originY: 0, width: 5, height: 3)
    region.insertRun(y: 0, from: 0, through: 4)
    region.insertRun(y: 1, from: 0, through: 4)
    let delta = map.apply(region) { $0 == self.b ? nil : self.a }
    // Row 0 and the start of row 1 join into one run; road is kept.
    #expect(delta.runs == [
      EditDelta.Run(start: 0, length: 6, before: PanopticLabel.voidClass, after: a),
      EditDelta.Run(start: 7, length: 3, before: PanopticLabel.voidClass, after: a),
    ])
    #expect(delta.pixelCount == 9)
    #expect(map.matches(delta, before: false) && !map.matches(delta, before: true))
    let edited = map
    map.revert(delta, toBefore: true)
    #expect(map == original)
    #expect(map.matches(delta, before: true))
    map.revert(delta, toBefore: false)
    #expect(map == edited)
    // A transform that changes nothing records nothing.
    #expect(map.apply(region) { $0 }.isEmpty)
    #expect(map.applyEverywhere { _ in nil }.isEmpty)
  }

  @Test func applyEverywhereCoversEveryPixel() {
    var map = LabelMap(width: 4, height: 2, filledWith: PanopticLabel(raw: a))
    map[3, 1] = PanopticLabel(raw: b)
    let d = map.applyEverywhere { $0 == self.a ? self.b : nil }
    #expect(d.runs == [EditDelta.Run(start: 0, length: 7, before: a, after: b)])
    #expect(map.pixels.allSatisfy { $0 == b })
  }

  @Test func matchesRefusesDeltasOutsideTheMap() {
    let map = LabelMap(width: 2, height: 2)
    for run in [
      EditDelta.Run(start: 3, length: 2, before: PanopticLabel.voidClass, after: a),
      EditDelta.Run(start: -1, length: 1, before: PanopticLabel.voidClass, after: a),
      EditDelta.Run(start: 0, length: -1, before: PanopticLabel.voidClass, after: a),
      EditDelta.Run(start: Int.max, length: Int.max, before: PanopticLabel.voidClass, after: a),
    ] {
      #expect(!map.matches(EditDelta(unvalidatedRuns: [run]), before: true), "\(run)")
    }
  }

  @Test func validateAcceptsOnlyRunsInsideTheMapWithKnownLabels() {
    func why(_ runs: [EditDelta.Run], pixels: Int = 100) -> String? {
      do {
        try EditDelta(unvalidatedRuns: runs).validate(pixelCount: pixels, catalog: coco)
        return nil
      } catch {
        return error.description
      }
    }
    let v = PanopticLabel.voidClass
    #expect(why([EditDelta.Run(start: 0, length: 100, before: v, after: a)]) == nil)
    #expect(why([EditDelta.Run(start: 99, length: 1, before: a, after: b)]) == nil)
    #expect(why([]) == nil)
    #expect(why([EditDelta.Run(start: 99, length: 2, before: v, after: a)]) == "run 0 (pixels 99…+2) lies outside the 100-pixel map")
    #expect(why([EditDelta.Run(start: -1, length: 1, before: v, after: a)]) != nil)
    #expect(why([EditDelta.Run(start: 0, length: 0, before: v, after: a)]) != nil)
    #expect(why([EditDelta.Run(start: 100, length: 1, before: v, after: a)]) != nil)
    #expect(why([EditDelta.Run(start: 1, length: Int.max, before: v, after: a)]) != nil)
    #expect(why([EditDelta.Run(start: Int.max, length: 1, before: v, after: a)]) != nil)
    #expect(why([EditDelta.Run(start: Int.min, length: Int.max, before: v, after: a)]) != nil)
    #expect(
      why([EditDelta.Run(start: 0, length: 1, before: v, after: a), EditDelta.Run(start: 5, length: 1, before: 133, after: v)])
        == "run 1: class index 133 is not in the coco catalog (133 classes)")
    #expect(
      why([EditDelta.Run(start: 0, length: 1, before: v, after: PanopticLabel.pack(classIndex: UInt32(road), instance: 1))])
        == "run 0: stuff class \"road\" has instance 1")
  }

  @Test func historyKeepsWholeStepsAndClearsRedo() {
    var h = History()
    let s1 = HistoryStep(description: "one", delta: EditDelta(unvalidatedRuns: [EditDelta.Run(start: 0, length: 1, before: 0, after: 1)]))
    let s2 = HistoryStep(description: "two", delta: EditDelta(unvalidatedRuns: [EditDelta.Run(start: 1, length: 1, before: 0, after: 1)]))
    h.push(HistoryStep(description: "empty", delta: EditDelta()))
    #expect(h.undoSteps.isEmpty)
    h.push(s1)
    h.push(s2)
    #expect(h.popUndo() == s2)
    #expect(h.redoSteps == [s2])
    h.extendLast(with: s2.delta)
    #expect(h.redoSteps.isEmpty)
    #expect(h.undoSteps.count == 1 && h.undoSteps[0].delta.runs.count == 2)
    #expect(h.popUndo()?.description == "one")
    #expect(h.popUndo() == nil)
    #expect(h.popRedo()?.description == "one")
    #expect(h.byteCount == 2 * MemoryLayout<EditDelta.Run>.stride)
  }
}
