import ArgumentParser
import PanopticApp
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

  @Argument(help: "Label PNG (offset, COCO, 2-channel or Cityscapes).") var label: String
  @OptionGroup var options: LabelOptions
  @Flag(help: "Print JSON: COCO segments_info fields plus names.") var json = false

  func run() throws {
    let info = InfoReport(path: label, loaded: try LabelLoader.load(label, options: try options.fileOptions()))
    Console.print(json ? try info.json() : info.text)
  }
}
