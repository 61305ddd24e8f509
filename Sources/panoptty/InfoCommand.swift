import ArgumentParser
import Foundation
import PanopticCore
import PanopticIO

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "List the segments of a label PNG: id, class, thing/stuff, instance, area, bbox.",
    discussion: """
      Example:
        panoptty info panoptic_examples/000000142238.png
        panoptty info labels.png --json | jq '.segments_info[0]'
      """)

  @Argument(help: "Label PNG (offset, COCO, 2-channel or Cityscapes).")
  var label: String

  @OptionGroup var options: LabelOptions

  @Flag(help: "Print JSON: COCO segments_info fields plus names.")
  var json = false

  func run() throws {
    let loaded = try options.load(label)
    let report = SegmentReport(decoded: loaded.decoded, fileID: loaded.fileID)
    if json {
      let segs: [[String: Any]] = report.rows.map { r in
        [
          "id": r.fileID, "category_id": r.categoryID, "iscrowd": r.isCrowd ? 1 : 0, "bbox": r.bbox.asArray,
          "area": r.area, "name": r.className, "isthing": r.isThing ? 1 : 0, "class_index": r.label.classIndex,
          "instance": r.label.instance,
        ]
      }
      let root: [String: Any] = [
        "file": label, "width": report.width, "height": report.height,
        "format": loaded.decoded.format.rawValue, "catalog": loaded.decoded.catalog.name,
        "void_pixels": report.voidPixels, "segments_info": segs,
      ]
      let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])
      FileHandle.standardOutput.write(data + Data("\n".utf8))
      return
    }
    var head = "\(label): \(report.width)×\(report.height), format \(loaded.decoded.format.rawValue)"
    head += " (\(loaded.detection)), catalog \(loaded.decoded.catalog.name)"
    if let f = loaded.offsetFormat { head += ", offset \(f.offset), void \(f.voidClass)" }
    if let a = loaded.annotationsPath { head += ", annotations \(a)" }
    print(head)
    print(report.table())
  }
}
