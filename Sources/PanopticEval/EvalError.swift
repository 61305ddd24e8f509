/// Everything that stops an evaluation, one case per condition where
/// `pq_compute` raises, each rendered as one line a user can act on.
///
/// The image id is carried as text because COCO uses integers and Cityscapes
/// strings; the IO layer renders it the way the JSON spells it.
public enum EvalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A ground-truth image has no prediction with the same `image_id`
  /// (`pq_compute`: "no prediction for the image with id").
  case missingPrediction(imageId: String)
  /// A predicted PNG holds an id its `segments_info` does not list
  /// (`pq_compute`: "is presented in PNG and not presented in JSON").
  case segmentNotInJSON(imageId: String, segmentId: UInt32)
  /// A predicted segment that has pixels names a class the ground truth's
  /// `categories` do not define (`pq_compute`: "has unknown category_id").
  case unknownCategory(imageId: String, segmentId: UInt32, categoryId: Int)
  /// Predicted `segments_info` entries without a single pixel in the PNG
  /// (`pq_compute`: "are presented in JSON and not presented in PNG").
  case segmentsNotInPNG(imageId: String, segmentIds: [UInt32])
  /// Ground truth and prediction differ in size (`pq_compute` fails in
  /// numpy broadcasting).
  case sizeMismatch(
    imageId: String, groundTruthWidth: Int, groundTruthHeight: Int,
    predictionWidth: Int, predictionHeight: Int)
  /// An id map's pixel count is not width × height (a caller's bug, not a
  /// user's; reported rather than trapped so a batch can go on).
  case malformedIdMap(imageId: String, side: Side, width: Int, height: Int, pixelCount: Int)
  /// A ground-truth segment that a same-class prediction overlaps has no
  /// `area` in the JSON (`pq_compute`: `KeyError: 'area'`).
  case missingArea(imageId: String, segmentId: UInt32)

  /// Which of the two label files of an image a message is about.
  public enum Side: String, Sendable {
    case groundTruth = "ground truth"
    case prediction = "prediction"
  }

  public var description: String {
    switch self {
    case .missingPrediction(let image):
      return "image \(image): no prediction; the prediction JSON has no annotation with this image_id"
    case .segmentNotInJSON(let image, let id):
      return "image \(image): the prediction PNG has segment \(id) (\(rgbText(of: id))), "
        + "which its segments_info does not list"
    case .unknownCategory(let image, let id, let category):
      return "image \(image): predicted segment \(id) has category_id \(category), "
        + "which the ground truth's categories do not define"
    case .segmentsNotInPNG(let image, let ids):
      let list = ids.map { "\($0) (\(rgbText(of: $0)))" }.joined(separator: ", ")
      return "image \(image): the prediction's segments_info lists \(list) "
        + "but the prediction PNG has no pixel of \(ids.count == 1 ? "it" : "them")"
    case .sizeMismatch(let image, let gw, let gh, let pw, let ph):
      return "image \(image): the prediction is \(pw)×\(ph) but the ground truth is \(gw)×\(gh)"
    case .malformedIdMap(let image, let side, let width, let height, let count):
      return "image \(image): the \(side.rawValue) id map has \(count) pixels, "
        + "not \(width)×\(height) = \(width * height)"
    case .missingArea(let image, let id):
      return "image \(image): ground-truth segment \(id) has no \"area\" in the JSON "
        + "(pq_compute reads ground-truth areas from the JSON)"
    }
  }
}
