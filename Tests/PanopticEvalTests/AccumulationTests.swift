import Testing

@testable import PanopticEval

/// Summation order: what makes the doubles equal to `pq_compute`'s.
@Suite struct AccumulationTests {
  typealias F = Fixture

  @Test func arraySplitLikeNumpy() {
    #expect(ArraySplit.ranges(count: 5, parts: 2) == [0..<3, 3..<5])
    #expect(ArraySplit.ranges(count: 7, parts: 3) == [0..<3, 3..<5, 5..<7])
    #expect(ArraySplit.ranges(count: 1, parts: 2) == [0..<1, 1..<1])
    #expect(ArraySplit.ranges(count: 0, parts: 2) == [0..<0, 0..<0])
  }

  /// One image of one person whose prediction covers `p` of its `q` pixels
  /// (the rest void): IoU = p / q exactly.
  static func image(_ p: Int, _ q: Int) throws -> ImageEvaluation {
    let gt = F.side([String(repeating: "a", count: q)], ["a": F.thing(1, 1)])
    let pred = F.side(
      [String(repeating: "a", count: p) + String(repeating: ".", count: q - p)],
      ["a": F.thing(2, 1)])
    return try F.evaluate(gt, pred)
  }

  /// IoUs a, b, c, d with ((a + b) + c) + d ≠ (a + b) + (c + d): one worker
  /// and two workers (pq_compute on a 2-core machine) differ in the last
  /// bit, and each schedule is reproduced exactly.
  @Test func workerChunkingDecidesTheLastBit() throws {
    let fractions = [(13, 18), (8, 14), (12, 20), (8, 10)]
    let images = try fractions.map { try Self.image($0.0, $0.1) }
    let (a, b, c, d) = (13.0 / 18, 8.0 / 14, 12.0 / 20, 8.0 / 10)
    let oneWorker = PQStat.pqComputeOrder(images, workers: 1)[1].iouSum
    let twoWorkers = PQStat.pqComputeOrder(images, workers: 2)[1].iouSum
    #expect(oneWorker == ((a + b) + c) + d)
    #expect(twoWorkers == (a + b) + (c + d))
    #expect(oneWorker != twoWorkers)
    #expect(oneWorker.nextDown == twoWorkers)  // one ulp apart
  }

  /// Worker stats merged with `+=` equal the one-call schedule.
  @Test func mergingWorkersInOrder() throws {
    let images = try [(13, 18), (8, 14), (12, 20), (8, 10), (3, 4)].map {
      try Self.image($0.0, $0.1)
    }
    var total = PQStat()
    for chunk in ArraySplit.ranges(count: images.count, parts: 2) {
      var worker = PQStat()
      for index in chunk { worker.add(images[index]) }
      total += worker
    }
    #expect(total == PQStat.pqComputeOrder(images, workers: 2))
    #expect(total[1].truePositives == 5)
  }
}
