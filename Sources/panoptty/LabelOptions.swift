import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticModel

extension LabelFormat: ExpressibleByArgument {}
extension CityscapesCategoryIDs: ExpressibleByArgument {}

/// Options every command that reads a label file shares.
struct LabelOptions: ParsableArguments {
  @Option(
    help:
      "Label format: offset, coco, coco-2ch, cityscapes, class-major, deeplab2, kitti-step, vipseg, cityscapes-dvps or detectron2 (default: detect).")
  var format: LabelFormat?

  @Option(help: "COCO annotations JSON (default: NAME.json beside the NAME/ folder).", completion: .jsonFile)
  var annotations: String?

  @Option(
    help: "Class catalog: coco, cityscapes, ade20k, mapillary (Vistas v2.0), or a JSON file in the panoptic_coco_categories.json shape.",
    completion: .catalog)
  var classes: String?

  @Option(parsing: .unconditional, help: "Offset format: instance multiplier (default: the file's, else 1000).")
  var offset: Int?

  @Option(
    name: .customLong("void"), parsing: .unconditional,
    help: "Offset and class-major formats: class value meaning void (default: number of classes; deeplab2 255).")
  var voidClass: Int?

  @Option(parsing: .unconditional, help: "Class-major and deeplab2 formats: the label divisor (default: the file's, else 1000).")
  var divisor: Int?

  @Flag(help: "Lift the decode limits (32768 px a side, 1 GiB) for trusted huge files.")
  var noLimits = false

  func fileOptions() throws(AppFailure) -> LabelFileOptions {
    var catalog: ClassCatalog?
    if let classes {
      do {
        catalog = try CatalogFile.load(classes)
      } catch {
        throw AppFailure(error, file: classes)
      }
    }
    return LabelFileOptions(
      format: format, annotations: annotations, catalog: catalog, offset: offset, voidClass: voidClass, divisor: divisor,
      limits: noLimits ? .raised : .standard)
  }
}
