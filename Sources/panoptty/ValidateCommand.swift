import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticModel

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check label PNGs against their format's rules; exit 0 if clean, 1 with problems.",
    discussion: """
      Checks: every PNG id is in the JSON and back, categories are known, things
      have instances and stuff has none, instance ids are global, area and bbox
      match, nothing overflows its encoding, the COCO JSON gives the PNG its
      own size, and the size matches --image.
      Takes many files and folders (label PNGs in a folder: \(BatchInputs.rule));
      - reads standard input. Every file is checked; those with problems or
      unreadable are listed at the end, one line each.
      Examples:
        panoptty validate panoptic_examples/000000142238.png --image 000000142238.jpg
        panoptty validate gtFine/val/ -j 8 --json | jq -c 'select(.ok == false)'
      """)

  @Argument(help: "Label PNGs, folders of them, or - (stdin).", completion: .labelFile) var labels: [String]
  @Option(help: "The photo the labels belong to; its size must match (one label file only).", completion: .file()) var image: String?
  @Flag(help: "Print one JSON object per file: file, ok, format, segments, problems.") var json = false
  @OptionGroup var options: LabelOptions
  @OptionGroup var batch: BatchOptions

  func validate() throws {
    if labels.isEmpty { throw ValidationError("name at least one label PNG or folder") }
    if image != nil && !BatchInputs.isSingleFile(labels, shard: batch.shard) {
      throw ValidationError("--image goes with one label file, not many")
    }
  }

  func run() throws {
    let fileOptions = try options.fileOptions()
    guard BatchInputs.isSingleFile(labels, shard: batch.shard) && !json else {
      let status = LabelBatch.run(labels, mode: .validate(json: json), options: fileOptions, settings: batch.settings(label: "validate"))
      if status != 0 { throw ExitCode(status) }
      return
    }
    let lines = try ValidateReport.single(labels[0], image: image, options: fileOptions)
    for line in lines.output { Console.print(line) }
    if lines.failure != nil { throw ExitCode(1) }
  }
}
