import Foundation
import PanopticEval
import PanopticIO
import PanopticModel

/// `panoptty eval`: scores a prediction dataset against a ground-truth one
/// exactly as panopticapi's `pq_compute` does (same matches, same doubles,
/// same printed table), decoding the image pairs on several threads.
///
/// Why the result does not depend on `threads`: each image pair is decoded
/// and evaluated on its own (any thread, any order) into an
/// `ImageEvaluation` — a few numbers — and only then are they folded, in the
/// ground truth's order, into `pqComputeWorkers` chunks the way
/// `pq_compute`'s process pool folds them (`PQStat.pqComputeOrder`).
public enum EvalRunner {
  public struct Request: Sendable {
    public var groundTruthJSON: String
    public var predictionJSON: String
    public var groundTruthFolder: String?
    public var predictionFolder: String?
    /// Threads decoding and evaluating image pairs.
    public var threads: Int
    /// The process count `pq_compute` would use (its summation order).
    public var pqComputeWorkers: Int
    public var limits: DecodeLimits
    /// Decode both PNGs of every pair and nothing else (the speed floor).
    public var decodeOnly = false

    public init(
      groundTruthJSON: String, predictionJSON: String, groundTruthFolder: String?, predictionFolder: String?,
      threads: Int, pqComputeWorkers: Int, limits: DecodeLimits
    ) {
      self.groundTruthJSON = groundTruthJSON
      self.predictionJSON = predictionJSON
      self.groundTruthFolder = groundTruthFolder
      self.predictionFolder = predictionFolder
      self.threads = threads
      self.pqComputeWorkers = pqComputeWorkers
      self.limits = limits
    }
  }

  /// What a run produced besides the scores.
  public struct Outcome: Sendable {
    public var results: PQResults
    public var images: Int
    /// Lines for stderr: what the score may not mean (pairs of differently named files).
    public var warnings: [String] = []
  }

  /// panopticapi's default folder for a JSON: the same path without `.json`.
  public static func defaultFolder(for json: String) -> String {
    json.hasSuffix(".json") ? String(json.dropLast(5)) : json + "_png"
  }

  /// Runs the evaluation, updating `progress` (if any) as pairs finish.
  public static func run(_ request: Request, progress: ProgressLine? = nil) throws(AppFailure) -> Outcome {
    let gt = try EvalDataset.load(request.groundTruthJSON, limits: request.limits)
    let pred = try EvalDataset.load(request.predictionJSON, limits: request.limits)
    guard let gtCategories = gt.categories else {
      throw AppFailure("\(gt.path): no \"categories\" list; the ground truth must define its classes")
    }
    // An empty table with exit 0 would read as a score; pq_compute stops here (ZeroDivisionError).
    guard !gt.annotations.isEmpty else {
      throw AppFailure("\(gt.path): no annotations, so there is nothing to score; is it the right ground-truth JSON?")
    }
    let categories = CategoryTable(gtCategories)
    let order: [Int]
    do {
      order = try AnnotationPairing.pair(
        groundTruthImageIds: gt.annotations.map(\.imageKey), predictionImageIds: pred.annotations.map(\.imageKey))
    } catch {
      throw AppFailure("\(pred.path): \(error)")
    }
    let warnings = namingWarnings(gt: gt, pred: pred, order: order)
    let gtFolder = request.groundTruthFolder ?? defaultFolder(for: gt.path)
    let predFolder = request.predictionFolder ?? defaultFolder(for: pred.path)
    for folder in [gtFolder, predFolder] where !BinaryFile.isFolder(folder) {
      throw AppFailure("\(folder): no such folder (the PNGs of \(folder == gtFolder ? gt.path : pred.path); "
        + "pass --\(folder == gtFolder ? "gt" : "pred")-folder DIR)")
    }
    let slots = ResultSlots<Result<ImageEvaluation?, AppFailure>>(count: order.count)
    let done = Counter()
    ParallelLoop.run(count: order.count, threads: request.threads) { index in
      let pair = ImagePair(
        groundTruth: gt.annotations[index], prediction: pred.annotations[order[index]],
        groundTruthFolder: gtFolder, predictionFolder: predFolder)
      let result = Result { () throws(AppFailure) in
        try pair.evaluate(categories: categories, limits: request.limits, decodeOnly: request.decodeOnly)
      }
      slots.set(index, result)
      progress?.update(done: done.increment(), total: order.count)
      if case .failure = result { return false }
      return true
    }
    progress?.finish()
    var images: [ImageEvaluation] = []
    images.reserveCapacity(order.count)
    for slot in slots.values {
      // The first failure in ground-truth order is the one pq_compute reports.
      switch slot {
      case .failure(let failure): throw failure
      case .success(let image?): images.append(image)
      case .success(nil), nil: continue
      }
    }
    let results = PQResults(images: images, categories: categories, pqComputeWorkers: request.pqComputeWorkers)
    return Outcome(results: results, images: order.count, warnings: warnings)
  }

  /// Images are paired by `image_id`, as `pq_compute` pairs them. When a pair's files have
  /// different names the ids probably mean different images in the two JSONs (ids made from a
  /// hash of the name, moved on a collision in the order files were written): the score is
  /// then of the wrong pairs, and nothing else would say so.
  static func namingWarnings(gt: EvalDataset, pred: EvalDataset, order: [Int]) -> [String] {
    func stem(_ name: String) -> String { FileNames.deletingExtension(FileNames.lastComponent(name)) }
    let differing = order.indices.filter { stem(gt.annotations[$0].fileName) != stem(pred.annotations[order[$0]].fileName) }
    guard let first = differing.first else { return [] }
    let a = gt.annotations[first], b = pred.annotations[order[first]]
    let more = differing.count > 1 ? " (and \((differing.count - 1).counted("more pair")) of different names)" : ""
    return [
      "warning: image_id \(a.imageKey) pairs \(a.fileName) in \(gt.path) with \(b.fileName) in \(pred.path)\(more); "
        + "images are paired by image_id, as pq_compute does, so check that both JSONs give each image the same id"
    ]
  }
}

/// One ground-truth annotation and its prediction.
struct ImagePair {
  var groundTruth: EvalDataset.Annotation
  var prediction: EvalDataset.Annotation
  var groundTruthFolder: String
  var predictionFolder: String

  func evaluate(categories: CategoryTable, limits: DecodeLimits, decodeOnly: Bool) throws(AppFailure) -> ImageEvaluation? {
    let gtIds = try Self.decode(groundTruthFolder + "/" + groundTruth.fileName, limits: limits)
    let predIds = try Self.decode(predictionFolder + "/" + prediction.fileName, limits: limits)
    if decodeOnly { return nil }
    do {
      let overlap = try ImageOverlap.count(
        imageId: groundTruth.imageKey.description,
        groundTruth: LabelledIdMapView(map: Self.view(gtIds), segments: groundTruth.segments),
        prediction: LabelledIdMapView(map: Self.view(predIds), segments: prediction.segments))
      return try withExtendedLifetime((gtIds, predIds)) { () throws(EvalError) in
        try ImageEvaluation.evaluate(overlap, categories: categories)
      }
    } catch {
      throw AppFailure("\(error)")
    }
  }

  /// A COCO panoptic PNG as ids, `R + 256·G + 65536·B` (panopticapi's `rgb2id`).
  static func decode(_ path: String, limits: DecodeLimits) throws(AppFailure) -> SegmentIdBuffer {
    do {
      return try PNGCodec.readSegmentIds(path: path, limits: limits)
    } catch {
      throw AppFailure(error, file: path)
    }
  }

  static func view(_ buffer: SegmentIdBuffer) -> SegmentIdMapView {
    SegmentIdMapView(width: buffer.width, height: buffer.height, ids: UnsafeBufferPointer(buffer.ids))
  }
}

/// A shared count of finished pairs.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
