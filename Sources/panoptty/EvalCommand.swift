import ArgumentParser
import PanopticApp
import PanopticIO

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score predictions against ground truth: PQ, SQ, RQ exactly as panopticapi's pq_compute.",
    discussion: """
      Both datasets are COCO panoptic (a JSON plus a folder of PNGs; the folder
      defaults to the JSON's path without .json, as in panopticapi), or both
      are folders of label PNGs in any format panoptty reads (offset,
      Cityscapes instanceIds, ...), paired by name (suffixes such as
      _gtFine_instanceIds and _labels ignored) and scored as pq_compute scores
      their `convert --to coco` output. Prints pq_compute's table, digit for
      digit; --per-class adds one line per class.
      Examples:
        panoptty eval panoptic_val2017.json predictions.json
        panoptty eval gt.json pred.json --pred-folder out/png --json | jq .All.pq
        panoptty eval cityscapes/gtFine/val predictions/
      """)

  @Argument(help: "Ground-truth COCO panoptic JSON, or a folder of label PNGs.", completion: .file()) var gtJSON: String
  @Argument(help: "Prediction COCO panoptic JSON, or a folder of label PNGs.", completion: .file()) var predJSON: String
  @Option(help: "Ground-truth PNG folder (default: GT_JSON without .json).", completion: .directory) var gtFolder: String?
  @Option(help: "Prediction PNG folder (default: PRED_JSON without .json).", completion: .directory) var predFolder: String?
  @Flag(help: "Print JSON shaped like pq_compute's return value (with --per-class: counts and names too).") var json = false
  @Flag(help: "Also print one line per class (name, kind, PQ, SQ, RQ, TP, FP, FN).") var perClass = false
  @Option(name: .customShort("j"), parsing: .unconditional, help: "Threads decoding and scoring image pairs (default: the usable CPUs).") var jobs: Int?
  @Option(help: "Sum in the order of pq_compute with this many processes (default: this machine's CPU count, as Python's multiprocessing.cpu_count()).")
  var pqWorkers: Int?
  @OptionGroup(title: "Reading label folders (--no-limits applies to both kinds)") var options: LabelOptions
  @Flag(help: .hidden) var decodeOnly = false  // bench/eval_speed.sh: the decode floor

  func validate() throws {
    if let jobs, !(1...1024).contains(jobs) { throw ValidationError("-j must be from 1 to 1024") }
    if let pqWorkers, !(1...4096).contains(pqWorkers) { throw ValidationError("--pq-workers must be from 1 to 4096") }
  }

  func run() throws {
    let folders = [gtJSON, predJSON].map { FileStatus.of($0)?.isDirectory == true }
    let progress = Console.stderrIsTerminal ? ProgressLine(label: "eval") : nil
    if folders[0] || folders[1] {
      guard folders[0] && folders[1] else {
        throw AppFailure("give two COCO panoptic JSONs or two folders of label PNGs, not one of each", status: ExitStatus.usage)
      }
      guard gtFolder == nil && predFolder == nil && !decodeOnly else {
        throw AppFailure("--gt-folder and --pred-folder go with COCO JSONs; here the folders are the arguments", status: ExitStatus.usage)
      }
      let outcome = try LabelFolderEval.run(
        groundTruth: gtJSON, prediction: predJSON, options: try options.fileOptions(),
        threads: jobs ?? Console.usableProcessorCount, pqComputeWorkers: pqWorkers ?? Console.onlineProcessorCount,
        progress: progress)
      return Console.print(json ? outcome.json(details: perClass) : outcome.text(perClass: perClass))
    }
    let o = options
    guard o.format == nil && o.annotations == nil && o.classes == nil && o.offset == nil && o.voidClass == nil else {
      throw AppFailure(
        "--format, --annotations, --classes, --offset and --void read label folders; COCO JSONs say their own classes",
        status: ExitStatus.usage)
    }
    let noLimits = o.noLimits
    var request = EvalRunner.Request(
      groundTruthJSON: gtJSON, predictionJSON: predJSON, groundTruthFolder: gtFolder, predictionFolder: predFolder,
      threads: jobs ?? Console.usableProcessorCount, pqComputeWorkers: pqWorkers ?? Console.onlineProcessorCount,
      limits: noLimits ? .raised : .standard)
    request.decodeOnly = decodeOnly
    let outcome = try EvalRunner.run(request, progress: progress)
    for line in outcome.warnings { printError(line) }
    if decodeOnly { return Console.print("decoded \(outcome.images) pairs") }
    Console.print(json ? outcome.json(details: perClass) : outcome.text(perClass: perClass))
  }
}
