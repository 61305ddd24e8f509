/// Which ids a Cityscapes → COCO conversion gives its categories.
///
/// cityscapesScripts' `createPanopticImgs` writes labelIds (`car` = 26) by
/// default and trainIds (`car` = 13, `road` = 0) with `--use-train-id`;
/// models trained on trainIds predict those, so both must be writable.
public enum CityscapesCategoryIDs: String, Sendable, CaseIterable {
  case label
  case train
}

/// Cityscapes labels as cityscapesScripts' panoptic tools see them
/// (`createPanopticImgs`, `evalPanopticSemanticLabeling`), and the names of
/// the files that dataset keeps beside each `*_gtFine_instanceIds.png`.
///
/// The evaluator takes its categories from the ground-truth JSON and raises
/// on a prediction segment whose category is not there, so a COCO file made
/// from Cityscapes must look exactly like `createPanopticImgs`' output:
/// only the 19 classes evaluated, everything else void; segment id = the
/// instanceIds value; `image_id` = the name without `_gtFine_instanceIds.png`.
public enum CityscapesPanoptic {
  /// A label map restated in the evaluated classes only.
  public struct EvaluationView: Sendable {
    /// The map with every class ignored in evaluation made void.
    public var map: LabelMap
    /// The evaluated classes, in labelId order, with labelIds or trainIds as ids.
    public var catalog: ClassCatalog
    /// Label (in `map`) → segment id: the instanceIds value, which
    /// `createPanopticImgs` uses as the id whatever the category ids are.
    public var segmentIDs: [UInt32: Int]
    /// Pixels of ignored classes that became void.
    public var voidedPixels: Int
    /// The ignored classes that were present, in catalog order.
    public var voidedClasses: [String]
  }

  /// True for a catalog that carries Cityscapes' trainIds (the built-in one):
  /// only those say which classes are ignored in evaluation.
  public static func applies(to catalog: ClassCatalog) -> Bool {
    !catalog.classes.isEmpty && catalog.classes.allSatisfy { $0.trainID != nil }
  }

  /// The evaluated classes of `catalog`, numbered as `ids` says.
  public static func evaluationCatalog(_ catalog: ClassCatalog, ids: CityscapesCategoryIDs) throws(PanopticError) -> ClassCatalog {
    var kept: [ClassInfo] = []
    var seen = Set<Int>()
    for var c in catalog.classes where !c.ignoreInEval {
      if ids == .train { c.id = c.trainID ?? -1 }
      guard c.id >= 0, seen.insert(c.id).inserted else {
        throw .cannotEncode("class \"\(c.name)\" has \(ids.rawValue) id \(c.id), which another evaluated class has or is not valid")
      }
      kept.append(c)
    }
    guard !kept.isEmpty else { throw .cannotEncode("the \(catalog.name) catalog has no class that is evaluated") }
    return ClassCatalog(name: "\(catalog.name)-\(ids.rawValue)Ids", classes: kept)
  }

  /// Restates `map` in the evaluated classes: ignored classes (`ego vehicle`,
  /// `caravan`, `unlabeled` …) become void, as `createPanopticImgs` drops them.
  /// Segment ids are the instanceIds values the map would be written with;
  /// `keeping` (the values a Cityscapes file was read with) keeps them as
  /// read, so they equal what `createPanopticImgs` takes from that file.
  public static func evaluationView(
    _ map: LabelMap, catalog: ClassCatalog, ids: CityscapesCategoryIDs, keeping: [UInt32: Int] = [:]
  ) throws(PanopticError) -> EvaluationView {
    let values = try CityscapesFormat.table(map, catalog: catalog, keeping: keeping)
    let evaluated = try evaluationCatalog(catalog, ids: ids)
    var newIndex = [Int?](repeating: nil, count: catalog.count)
    var next = 0
    for (i, c) in catalog.classes.enumerated() where !c.ignoreInEval {
      newIndex[i] = next
      next += 1
    }
    var relabel: [UInt32: UInt32] = [PanopticLabel.voidClass: PanopticLabel.voidClass]
    var segmentIDs: [UInt32: Int] = [:]
    var voidedPixels = 0
    var voided = Set<Int>()
    for s in map.segments() where !s.label.isVoid {
      guard let c = newIndex[s.label.classIndex] else {
        relabel[s.label.raw] = PanopticLabel.voidClass
        voidedPixels += s.area
        voided.insert(s.label.classIndex)
        continue
      }
      let raw = PanopticLabel.pack(classIndex: UInt32(c), instance: UInt32(s.label.instance))
      relabel[s.label.raw] = raw
      segmentIDs[raw] = Int(values[s.label.raw] ?? 0)
    }
    var out = map
    var last: UInt32 = .max
    var lastNew: UInt32 = 0
    for i in out.pixels.indices {
      let p = out.pixels[i]
      if p != last {
        last = p
        lastNew = relabel[p] ?? PanopticLabel.voidClass
      }
      out.pixels[i] = lastNew
    }
    return EvaluationView(
      map: out, catalog: evaluated, segmentIDs: segmentIDs, voidedPixels: voidedPixels,
      voidedClasses: voided.sorted().map { catalog[$0].name })
  }

  /// The image's id in cityscapesScripts' panoptic JSONs: the file name
  /// without `_gtFine_…png` (`frankfurt_000000_000294_gtFine_instanceIds.png`
  /// → `frankfurt_000000_000294`), or `_gtCoarse_…`; nil for other names.
  /// The evaluator pairs ground truth and predictions by this id.
  public static func imageID(forFileName name: String) -> String? {
    guard name.hasSuffix(".png") else { return nil }
    let parts = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
    guard parts.count >= 3, ["gtFine", "gtCoarse"].contains(parts[parts.count - 2]) else { return nil }
    let kind = parts[parts.count - 1]
    guard !kind.isEmpty, kind.allSatisfy(\.isLetter), !parts[0].isEmpty else { return nil }
    return parts.dropLast(2).joined(separator: "_")
  }

  /// The name `createPanopticImgs` gives the COCO PNG of a Cityscapes file:
  /// `X_gtFine_instanceIds.png` → `X_gtFine_panoptic.png`; nil for other names.
  public static func panopticFileName(for name: String) -> String? {
    guard imageID(forFileName: name) != nil, name.hasSuffix(instanceSuffix) else { return nil }
    return String(name.dropLast(instanceSuffix.count)) + "_panoptic.png"
  }

  /// The photo of a Cityscapes image id, as the dataset names it.
  public static func photoName(forImageID id: String) -> String { id + "_leftImg8bit.png" }

  static let instanceSuffix = "_instanceIds.png"

  /// The semantic files Cityscapes keeps beside `path` when it names an
  /// `*_instanceIds.png`: `*_labelIds.png` and `*_labelTrainIds.png`.
  public static func semanticPaths(besides path: String) -> (labelIds: String, labelTrainIds: String)? {
    guard path.hasSuffix(instanceSuffix), path.count > instanceSuffix.count, !path.hasSuffix("/" + instanceSuffix) else {
      return nil
    }
    let stem = String(path.dropLast(instanceSuffix.count))
    return (stem + "_labelIds.png", stem + "_labelTrainIds.png")
  }

  /// The 8-bit value of every label in a semantic file, as cityscapesScripts'
  /// `json2labelImg` draws it: the labelId (void → 0, `unlabeled`), or with
  /// `train` the trainId (void → 255). Nil when a value does not fit 8 bits
  /// or, for trainIds, the catalog has none.
  public static func semanticTable(_ map: LabelMap, catalog: ClassCatalog, train: Bool) -> [UInt32: UInt32]? {
    if train && !applies(to: catalog) { return nil }
    var table: [UInt32: UInt32] = [PanopticLabel.voidClass: train ? 255 : 0]
    var last: UInt32 = .max
    for p in map.pixels where p != last {
      last = p
      guard table[p] == nil else { continue }
      let c = catalog[Int(PanopticLabel.classPart(p))]
      let v = train ? c.trainID ?? -1 : c.id
      guard (0...255).contains(v) else { return nil }
      table[p] = UInt32(v)
    }
    return table
  }
}
