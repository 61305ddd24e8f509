/// PQ, SQ and RQ for all classes, things, stuff and each class — what
/// `pq_compute` returns, computed by `PQStat.pq_average` with the same
/// operations in the same order, so every double is the same.
public struct PQResults: Sendable, Equatable {
  /// An average over the classes of a group that have segments.
  public struct Summary: Sendable, Hashable {
    public var pq: Double
    public var sq: Double
    public var rq: Double
    /// Classes averaged: those with `tp + fp + fn > 0`.
    public var n: Int

    /// `pq_compute` divides by `n` unguarded and raises ZeroDivisionError
    /// for an empty group (e.g. a dataset without stuff classes); here the
    /// values are 0 and `n` is 0, and callers can say so.
    public var isEmpty: Bool { n == 0 }
  }

  /// One class's scores, plus the totals behind them.
  public struct ClassResult: Sendable, Hashable {
    public var category: EvalCategory
    public var pq: Double
    public var sq: Double
    public var rq: Double
    public var totals: PQStat.ClassTotals
    /// False when the class has no segment at all (reported as 0, not averaged).
    public var isCounted: Bool { totals.segmentCount > 0 }
  }

  public let all: Summary
  public let things: Summary
  public let stuff: Summary
  /// Every category, in the ground-truth JSON's order (`per_class`).
  public let perClass: [ClassResult]

  public init(stat: PQStat, categories: CategoryTable) {
    var classes: [ClassResult] = []
    classes.reserveCapacity(categories.categories.count)
    for category in categories.categories {
      let totals = stat[category.id]
      guard totals.segmentCount > 0 else {
        classes.append(ClassResult(category: category, pq: 0, sq: 0, rq: 0, totals: totals))
        continue
      }
      // Python: `tp + 0.5 * fp + 0.5 * fn`, left to right.
      let denominator =
        Double(totals.truePositives) + 0.5 * Double(totals.falsePositives) + 0.5
        * Double(totals.falseNegatives)
      classes.append(
        ClassResult(
          category: category,
          pq: totals.iouSum / denominator,
          sq: totals.truePositives != 0 ? totals.iouSum / Double(totals.truePositives) : 0,
          rq: Double(totals.truePositives) / denominator,
          totals: totals))
    }
    perClass = classes
    all = Self.average(classes, where: { _ in true })
    things = Self.average(classes, where: { $0.category.isThing })
    stuff = Self.average(classes, where: { !$0.category.isThing })
  }

  /// Sums in category order starting from 0 and divides once, as
  /// `pq_average` does.
  private static func average(
    _ classes: [ClassResult], where include: (ClassResult) -> Bool
  ) -> Summary {
    var pq = 0.0
    var sq = 0.0
    var rq = 0.0
    var n = 0
    for result in classes where include(result) && result.isCounted {
      n += 1
      pq += result.pq
      sq += result.sq
      rq += result.rq
    }
    guard n > 0 else { return Summary(pq: 0, sq: 0, rq: 0, n: 0) }
    return Summary(pq: pq / Double(n), sq: sq / Double(n), rq: rq / Double(n), n: n)
  }

  /// The one-call path: totals in `pq_compute`'s order, then the averages.
  public init<Images: Collection>(
    images: Images, categories: CategoryTable, pqComputeWorkers: Int
  ) where Images.Element == ImageEvaluation, Images.Index == Int {
    self.init(
      stat: PQStat.pqComputeOrder(images, workers: pqComputeWorkers), categories: categories)
  }
}
