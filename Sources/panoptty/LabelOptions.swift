import ArgumentParser
import Foundation
import PanopticCore
import PanopticIO

extension LabelFormat: ExpressibleByArgument {}

/// Options every command that reads a label file shares.
struct LabelOptions: ParsableArguments {
  @Option(help: "Label format: offset, coco, coco-2ch or cityscapes (default: detect).")
  var format: LabelFormat?

  @Option(help: "COCO annotations JSON (default: NAME.json beside the NAME/ folder).")
  var annotations: String?

  @Option(help: "Class catalog JSON in the panoptic_coco_categories.json shape.")
  var classes: String?

  @Option(help: "Offset format: instance multiplier (default: the file's, else 1000).")
  var offset: Int?

  @Option(name: .customLong("void"), help: "Offset format: class value meaning void (default: number of classes).")
  var voidClass: Int?

  @Flag(help: "Lift the decode limits (32768 px a side, 1 GiB) for trusted huge files.")
  var noLimits = false

  var limits: DecodeLimits { noLimits ? .raised : .standard }

  func catalog() throws -> ClassCatalog? {
    guard let classes else { return nil }
    if let builtIn = ClassCatalog.builtIn(named: classes) { return builtIn }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: classes))
    } catch {
      throw Failure("\(classes): cannot read the class catalog (\((error as NSError).localizedDescription))")
    }
    do {
      let name = URL(fileURLWithPath: classes).deletingPathExtension().lastPathComponent
      return try ClassCatalog.parse(json: data, name: name)
    } catch {
      throw Failure("\(classes): \(error)")
    }
  }

  func fileOptions() throws -> LabelFileOptions {
    LabelFileOptions(
      format: format, annotations: annotations, catalog: try catalog(), offset: offset, voidClass: voidClass,
      limits: limits)
  }

  /// Reads a label file or fails with one line naming it.
  func load(_ path: String, allowProblems: Bool = false) throws -> LoadedLabelFile {
    let loaded: LoadedLabelFile
    let opts = try fileOptions()
    do {
      loaded = try LabelFile.read(path: path, options: opts)
    } catch {
      throw Failure(file: path, error)
    }
    if !allowProblems, let first = loaded.decoded.problems.first {
      let more = loaded.decoded.problems.count - 1
      throw Failure("\(path): \(first)" + (more > 0 ? " (and \(more) more problems; run panoptty validate)" : ""))
    }
    return loaded
  }
}

extension LoadedLabelFile {
  /// The id a label has in this file's own encoding.
  func fileID(_ label: PanopticLabel) -> Int {
    if let f = offsetFormat { return label.instance * f.offset + label.classIndex }
    return Int(label.raw)
  }
}
