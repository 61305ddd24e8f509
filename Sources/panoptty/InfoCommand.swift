import ArgumentParser
import PanopticApp
import PanopticIO

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "List the segments of label PNGs: id, class, thing/stuff, instance, area, bbox.",
    discussion: """
      Takes many files and folders (label PNGs in a folder: \(BatchInputs.rule));
      - reads standard input. Many files run on -j threads, print in input
      order (--json: one JSON object per line), and every file that could not
      be read is listed at the end (exit 1). --textconv prints a stable summary
      for `git diff` (see docs/user-guide.md).
      Examples:
        panoptty info panoptic_examples/000000142238.png
        panoptty info labels.png --json | jq '.segments_info[0]'
        panoptty info dataset/ --json > segments.jsonl
        git config diff.panoptty.textconv 'panoptty info --textconv'
      """)

  @Argument(help: "Label PNGs (offset, COCO, 2-channel or Cityscapes), folders of them, or - (stdin).", completion: .labelFile) var labels: [String]
  @OptionGroup var options: LabelOptions
  @Flag(help: "Print JSON: COCO segments_info fields plus names (one line per file when there are many).") var json = false
  @Flag(help: "Print a stable one-line-per-segment summary for git diff (no paths, sorted by class).") var textconv = false
  @OptionGroup var batch: BatchOptions

  func validate() throws {
    if labels.isEmpty { throw ValidationError("name at least one label PNG or folder") }
    if json && textconv { throw ValidationError("use --json or --textconv, not both") }
  }

  func run() throws {
    let fileOptions = try options.fileOptions()
    if BatchInputs.isSingleFile(labels, shard: batch.shard) && !textconv {
      let info = InfoReport(path: labels[0], loaded: try LabelLoader.load(labels[0], options: fileOptions))
      return Console.print(json ? try info.json() : info.text)
    }
    let mode: LabelBatch.Mode = textconv ? .textconv : .info(json: json)
    let status = LabelBatch.run(labels, mode: mode, options: fileOptions, settings: batch.settings(label: "info"))
    if status != 0 { throw ExitCode(status) }
  }
}
