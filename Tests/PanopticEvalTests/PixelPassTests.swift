import Testing

@testable import PanopticEval

/// The run-folding, SIMD pixel pass against a naive per-pixel count.
@Suite struct PixelPassTests {
  /// Deterministic xorshift, so failures reproduce.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
  }

  /// A map of `palette` ids in runs of random length (1 ... maxRun).
  static func map(_ palette: [UInt32], count: Int, maxRun: Int, _ random: inout Random) -> [UInt32] {
    var ids: [UInt32] = []
    while ids.count < count {
      let id = palette[random.next(palette.count)]
      ids += Array(repeating: id, count: min(1 + random.next(maxRun), count - ids.count))
    }
    return ids
  }

  @Test(arguments: [(1, 3), (4, 2), (7, 40), (13, 300)])
  func matchesNaiveCount(seed: Int, maxRun: Int) throws {
    var random = Random(state: 0x9E37_79B9_7F4A_7C15 &* UInt64(seed))
    let (width, height) = (37 + seed, 11 + seed)  // not a multiple of 8
    let gtIds: [UInt32] = [0, 5, 70_000, 12, 99]  // 99 is not listed
    let predIds: [UInt32] = [0, 3, 16_777_215, 8, 1234]  // 1234 is not listed
    let gt = Self.map(gtIds, count: width * height, maxRun: maxRun, &random)
    let pred = Self.map(predIds, count: width * height, maxRun: maxRun, &random)
    let gtSegments = [5, 70_000, 12].map { EvalSegment(id: $0, categoryId: 1) }
    let predSegments = [16_777_215, 3, 8].map { EvalSegment(id: $0, categoryId: 1) }
    let overlap = try ImageOverlap.count(
      imageId: "r", groundTruth: SegmentIdMap(width: width, height: height, ids: gt),
      groundTruthSegments: gtSegments, prediction: SegmentIdMap(width: width, height: height, ids: pred),
      predictionSegments: predSegments)

    var naive: [UInt64: Int] = [:]
    for (g, p) in zip(gt, pred) { naive[UInt64(g) << 32 | UInt64(p), default: 0] += 1 }
    func count(_ g: UInt32, _ p: UInt32) -> Int { naive[UInt64(g) << 32 | UInt64(p)] ?? 0 }

    let expectedPairs = naive.keys.sorted()
      .filter { [5, 70_000, 12].contains(UInt32($0 >> 32)) && [16_777_215, 3, 8].contains(UInt32($0 & 0xFFFF_FFFF)) }
    #expect(overlap.pairs.map { UInt64($0.groundTruthId) << 32 | UInt64($0.predictionId) } == expectedPairs)
    for pair in overlap.pairs { #expect(pair.pixels == count(pair.groundTruthId, pair.predictionId)) }
    #expect(overlap.groundTruthPixels == gtSegments.map { s in gt.filter { $0 == s.id }.count })
    #expect(overlap.predictionPixels == predSegments.map { s in pred.filter { $0 == s.id }.count })
    #expect(overlap.predictionOnGroundTruthVoid == predSegments.map { count(0, $0.id) })
    #expect(overlap.groundTruthOnPredictionVoid == gtSegments.map { count($0.id, 0) })
    #expect(overlap.groundTruthVoidPixels == gt.filter { $0 == 0 }.count)
    #expect(overlap.unlistedGroundTruthIds == (gt.contains(99) ? [99] : []))
    #expect(overlap.unlistedPredictionIds == (pred.contains(1234) ? [1234] : []))
  }

  /// Thousands of listed segments on both sides: the dictionary fallback
  /// must count the same as the flat table.
  @Test func sparseTableForHugeSegmentLists() throws {
    let listed = (1...1100).map { EvalSegment(id: UInt32($0), categoryId: 1) }
    let gt: [UInt32] = [1, 1, 2, 2, 0, 1100, 1100, 7]
    let pred: [UInt32] = [1, 1, 1, 2, 2, 1100, 0, 7]
    let overlap = try ImageOverlap.count(
      imageId: "s", groundTruth: SegmentIdMap(width: 8, height: 1, ids: gt), groundTruthSegments: listed,
      prediction: SegmentIdMap(width: 8, height: 1, ids: pred), predictionSegments: listed)
    #expect(1102 * 1102 > PairCountTable.denseCellLimit)
    #expect(overlap.pairs.map { [$0.groundTruthId, $0.predictionId, UInt32($0.pixels)] } == [
      [1, 1, 2], [2, 1, 1], [2, 2, 1], [7, 7, 1], [1100, 1100, 1],
    ])
    #expect(overlap.predictionOnGroundTruthVoid[1] == 1)
    #expect(overlap.overlap(groundTruthIndex: 1, predictionIndex: 0) == 1)
  }

  /// Rows fed one at a time (as a streaming decoder would) count the same
  /// as the whole image at once; runs simply restart at each row.
  @Test func rowByRowEqualsWholeImage() throws {
    var random = Random(state: 42)
    let (width, height) = (29, 17)
    let gt = Self.map([0, 1, 2, 3], count: width * height, maxRun: 50, &random)
    let pred = Self.map([0, 7, 8], count: width * height, maxRun: 50, &random)
    let gtSegments = [1, 2, 3].map { EvalSegment(id: $0, categoryId: 1) }
    let predSegments = [7, 8].map { EvalSegment(id: $0, categoryId: 1) }
    let whole = try ImageOverlap.count(
      imageId: "w", groundTruth: SegmentIdMap(width: width, height: height, ids: gt),
      groundTruthSegments: gtSegments, prediction: SegmentIdMap(width: width, height: height, ids: pred),
      predictionSegments: predSegments)
    var counter = try ImageOverlapCounter(
      imageId: "w", groundTruthSize: (width, height), predictionSize: (width, height),
      groundTruthSegments: gtSegments, predictionSegments: predSegments)
    gt.withUnsafeBufferPointer { gtIds in
      pred.withUnsafeBufferPointer { predIds in
        for y in 0..<height {
          let row = y * width..<(y + 1) * width
          counter.addRows(
            groundTruth: UnsafeBufferPointer(rebasing: gtIds[row]),
            prediction: UnsafeBufferPointer(rebasing: predIds[row]))
        }
      }
    }
    let rows = try counter.finish()
    #expect(rows.pairs == whole.pairs)
    #expect(rows.predictionOnGroundTruthVoid == whole.predictionOnGroundTruthVoid)
    #expect(rows.groundTruthPixels == whole.groundTruthPixels)
  }

  @Test func counterChecksSizes() throws {
    #expect(throws: EvalError.self) {
      try ImageOverlapCounter(
        imageId: "x", groundTruthSize: (4, 4), predictionSize: (4, 5), groundTruthSegments: [],
        predictionSegments: [])
    }
    let counter = try ImageOverlapCounter(
      imageId: "x", groundTruthSize: (4, 4), predictionSize: (4, 4), groundTruthSegments: [],
      predictionSegments: [])
    #expect(throws: EvalError.self) { try counter.finish() }  // no rows added
  }
}
