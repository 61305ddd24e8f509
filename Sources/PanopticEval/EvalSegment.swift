/// One `segments_info` entry, reduced to what the evaluation reads.
///
/// `area` is the JSON's value and is only read for ground truth: `pq_compute`
/// takes the ground truth's area from the JSON but recounts every predicted
/// segment's area from the PNG (see `ImageEvaluation`). It is a `Double?`
/// because the JSON may hold an integer or a float (Python then computes the
/// union in floats, which doubles reproduce exactly) and because it may be
/// absent: `pq_compute` fails on a missing area only when it needs it.
public struct EvalSegment: Sendable, Hashable {
  public var id: UInt32
  public var categoryId: Int
  public var isCrowd: Bool
  public var area: Double?

  public init(id: UInt32, categoryId: Int, isCrowd: Bool = false, area: Double? = nil) {
    self.id = id
    self.categoryId = categoryId
    self.isCrowd = isCrowd
    self.area = area
  }

  /// Takes the JSON's raw `iscrowd` value and applies `pq_compute`'s `== 1`.
  public init(id: UInt32, categoryId: Int, iscrowd: Int, area: Double? = nil) {
    self.init(id: id, categoryId: categoryId, isCrowd: iscrowd == 1, area: area)
  }
}

extension Array where Element == EvalSegment {
  /// `segments_info` as `pq_compute` indexes it: `{el['id']: el for el in ...}`.
  ///
  /// A repeated id keeps its first position and its last values, which
  /// decides the order of false negatives, false positives and which crowd
  /// region a class uses.
  func deduplicatedLikePythonDict() -> [EvalSegment] {
    var ordered: [EvalSegment] = []
    ordered.reserveCapacity(count)
    var positions: [UInt32: Int] = [:]
    for segment in self {
      if let position = positions[segment.id] {
        ordered[position] = segment
      } else {
        positions[segment.id] = ordered.count
        ordered.append(segment)
      }
    }
    return ordered
  }
}

/// The colour a COCO PNG stores for an id (`id = R + 256·G + 65536·B`).
///
/// Error messages show it because users look at label PNGs as colours.
func rgbText(of id: UInt32) -> String {
  "RGB \(id & 0xFF),\((id >> 8) & 0xFF),\((id >> 16) & 0xFF)"
}
