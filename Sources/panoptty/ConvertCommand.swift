import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticModel

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a label PNG between the offset, COCO panoptic and Cityscapes formats.",
    discussion: """
      Reads IN with the same detection as `info`, refuses if it breaks its
      format's rules, and writes OUT through the shared encoder (atomically).
      Examples:
        panoptty convert panoptic_examples/000000142238.png out/142238.png --to offset
        panoptty convert out/142238.png coco/pred/142238.png --to coco   # writes coco/pred.json too
      """)

  @Argument(help: "Input label PNG.") var input: String
  @Argument(help: "Output label PNG.") var output: String
  @Option(help: "Output format: offset, coco or cityscapes.") var to: LabelFormat
  @Option(help: "Output COCO JSON (default: NAME.json beside the output's NAME/ folder).") var outAnnotations: String?
  @Option(help: "Output offset (offset format).") var outOffset: Int = 1000
  @Option(help: "Output void class value (offset format; default: number of classes).") var outVoid: Int?
  @OptionGroup var options: LabelOptions

  func run() throws {
    guard to.canWrite else { throw AppFailure("\(output): the 2-channel format is read only", status: ExitStatus.usage) }
    let loaded = try LabelLoader.load(input, options: try options.fileOptions())
    let catalog = loaded.decoded.catalog
    let report: LabelWriteReport
    do {
      report = try LabelFile.write(
        loaded.decoded.map, catalog: catalog, to: output, format: to,
        offsetFormat: OffsetFormat(catalog: catalog, offset: outOffset, voidClass: outVoid), annotations: outAnnotations)
    } catch {
      throw AppFailure(error, file: output)
    }
    for n in report.notes { printError("\(output): \(n)") }
    Console.print(("wrote \(output) (\(to.rawValue)" + (report.annotationsPath.map { ", annotations \($0)" } ?? "") + ")").escapingControlCharacters)
  }
}
