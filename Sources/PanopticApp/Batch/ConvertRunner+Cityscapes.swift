import PanopticIO
import PanopticModel

/// Cityscapes → COCO the way cityscapesScripts' `createPanopticImgs` writes
/// it, so that its `evalPanopticSemanticLabeling` (which takes categories
/// from the ground truth and pairs images by `image_id`) accepts panoptty's
/// files as ground truth or as predictions, and its output and panoptty's
/// can be scored against each other.
extension ConvertRunner {
  /// What a COCO write of Cityscapes labels (or of a COCO file) uses instead of the file as read.
  struct CityscapesCOCO {
    /// The labels with classes ignored in evaluation made void.
    var map: LabelMap
    /// The 19 evaluated classes, with labelIds or trainIds as category ids.
    var catalog: ClassCatalog
    /// Label → segment id: the instanceIds value, as `createPanopticImgs`.
    var keepingIDs: [UInt32: Int]
    /// `frankfurt_000000_000294` for `frankfurt_000000_000294_gtFine_instanceIds.png`.
    var imageID: COCOImageID?
    /// `frankfurt_000000_000294_leftImg8bit.png`, the photo's name in the dataset.
    var photo: String?
    var notes: [String]
  }

  /// `--cityscapes-ids` means something only when writing COCO.
  static func checkCityscapesIDs(_ r: Request) throws(AppFailure) {
    if let ids = r.cityscapesIDs, r.format != .coco {
      throw AppFailure(
        "--cityscapes-ids \(ids.rawValue) sets the categories of a COCO file; it needs --to coco", status: ExitStatus.usage)
    }
  }

  /// The Cityscapes view of `map` when it is written as COCO and its
  /// catalog is Cityscapes' (nil otherwise: written as read). The image id
  /// comes from the input's name, else the output's (`X_gtFine_*.png` → `X`).
  /// A COCO input's segment ids and its image in its JSON (see `LoadedLabelFile.cocoImage`).
  typealias COCOSource = (ids: [UInt32: Int], image: (id: COCOImageID, entry: COCOImage?)?)

  /// `source`: what a COCO input brings. COCO into COCO keeps its segment ids, the image's
  /// `image_id` and photo name, as the editor's save does: renumbered, every file that points
  /// at a segment or an image of the dataset would point wrong.
  static func cocoTarget(
    _ map: LabelMap, catalog: ClassCatalog, from input: String, to output: String, _ r: Request,
    source: COCOSource? = nil, instanceIdsValues: [UInt32: Int] = [:]
  ) throws(AppFailure)
    -> CityscapesCOCO?
  {
    guard r.format == .coco else { return nil }
    guard CityscapesPanoptic.applies(to: catalog) else {
      if let ids = r.cityscapesIDs {
        throw AppFailure(
          "\(input): --cityscapes-ids \(ids.rawValue) needs Cityscapes labels, and this file uses the \(catalog.name) catalog; leave the flag out",
          status: ExitStatus.usage)
      }
      guard let source else { return nil }
      return CityscapesCOCO(
        map: map, catalog: catalog, keepingIDs: source.ids, imageID: source.image?.id,
        photo: source.image?.entry?.fileName, notes: [])
    }
    let view: CityscapesPanoptic.EvaluationView
    do {
      view = try CityscapesPanoptic.evaluationView(
        map, catalog: catalog, ids: r.cityscapesIDs ?? .label, keeping: instanceIdsValues)
    } catch {
      throw AppFailure(error, file: input)
    }
    let id =
      CityscapesPanoptic.imageID(forFileName: FileNames.lastComponent(input))
      ?? CityscapesPanoptic.imageID(forFileName: FileNames.lastComponent(output))
    var notes: [String] = []
    if view.voidedPixels > 0 {
      notes.append(
        "\(view.voidedPixels) pixels of classes Cityscapes does not evaluate (\(view.voidedClasses.joined(separator: ", "))) written as void, as createPanopticImgs does"
      )
    }
    return CityscapesCOCO(
      map: view.map, catalog: view.catalog, keepingIDs: view.segmentIDs, imageID: id.map(COCOImageID.string),
      photo: id.map(CityscapesPanoptic.photoName(forImageID:)), notes: notes)
  }

  /// The name of a file converted into a COCO folder: Cityscapes'
  /// `city/X_gtFine_instanceIds.png` becomes `X_gtFine_panoptic.png`, as
  /// `createPanopticImgs` names it (the city is in X already); other
  /// relative paths are joined with `_` (a COCO folder is flat).
  static func cocoName(_ relative: String) -> String {
    CityscapesPanoptic.panopticFileName(for: FileNames.lastComponent(relative))
      ?? relative.split(separator: "/").joined(separator: "_")
  }
}
