import PanopticEval
import PanopticIO
import PanopticModel

/// `panoptty eval GT_DIR PRED_DIR`: two folders of label PNGs in any format
/// panoptty reads (offset, Cityscapes instanceIds, COCO with its JSON), so
/// teams whose labels are not COCO score them without converting first.
///
/// The numbers are defined as `pq_compute`'s on the two folders converted
/// with `panoptty convert --to coco`: the ground truth's catalog gives the
/// categories (for Cityscapes, its 19 evaluated classes, ignored classes
/// void — what cityscapesScripts' createPanopticImgs writes), classes are
/// matched by name, a thing with instance 0 is crowd, and images are summed
/// in the ground-truth folder's file order.
public enum LabelFolderEval {
  /// Suffixes that name the same image differently across tools: stripped
  /// to pair a ground-truth file with its prediction.
  static let nameSuffixes = [
    "_gtFine_instanceIds", "_gtCoarse_instanceIds", "_instanceIds", "_gtFine_panoptic", "_labels", "_leftImg8bit",
  ]
  /// Files beside label files that are not panoptic (Cityscapes' semantic
  /// and colour renderings): never paired.
  static let notPanoptic = ["_labelIds.png", "_labelTrainIds.png", "_instanceTrainIds.png", "_color.png"]

  /// The image key of a path relative to its folder: `frankfurt/x_gtFine_instanceIds.png` → `frankfurt/x`.
  static func key(_ relative: String) -> String {
    var k = relative.hasSuffix(".png") ? String(relative.dropLast(4)) : relative
    for s in nameSuffixes where k.hasSuffix(s) {
      k.removeLast(s.count)
      break
    }
    return k
  }

  /// The label PNGs under `folder` as (key, path), in the walk's order.
  static func labelFiles(_ folder: String) throws(AppFailure) -> [(key: String, path: String)] {
    let root = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    var out: [(String, String)] = []
    var seen: [String: String] = [:]
    for path in Folders.files(under: root) where path.lowercased().hasSuffix(".png") {
      guard !notPanoptic.contains(where: { path.hasSuffix($0) }) else { continue }
      let k = key(String(path.dropFirst(root.count + 1)))
      if let other = seen[k] { throw AppFailure("\(other) and \(path) are the same image (\(k)); keep one in \(folder)") }
      seen[k] = path
      out.append((k, path))
    }
    guard !out.isEmpty else { throw AppFailure("\(folder): no label PNGs") }
    return out
  }

  public static func run(
    groundTruth: String, prediction: String, options: LabelFileOptions, threads: Int, pqComputeWorkers: Int,
    progress: ProgressLine? = nil
  ) throws(AppFailure) -> EvalRunner.Outcome {
    let gtFiles = try labelFiles(groundTruth)
    let predByKey = Dictionary(try labelFiles(prediction).map { ($0.key, $0.path) }, uniquingKeysWith: { a, _ in a })
    if let missing = gtFiles.first(where: { predByKey[$0.key] == nil }) {
      throw AppFailure("\(prediction): no prediction for \(missing.path) (looked for \(missing.key) with any of \(nameSuffixes.joined(separator: ", ")) or none)")
    }
    let first = try evaluationSide(try LabelLoader.load(gtFiles[0].path, options: options))
    let categories = first.catalog.classes.map { EvalCategory(id: $0.id, name: $0.name, isThing: $0.isThing) }
    let byName = Dictionary(categories.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let table = CategoryTable(categories)
    let slots = ResultSlots<Result<ImageEvaluation, AppFailure>>(count: gtFiles.count)
    let done = Counter()
    ParallelLoop.run(count: gtFiles.count, threads: threads) { i in
      let result = Result { () throws(AppFailure) -> ImageEvaluation in
        let (key, gtPath) = gtFiles[i]
        let predPath = predByKey[key]!
        let gt = try segments(of: gtPath, options: options, categories: byName, catalogName: first.catalog.name)
        let pred = try segments(of: predPath, options: options, categories: byName, catalogName: nil)
        guard gt.width == pred.width && gt.height == pred.height else {
          throw AppFailure("\(predPath) is \(pred.width)×\(pred.height) but \(gtPath) is \(gt.width)×\(gt.height)")
        }
        do {
          return try gt.ids.withUnsafeBufferPointer { g throws(EvalError) in
            try pred.ids.withUnsafeBufferPointer { p throws(EvalError) in
              let overlap = try ImageOverlap.count(
                imageId: key,
                groundTruth: LabelledIdMapView(map: SegmentIdMapView(width: gt.width, height: gt.height, ids: g), segments: gt.segments),
                prediction: LabelledIdMapView(map: SegmentIdMapView(width: gt.width, height: gt.height, ids: p), segments: pred.segments))
              return try ImageEvaluation.evaluate(overlap, categories: table)
            }
          }
        } catch {
          throw AppFailure("\(gtPath): \(error)")
        }
      }
      slots.set(i, result)
      progress?.update(done: done.increment(), total: gtFiles.count)
      if case .failure = result { return false }
      return true
    }
    progress?.finish()
    var images: [ImageEvaluation] = []
    for slot in slots.values {
      switch slot {
      case .failure(let failure): throw failure
      case .success(let image): images.append(image)
      case nil: continue
      }
    }
    return EvalRunner.Outcome(
      results: PQResults(images: images, categories: table, pqComputeWorkers: pqComputeWorkers), images: gtFiles.count)
  }

  /// A label file as the evaluation sees it: ids (label + 1, void 0) and
  /// segments with the ground truth's category ids.
  struct Side {
    var width: Int
    var height: Int
    var ids: [UInt32]
    var segments: [EvalSegment]
  }

  static func segments(
    of path: String, options: LabelFileOptions, categories: [String: EvalCategory], catalogName: String?
  ) throws(AppFailure) -> Side {
    let (map, catalog) = try evaluationSide(try LabelLoader.load(path, options: options))
    if let catalogName, catalog.name != catalogName {
      throw AppFailure("\(path): its classes are the \(catalog.name) catalog, the other ground-truth files' are \(catalogName)")
    }
    var segments: [EvalSegment] = []
    for s in map.segments() where !s.label.isVoid {
      let info = catalog[s.label.classIndex]
      guard let category = categories[info.name] else {
        throw AppFailure("\(path): class \"\(info.name)\" is not in the ground truth's categories")
      }
      segments.append(
        EvalSegment(
          id: s.label.raw &+ 1, categoryId: category.id, isCrowd: info.isThing && s.label.instance == 0, area: Double(s.area)))
    }
    let ids = map.pixels.map { PanopticLabel.isVoid($0) ? 0 : $0 &+ 1 }
    return Side(width: map.width, height: map.height, ids: ids, segments: segments)
  }

  /// Cityscapes labels are scored on their evaluated classes (ignored ones
  /// void), as cityscapesScripts and `convert --to coco` see them.
  static func evaluationSide(_ loaded: LoadedLabelFile) throws(AppFailure) -> (map: LabelMap, catalog: ClassCatalog) {
    let d = loaded.decoded
    guard CityscapesPanoptic.applies(to: d.catalog) else { return (d.map, d.catalog) }
    do {
      let v = try CityscapesPanoptic.evaluationView(d.map, catalog: d.catalog, ids: .label)
      return (v.map, v.catalog)
    } catch {
      throw AppFailure(error)
    }
  }
}
