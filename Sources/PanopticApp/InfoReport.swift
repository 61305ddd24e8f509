import Foundation
import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty info` and `validate`: what a label file holds, as a table, as
/// JSON, or as a list of problems.
public struct InfoReport {
  public let path: String
  public let loaded: LoadedLabelFile
  public let report: SegmentReport

  public init(path: String, loaded: LoadedLabelFile) {
    self.path = path
    self.loaded = loaded
    let ids = loaded.fileIDs
    report = SegmentReport(decoded: loaded.decoded) { ids.fileID(of: $0) ?? Int($0.raw) }
  }

  /// The human-readable table, with a heading saying how the file was read.
  public var text: String {
    var head = "\(path): \(report.width)×\(report.height), format \(loaded.decoded.format.rawValue)"
    head += " (\(loaded.detection)), catalog \(loaded.decoded.catalog.name)"
    if let f = loaded.offsetFormat { head += ", offset \(f.offset), void \(f.voidClass)" }
    if let f = loaded.classMajor { head += ", divisor \(f.divisor), void class \(f.voidClass)" }
    if let a = loaded.annotationsPath { head += ", annotations \(a)" }
    return head.escapingControlCharacters + "\n" + report.table()
  }

  /// `segments_info` fields plus names, for scripts (`--json`); `compact`
  /// puts the object on one line (JSON Lines, for many files).
  public func json(compact: Bool = false) throws(AppFailure) -> String {
    if compact { return jsonLine }
    let segs: [[String: Any]] = report.rows.map { r in
      [
        "id": r.fileID, "category_id": r.categoryID, "iscrowd": r.isCrowd ? 1 : 0, "bbox": r.bbox.asArray,
        "area": r.area, "name": r.className, "isthing": r.isThing ? 1 : 0, "class_index": r.label.classIndex,
        "instance": r.label.instance,
      ]
    }
    let root: [String: Any] = [
      "file": path, "width": report.width, "height": report.height,
      "format": loaded.decoded.format.rawValue, "catalog": loaded.decoded.catalog.name,
      "void_pixels": report.voidPixels, "segments_info": segs,
    ]
    do {
      let layout: JSONSerialization.WritingOptions = compact ? [] : [.prettyPrinted]
      let data = try JSONSerialization.data(withJSONObject: root, options: layout.union([.sortedKeys, .withoutEscapingSlashes]))
      return String(decoding: data, as: UTF8.self)
    } catch {
      throw AppFailure("cannot write JSON: \(error)")
    }
  }

  /// Every rule the file breaks, plus a size check against a photo.
  /// How many problems the file has in all (the decoder lists at most 50 kinds).
  public func problemCount(extra: Int) -> ProblemCount {
    var c = loaded.decoded.problemCount
    c.value += extra
    return c
  }

  public func problems(imageSize: (width: Int, height: Int)?, imagePath: String?) -> [String] {
    var out = loaded.decoded.problems.map(\.message)
    if let size = imageSize, let imagePath, size.width != report.width || size.height != report.height {
      out.append("size \(report.width)×\(report.height) does not match the image \(imagePath) (\(size.width)×\(size.height))")
    }
    // Detectron2 and other loaders size their buffers from the JSON's images entry, not the PNG.
    if let declared = loaded.cocoImage?.entry.map({ (width: $0.width, height: $0.height) }), let json = loaded.annotationsPath,
      declared.width.map({ $0 != report.width }) ?? false || declared.height.map({ $0 != report.height }) ?? false
    {
      let said = "\(declared.width.map(String.init) ?? "?")×\(declared.height.map(String.init) ?? "?")"
      out.append(
        "\(FileNames.lastComponent(json)) gives it \(said) in \"images\" but the PNG is \(report.width)×\(report.height) "
          + "(loaders that trust the JSON, such as Detectron2's, fail); saving it with panoptty edit or convert writes the right size")
    }
    if let image = loaded.cocoImage, image.entry == nil, let json = loaded.annotationsPath {
      if let other = loaded.cocoImageIDSpelledOtherwise {
        out.append(
          "its annotation's image_id is \(image.id) but \(FileNames.lastComponent(json)) lists the image as \(other) in \"images\" "
            + "(loaders match ids exactly: the COCO API's and mmdetection's find no labels for it); saving it with panoptty edit or convert writes one id")
      } else if loaded.cocoHasImagesList {
        out.append(
          "its annotation's image_id \(image.id) has no entry in \(FileNames.lastComponent(json))'s \"images\" "
            + "(the COCO API's and mmdetection's loaders find no photo or size for it); saving it with panoptty edit links it to the photo's entry, or adds one")
      }
    }
    if loaded.header.hasGammaOrSRGB {
      out.append("the PNG carries a gAMA/sRGB chunk; tools that apply it will change the ids")
    }
    return out
  }

  /// The one-line verdict for a clean file.
  public var okLine: String {
    "\(path.escapingControlCharacters): OK (\(loaded.decoded.format.rawValue), \(report.rows.count.counted("segment")), \(report.thingCount.counted("thing instance")), \(report.crowdCount) crowd)"
  }
}
