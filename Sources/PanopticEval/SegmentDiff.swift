/// How the segments of two label files of one image correspond — the core
/// of `panoptty diff A B`.
///
/// Pairs are formed exactly as panopticapi forms matches — IoU > 0.5, with
/// A in the role of the ground truth — except that class and crowd flag are
/// not required to agree, so a relabelled segment shows up as a pair whose
/// class changed instead of as one removal plus one addition. IoU > 0.5
/// makes pairs unique (two partners would need more than the whole segment),
/// so no assignment problem arises, and every pair with equal classes and a
/// non-crowd A is precisely a panopticapi match.
public struct SegmentDiff: Sendable, Equatable {
  /// What the union of a pair excludes.
  public enum IoURule: Sendable, Hashable {
    /// panopticapi's: B's pixels on A's void leave the union (A is the
    /// reference; labelling a void area is not held against B).
    case panopticapi
    /// Plain |A ∪ B|, symmetric in A and B.
    case symmetric
  }

  /// Two segments, one in each file, with IoU > 0.5.
  public struct Pair: Sendable, Hashable {
    public var a: EvalSegment
    public var b: EvalSegment
    public var intersection: Int
    public var union: Int
    public var iou: Double

    public var classChanged: Bool { a.categoryId != b.categoryId }
    public var crowdChanged: Bool { a.isCrowd != b.isCrowd }
    /// Same pixels, same class, same crowd flag (ids may differ).
    public var isUnchanged: Bool { intersection == union && !classChanged && !crowdChanged }
  }

  /// A segment without a partner, and what it overlaps most on the other side.
  public struct Unpaired: Sendable, Hashable {
    public var segment: EvalSegment
    public var pixels: Int
    /// Pixels of this segment that are void (id 0) in the other file.
    public var pixelsOnVoid: Int
    /// The other side's segment with the highest IoU (ties: lowest id);
    /// nil when it overlaps no listed segment.
    public var bestCounterpart: EvalSegment?
    public var bestIntersection: Int
    public var bestIoU: Double
  }

  /// Ascending by (A id, B id).
  public let pairs: [Pair]
  /// A's segments without a partner in B, in A's `segments_info` order.
  public let removed: [Unpaired]
  /// B's segments without a partner in A, in B's `segments_info` order.
  public let added: [Unpaired]

  /// Pairs that differ in pixels, class or crowd flag.
  public var changed: [Pair] { pairs.filter { !$0.isUnchanged } }

  /// `overlap` counted with A as ground truth and B as prediction. Areas are
  /// the PNGs' pixel counts (a label file's JSON area is not trusted here).
  public init(_ overlap: ImageOverlap, rule: IoURule = .panopticapi) {
    let a = overlap.groundTruthSegments
    let b = overlap.predictionSegments
    var pairs: [Pair] = []
    var bestForA = Array(repeating: (index: -1, intersection: 0, iou: 0.0), count: a.count)
    var bestForB = Array(repeating: (index: -1, intersection: 0, iou: 0.0), count: b.count)
    var aPaired = Array(repeating: false, count: a.count)
    var bPaired = Array(repeating: false, count: b.count)
    for overlapPair in overlap.pairs {
      let ai = overlapPair.groundTruthIndex
      let bi = overlapPair.predictionIndex
      var union =
        overlap.groundTruthPixels[ai] + overlap.predictionPixels[bi] - overlapPair.pixels
      if rule == .panopticapi { union -= overlap.predictionOnGroundTruthVoid[bi] }
      let iou = Double(overlapPair.pixels) / Double(union)
      // Pairs arrive by ascending (A id, B id): strict `>` keeps the lowest id on ties.
      if iou > bestForA[ai].iou { bestForA[ai] = (bi, overlapPair.pixels, iou) }
      if iou > bestForB[bi].iou { bestForB[bi] = (ai, overlapPair.pixels, iou) }
      if iou > 0.5 {
        pairs.append(
          Pair(a: a[ai], b: b[bi], intersection: overlapPair.pixels, union: union, iou: iou))
        aPaired[ai] = true
        bPaired[bi] = true
      }
    }
    self.pairs = pairs
    removed = a.indices.filter { !aPaired[$0] }.map { index in
      Unpaired(
        segment: a[index], pixels: overlap.groundTruthPixels[index],
        pixelsOnVoid: overlap.groundTruthOnPredictionVoid[index],
        bestCounterpart: bestForA[index].index >= 0 ? b[bestForA[index].index] : nil,
        bestIntersection: bestForA[index].intersection, bestIoU: bestForA[index].iou)
    }
    added = b.indices.filter { !bPaired[$0] }.map { index in
      Unpaired(
        segment: b[index], pixels: overlap.predictionPixels[index],
        pixelsOnVoid: overlap.predictionOnGroundTruthVoid[index],
        bestCounterpart: bestForB[index].index >= 0 ? a[bestForB[index].index] : nil,
        bestIntersection: bestForB[index].intersection, bestIoU: bestForB[index].iou)
    }
  }

  /// The diff as one JSON object: `{"pairs": [...], "removed": [...],
  /// "added": [...]}`; segments as `{"id", "category_id", "iscrowd"}`.
  public func json() -> String {
    func segment(_ s: EvalSegment) -> String {
      JSONText.object([
        ("id", String(s.id)), ("category_id", String(s.categoryId)),
        ("iscrowd", s.isCrowd ? "1" : "0"),
      ])
    }
    let pairTexts = pairs.map { pair in
      JSONText.object([
        ("a", segment(pair.a)), ("b", segment(pair.b)),
        ("intersection", String(pair.intersection)), ("union", String(pair.union)),
        ("iou", JSONText.number(pair.iou)), ("class_changed", pair.classChanged ? "true" : "false"),
        ("crowd_changed", pair.crowdChanged ? "true" : "false"),
        ("unchanged", pair.isUnchanged ? "true" : "false"),
      ])
    }
    func unpaired(_ u: Unpaired) -> String {
      JSONText.object([
        ("segment", segment(u.segment)), ("pixels", String(u.pixels)),
        ("pixels_on_void", String(u.pixelsOnVoid)),
        ("best_counterpart", u.bestCounterpart.map(segment) ?? "null"),
        ("best_intersection", String(u.bestIntersection)), ("best_iou", JSONText.number(u.bestIoU)),
      ])
    }
    return JSONText.object([
      ("pairs", JSONText.array(pairTexts)), ("removed", JSONText.array(removed.map(unpaired))),
      ("added", JSONText.array(added.map(unpaired))),
    ])
  }
}
