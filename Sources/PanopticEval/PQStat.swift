/// Per-class sums of IoU and counts of TP / FP / FN — `pq_compute`'s `PQStat`.
///
/// Why adding images is not the same as merging stats: `pq_compute` gives
/// each worker one `PQStat` and adds every matched IoU to it directly, image
/// after image; only the workers' totals are merged with `+=`. Floating-point
/// addition is not associative, so to get the very same doubles the IoUs
/// must be folded in that order. `add(_:)` is the worker's fold, `+=` the
/// merge, and `pqComputeOrder(_:workers:)` the whole schedule.
public struct PQStat: Sendable, Equatable {
  /// One class's running totals.
  public struct ClassTotals: Sendable, Hashable {
    public var iouSum: Double = 0
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init() {}

    /// `tp + fp + fn`; a class with 0 is left out of the averages.
    public var segmentCount: Int { truePositives + falsePositives + falseNegatives }
  }

  /// Keyed by category id; includes classes the categories do not define
  /// (ground-truth segments of an unknown class), as `pq_compute` does.
  public private(set) var classes: [Int: ClassTotals] = [:]

  public init() {}

  public subscript(categoryId: Int) -> ClassTotals {
    classes[categoryId] ?? ClassTotals()
  }

  /// Folds one image in, exactly as a `pq_compute` worker does: IoUs one
  /// by one in match order onto the running sums.
  public mutating func add(_ image: ImageEvaluation) {
    for match in image.matches {
      classes[match.categoryId, default: ClassTotals()].iouSum += match.iou
      classes[match.categoryId, default: ClassTotals()].truePositives += 1
    }
    for segment in image.falseNegatives {
      classes[segment.categoryId, default: ClassTotals()].falseNegatives += 1
    }
    for segment in image.falsePositives {
      classes[segment.categoryId, default: ClassTotals()].falsePositives += 1
    }
  }

  /// Merges another stat as `PQStat.__iadd__` does (class by class). A class
  /// absent here starts at 0.0, and 0.0 + x == x, so merging the workers'
  /// stats in worker order reproduces `pq_compute`'s totals.
  public static func += (lhs: inout PQStat, rhs: PQStat) {
    for (categoryId, totals) in rhs.classes {
      var merged = lhs.classes[categoryId] ?? ClassTotals()
      merged.iouSum += totals.iouSum
      merged.truePositives += totals.truePositives
      merged.falsePositives += totals.falsePositives
      merged.falseNegatives += totals.falseNegatives
      lhs.classes[categoryId] = merged
    }
  }

  /// The totals `pq_compute` arrives at with `workers` processes
  /// (`multiprocessing.cpu_count()` on the machine that runs it): images
  /// split into contiguous chunks like `np.array_split`, each folded with
  /// `add`, the chunks merged in order. `images` must be in the ground-truth
  /// JSON's `annotations` order.
  public static func pqComputeOrder<Images: Collection>(
    _ images: Images, workers: Int
  ) -> PQStat where Images.Element == ImageEvaluation, Images.Index == Int {
    var total = PQStat()
    for chunk in ArraySplit.ranges(count: images.count, parts: workers) {
      var worker = PQStat()
      for offset in chunk { worker.add(images[images.startIndex + offset]) }
      total += worker
    }
    return total
  }
}

/// `np.array_split(sequence, parts)` as index ranges: the first
/// `count % parts` chunks hold one element more. Exposed so a parallel
/// caller can give each of its workers exactly the chunk a `pq_compute`
/// worker would get, and merge in order without keeping every image.
public enum ArraySplit {
  public static func ranges(count: Int, parts: Int) -> [Range<Int>] {
    let parts = max(parts, 1)
    let base = count / parts
    let extra = count % parts
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(parts)
    var start = 0
    for part in 0..<parts {
      let size = base + (part < extra ? 1 : 0)
      ranges.append(start..<start + size)
      start += size
    }
    return ranges
  }
}
