/// Which prediction each ground-truth image is scored against.
///
/// `pq_compute` indexes the predictions with
/// `{el['image_id']: el for el in pred_json['annotations']}` — the last
/// annotation wins when an image id repeats — walks the ground truth's
/// `annotations` in order, and raises for the first image without one.
/// Predictions for images absent from the ground truth are ignored.
public enum AnnotationPairing {
  /// Positions of the matching prediction for every ground-truth annotation,
  /// in ground-truth order (the order `PQStat.pqComputeOrder` expects).
  public static func pair<ImageID: Hashable>(
    groundTruthImageIds: [ImageID], predictionImageIds: [ImageID]
  ) throws(EvalError) -> [Int] {
    var predictionPosition: [ImageID: Int] = [:]
    for (position, id) in predictionImageIds.enumerated() { predictionPosition[id] = position }
    var pairing: [Int] = []
    pairing.reserveCapacity(groundTruthImageIds.count)
    for id in groundTruthImageIds {
      guard let position = predictionPosition[id] else {
        throw .missingPrediction(imageId: String(describing: id))
      }
      pairing.append(position)
    }
    return pairing
  }
}
