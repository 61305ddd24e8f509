/// What `pq_compute_single_core` decides for one image: which segments match,
/// which are false negatives, false positives, or ignored — reproduced rule
/// for rule, quirks included (each is marked "pq_compute:" below).
public struct ImageEvaluation: Sendable, Equatable {
  /// A ground-truth segment and a prediction of its class with IoU > 0.5.
  public struct Match: Sendable, Hashable {
    public var groundTruthId: UInt32
    public var predictionId: UInt32
    public var categoryId: Int
    public var intersection: Int
    /// `pred_area + gt_area(JSON) − intersection − pred∩void`.
    public var union: Double
    public var iou: Double
  }

  public let imageId: String
  /// In `pq_compute`'s order — ascending (gt id, pred id) — which is the
  /// order in which their IoUs are added to the class sums.
  public let matches: [Match]
  /// Unmatched non-crowd ground truth, in `segments_info` order.
  public let falseNegatives: [EvalSegment]
  /// Unmatched predictions that count, in `segments_info` order.
  public let falsePositives: [EvalSegment]
  /// Unmatched predictions lying more than half on void or on their class's
  /// crowd region: `pq_compute` does not count them.
  public let ignoredPredictions: [EvalSegment]
  /// Ground-truth crowd segments (never matched, never false negatives).
  public let crowdSegments: [EvalSegment]

  /// This image alone as a `PQStat`. Merging such per-image stats gives
  /// the right counts but may differ from `pq_compute` in the last bit of
  /// the IoU sums; fold images with `PQStat.add` for identical doubles.
  public var stat: PQStat {
    var stat = PQStat()
    stat.add(self)
    return stat
  }

  /// Decodes nothing and touches no pixel: works on `ImageOverlap`'s counts.
  public static func evaluate(
    _ overlap: ImageOverlap, categories: CategoryTable
  ) throws(EvalError) -> ImageEvaluation {
    try checkPrediction(overlap, categories: categories)
    let gt = overlap.groundTruthSegments
    let pred = overlap.predictionSegments
    var gtMatched = Array(repeating: false, count: gt.count)
    var predMatched = Array(repeating: false, count: pred.count)
    var matches: [Match] = []
    for pair in overlap.pairs {
      let gtSegment = gt[pair.groundTruthIndex]
      let predSegment = pred[pair.predictionIndex]
      if gtSegment.isCrowd || gtSegment.categoryId != predSegment.categoryId { continue }
      // pq_compute: the ground truth's area comes from the JSON, the
      // prediction's from the PNG; prediction pixels on GT void leave the
      // union. Same operand order as Python, so the same double.
      guard let gtArea = gtSegment.area else {
        throw .missingArea(imageId: overlap.imageId, segmentId: gtSegment.id)
      }
      let union =
        Double(overlap.predictionPixels[pair.predictionIndex]) + gtArea - Double(pair.pixels)
        - Double(overlap.predictionOnGroundTruthVoid[pair.predictionIndex])
      let iou = Double(pair.pixels) / union
      // pq_compute: strict `>`; with a JSON area that disagrees with the PNG
      // a segment can match twice, and is then counted twice, as there.
      if iou > 0.5 {
        matches.append(
          Match(
            groundTruthId: gtSegment.id, predictionId: predSegment.id,
            categoryId: gtSegment.categoryId, intersection: pair.pixels, union: union, iou: iou))
        gtMatched[pair.groundTruthIndex] = true
        predMatched[pair.predictionIndex] = true
      }
    }
    var falseNegatives: [EvalSegment] = []
    var crowdSegments: [EvalSegment] = []
    // pq_compute: one crowd region per class — the last one in
    // segments_info order overwrites the others.
    var crowdByCategory: [Int: Int] = [:]
    for (index, segment) in gt.enumerated() where !gtMatched[index] {
      if segment.isCrowd {
        crowdByCategory[segment.categoryId] = index
        crowdSegments.append(segment)
      } else {
        falseNegatives.append(segment)
      }
    }
    var falsePositives: [EvalSegment] = []
    var ignored: [EvalSegment] = []
    for (index, segment) in pred.enumerated() where !predMatched[index] {
      // pq_compute: only id-0 pixels are void; ground-truth ids missing from
      // the JSON are not, and neither is another class's crowd.
      var absorbed = overlap.predictionOnGroundTruthVoid[index]
      if let crowd = crowdByCategory[segment.categoryId] {
        absorbed += overlap.overlap(groundTruthIndex: crowd, predictionIndex: index)
      }
      if Double(absorbed) / Double(overlap.predictionPixels[index]) > 0.5 {
        ignored.append(segment)
      } else {
        falsePositives.append(segment)
      }
    }
    return ImageEvaluation(
      imageId: overlap.imageId, matches: matches, falseNegatives: falseNegatives,
      falsePositives: falsePositives, ignoredPredictions: ignored, crowdSegments: crowdSegments)
  }

  /// Counts the pixels and evaluates, for callers holding arrays.
  public static func evaluate(
    imageId: String, groundTruth: SegmentIdMap, groundTruthSegments: [EvalSegment],
    prediction: SegmentIdMap, predictionSegments: [EvalSegment], categories: CategoryTable
  ) throws(EvalError) -> ImageEvaluation {
    let overlap = try ImageOverlap.count(
      imageId: imageId, groundTruth: groundTruth, groundTruthSegments: groundTruthSegments,
      prediction: prediction, predictionSegments: predictionSegments)
    return try evaluate(overlap, categories: categories)
  }

  /// `pq_compute`'s sanity checks on the prediction, in its order: walking
  /// the PNG's ids in ascending order, the first id that is either not in
  /// the JSON (0 excepted) or names an unknown class fails; then JSON
  /// entries without pixels fail together. The ground truth is not checked
  /// at all (pq_compute: unknown GT classes just drop out of the averages).
  private static func checkPrediction(
    _ overlap: ImageOverlap, categories: CategoryTable
  ) throws(EvalError) {
    let segments = overlap.predictionSegments
    let pixels = overlap.predictionPixels
    var firstUnknownCategory: EvalSegment?
    for (index, segment) in segments.enumerated()
    where pixels[index] > 0 && !categories.contains(segment.categoryId) {
      if firstUnknownCategory.map({ segment.id < $0.id }) ?? true { firstUnknownCategory = segment }
    }
    let firstUnlisted = overlap.unlistedPredictionIds.first
    if let unlisted = firstUnlisted, firstUnknownCategory.map({ unlisted < $0.id }) ?? true {
      throw .segmentNotInJSON(imageId: overlap.imageId, segmentId: unlisted)
    }
    if let segment = firstUnknownCategory {
      throw .unknownCategory(
        imageId: overlap.imageId, segmentId: segment.id, categoryId: segment.categoryId)
    }
    let withoutPixels = segments.indices.filter { pixels[$0] == 0 }.map { segments[$0].id }
    if !withoutPixels.isEmpty {
      throw .segmentsNotInPNG(imageId: overlap.imageId, segmentIds: withoutPixels.sorted())
    }
  }
}
