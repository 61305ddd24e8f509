/// Everything the evaluation and the diff need from the pixels of one image
/// pair, computed in one pass: per-segment pixel counts, the overlap of every
/// (ground truth, prediction) segment pair, overlaps with void, and the ids
/// the PNGs hold that the JSONs do not list.
///
/// After this, no pixel is touched again; matching works on these few
/// numbers. Segments are the `segments_info` entries deduplicated like a
/// Python dict (see `deduplicatedLikePythonDict`).
public struct ImageOverlap: Sendable {
  public let imageId: String
  public let width: Int
  public let height: Int
  public let groundTruthSegments: [EvalSegment]
  public let predictionSegments: [EvalSegment]
  /// Pixels of each ground-truth segment in the PNG (not the JSON's `area`).
  public let groundTruthPixels: [Int]
  /// Pixels of each predicted segment in the PNG — `pq_compute`'s `area`.
  public let predictionPixels: [Int]
  /// Pixels of each predicted segment where the ground-truth id is 0:
  /// `gt_pred_map[(VOID, pred)]` in `pq_compute`.
  public let predictionOnGroundTruthVoid: [Int]
  /// Pixels of each ground-truth segment where the predicted id is 0.
  public let groundTruthOnPredictionVoid: [Int]
  /// Non-zero overlaps of listed segments, ascending by (gt id, pred id):
  /// the order of `np.unique(gt * 2^24 + pred)`, which is the order in which
  /// `pq_compute` matches and sums IoUs.
  public let pairs: [SegmentOverlap]
  /// Non-zero ids in the ground-truth map that its JSON does not list,
  /// ascending. `pq_compute` ignores them silently (they are not void).
  public let unlistedGroundTruthIds: [UInt32]
  /// Non-zero ids in the predicted map that its JSON does not list, ascending.
  public let unlistedPredictionIds: [UInt32]
  /// Pixels whose id is 0 on each side.
  public let groundTruthVoidPixels: Int
  public let predictionVoidPixels: Int

  /// Counts one image pair. Throws only for unusable shapes; the rules about
  /// which ids may appear are the evaluation's (`ImageEvaluation`), because
  /// the diff of two label files has no such rules.
  public static func count(
    imageId: String, groundTruth: LabelledIdMapView, prediction: LabelledIdMapView
  ) throws(EvalError) -> ImageOverlap {
    for (side, map) in [(EvalError.Side.groundTruth, groundTruth.map), (.prediction, prediction.map)]
    where map.width < 0 || map.height < 0 || map.ids.count != map.width * map.height {
      throw .malformedIdMap(
        imageId: imageId, side: side, width: map.width, height: map.height,
        pixelCount: map.ids.count)
    }
    var counter = try ImageOverlapCounter(
      imageId: imageId, groundTruthSize: (groundTruth.map.width, groundTruth.map.height),
      predictionSize: (prediction.map.width, prediction.map.height),
      groundTruthSegments: groundTruth.segments, predictionSegments: prediction.segments)
    counter.addRows(groundTruth: groundTruth.map.ids, prediction: prediction.map.ids)
    return try counter.finish()
  }

  /// Convenience for callers holding arrays.
  public static func count(
    imageId: String, groundTruth: SegmentIdMap, groundTruthSegments: [EvalSegment],
    prediction: SegmentIdMap, predictionSegments: [EvalSegment]
  ) throws(EvalError) -> ImageOverlap {
    let result: Result<ImageOverlap, EvalError> = groundTruth.withView { gtView in
      prediction.withView { predView in
        do throws(EvalError) {
          return .success(
            try count(
              imageId: imageId,
              groundTruth: LabelledIdMapView(map: gtView, segments: groundTruthSegments),
              prediction: LabelledIdMapView(map: predView, segments: predictionSegments)))
        } catch {
          return .failure(error)
        }
      }
    }
    return try result.get()
  }

  init(
    imageId: String, width: Int, height: Int, gtSegments: [EvalSegment],
    predSegments: [EvalSegment], gtIndex: SegmentIdIndex, predIndex: SegmentIdIndex,
    table: PairCountTable
  ) {
    self.imageId = imageId
    self.width = width
    self.height = height
    groundTruthSegments = gtSegments
    predictionSegments = predSegments
    var gtPixels = Array(repeating: 0, count: gtIndex.slotCount)
    var predPixels = Array(repeating: 0, count: predIndex.slotCount)
    var listedPairs: [SegmentOverlap] = []
    table.forEachNonZero { row, column, pixels in
      gtPixels[row] += pixels
      predPixels[column] += pixels
      if row < gtIndex.listedCount && column < predIndex.listedCount {
        listedPairs.append(
          SegmentOverlap(
            groundTruthIndex: row, predictionIndex: column, groundTruthId: gtSegments[row].id,
            predictionId: predSegments[column].id, pixels: pixels))
      }
    }
    listedPairs.sort {
      ($0.groundTruthId, $0.predictionId) < ($1.groundTruthId, $1.predictionId)
    }
    pairs = listedPairs
    groundTruthPixels = Array(gtPixels[0..<gtIndex.listedCount])
    predictionPixels = Array(predPixels[0..<predIndex.listedCount])
    groundTruthVoidPixels = gtPixels[gtIndex.voidIndex]
    predictionVoidPixels = predPixels[predIndex.voidIndex]
    predictionOnGroundTruthVoid = (0..<predIndex.listedCount).map {
      table.count(row: gtIndex.voidIndex, column: $0)
    }
    groundTruthOnPredictionVoid = (0..<gtIndex.listedCount).map {
      table.count(row: $0, column: predIndex.voidIndex)
    }
    unlistedGroundTruthIds = gtIndex.unlistedIds.filter { $0 != 0 }.sorted()
    unlistedPredictionIds = predIndex.unlistedIds.filter { $0 != 0 }.sorted()
  }

  /// Pixels shared by two listed segments (binary search in `pairs`).
  public func overlap(groundTruthIndex: Int, predictionIndex: Int) -> Int {
    let key = (groundTruthSegments[groundTruthIndex].id, predictionSegments[predictionIndex].id)
    var low = 0
    var high = pairs.count
    while low < high {
      let middle = (low + high) / 2
      if (pairs[middle].groundTruthId, pairs[middle].predictionId) < key {
        low = middle + 1
      } else {
        high = middle
      }
    }
    guard low < pairs.count, pairs[low].groundTruthIndex == groundTruthIndex,
      pairs[low].predictionIndex == predictionIndex
    else { return 0 }
    return pairs[low].pixels
  }
}
