import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticModel

extension ExchangeFormat: ExpressibleByArgument {
  public init?(argument: String) {
    guard let f = ExchangeFormat(rawValue: argument), f.canRead else { return nil }
    self = f
  }
  public static var allValueStrings: [String] { allCases.filter(\.canRead).map(\.rawValue) }
}

extension ConvertTarget: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
  public var defaultValueDescription: String { rawValue }
}

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert label PNGs between offset, COCO panoptic, Cityscapes, class-major (DeepLab2, KITTI-STEP, VIPSeg), Label Studio, labelme and CVAT masks.",
    discussion: """
      Reads IN with the same detection as `info`, refuses if it breaks its
      format's rules, and writes OUT through the shared encoder (atomically;
      - is standard output; a FIFO or device is written into). Many inputs (or
      folders: \(BatchInputs.rule)) go into the folder OUT, keeping their
      names, on -j threads; every failure is listed at the end. Into COCO,
      the PNGs go into OUT/ and one new JSON (OUT.json) is written at the end.
      Examples:
        panoptty convert panoptic_examples/000000142238.png out/142238.png --to offset
        panoptty convert out/142238.png coco/pred/142238.png --to coco   # writes coco/pred.json too
        panoptty convert labels.png - --to offset | panoptty info -
        panoptty convert gtFine/val/ coco/val --to coco -j 8            # coco/val/*.png + coco/val.json
      From Cityscapes labels, COCO is written as cityscapesScripts' createPanopticImgs
      writes it: classes ignored in evaluation become void, ids are the instanceIds
      values, image_id is the name without _gtFine_instanceIds.png.
      Other tools' files, one at a time (class names matched to --classes,
      default coco; what had to be resolved is printed on stderr):
        panoptty convert task.json labels.png --to offset               # Label Studio brush export
        panoptty convert project.json 7.png --to offset --task 7        # one task of a whole project
        panoptty convert labels.png task.json --to label-studio         # one brush result per segment
        panoptty convert photo.json labels.png --to offset              # labelme polygons (group_id = instance)
        panoptty convert labels.png photo.json --to labelme             # one polygon per piece; differing pixels reported
        panoptty convert cvat/SegmentationClass/f1.png f1.png --to offset  # CVAT Segmentation mask 1.1
        panoptty convert labels.png cvat-out --to cvat                  # cvat-out/labelmap.txt, Segmentation*/labels.png
      """)

  @Argument(help: "Input label PNGs (or folders, or - for stdin), then the output PNG (- for stdout) or folder.", completion: .labelFile)
  var paths: [String]
  @Option(
    help: "Output format: offset, coco, cityscapes, class-major, deeplab2, kitti-step, vipseg, cityscapes-dvps, label-studio (JSON, brush RLE), labelme (JSON polygons) or cvat (Segmentation mask 1.1 folder).",
    completion: .list(ConvertTarget.allCases.map(\.rawValue)))
  var to: ConvertTarget
  @Option(
    help: "Read IN as label-studio (JSON, brush RLE), labelme (JSON polygons) or cvat (mask folder) (default: detected).",
    completion: .list(ExchangeFormat.allValueStrings))
  var from: ExchangeFormat?
  @Option(help: "Label Studio: the id of the task to read from an export of many tasks.") var task: Int?
  @Option(help: "Output COCO JSON (default: NAME.json beside the output's NAME/ folder).", completion: .jsonFile) var outAnnotations: String?
  @Option(parsing: .unconditional, help: "Output offset (offset format; default 1000).") var outOffset: Int?
  @Option(parsing: .unconditional, help: "Output void class value (offset and class-major formats; default: number of classes, deeplab2 255).")
  var outVoid: Int?
  @Option(parsing: .unconditional, help: "Output label divisor (class-major and deeplab2; default 1000).") var outDivisor: Int?
  @Option(help: "Cityscapes to COCO: category ids label (labelIds) or train (trainIds), as createPanopticImgs [--use-train-id].",
    completion: .list(CityscapesCategoryIDs.allCases.map(\.rawValue))) var cityscapesIds: CityscapesCategoryIDs?
  @Flag(help: "Write over an OUT that is a colour PNG panoptty cannot tell from a photo (a COCO PNG whose JSON is gone); never over a JPEG, a JSON or an array.")
  var force = false
  @OptionGroup var options: LabelOptions
  @OptionGroup var batch: BatchOptions

  func validate() throws {
    if paths.count < 2 { throw ValidationError("name an input and an output (IN... OUT)") }
    if let json = outAnnotations, json.isEmpty || json == "-" {
      throw ValidationError("--out-annotations names the COCO JSON file to write beside the PNGs; \(json.isEmpty ? "an empty name" : "- (standard output)") is none")
    }
    // An output option the chosen format has no use for would be dropped without a word.
    let format: LabelFormat? = if case .labels(let f) = to { f } else { nil }
    let preset = format.flatMap { ClassMajorFormat.Preset(rawValue: $0.rawValue) }
    let name = if case .exchange(let e) = to { e.rawValue } else { format?.rawValue ?? "" }
    if outOffset != nil && format != .offset {
      throw ValidationError("--out-offset is for --to offset; --to \(name) has no offset")
    }
    if outVoid != nil && format != .offset && preset == nil {
      throw ValidationError("--out-void is for --to offset and the class-major formats; --to \(name) has no void value")
    }
    if outDivisor != nil && preset?.divisorIsParameter != true {
      throw ValidationError("--out-divisor is for --to class-major and deeplab2; --to \(name) has none to set")
    }
  }

  func run() throws {
    if case .labels(let f) = to, !f.canWrite {
      let what = f == .detectron2 ? "detectron2 dumps are" : "the 2-channel format is"
      throw AppFailure("\(paths.last!): \(what) read only", status: ExitStatus.usage)
    }
    var request = ConvertRunner.Request(
      inputs: Array(paths.dropLast()), output: paths.last!, target: to, from: from, task: task, outAnnotations: outAnnotations,
      outOffset: outOffset ?? 1000, outVoid: outVoid, outDivisor: outDivisor, options: try options.fileOptions(),
      cityscapesIDs: cityscapesIds)
    request.force = force
    if request.isBatch(shard: batch.shard) {
      let status = try ConvertRunner.batch(request, settings: batch.settings(label: "convert"))
      if status != 0 { throw ExitCode(status) }
      return
    }
    let result = try ConvertRunner.single(request)
    for n in result.notes { printError(n) }
    if result.wroteToStderr { printError(result.wrote) } else { Console.print(result.wrote) }
  }
}
