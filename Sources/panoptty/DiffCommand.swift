import ArgumentParser
import PanopticApp
import PanopticIO

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two label files of one image segment by segment; exit 0 if the same, 1 if not, 2 on error.",
    discussion: """
      A and B may be in any formats panoptty reads (the options apply to both).
      Segments are paired by IoU > 0.5, as panopticapi matches them, whatever
      their classes; pairs whose class, crowd flag or pixels differ are listed
      with `~`, segments only in A with `-`, only in B with `+`.
      Examples:
        panoptty diff street_labels.png review/street_labels.png
        panoptty diff pred/000000142238.png gt/000000142238.png --json | jq '.changed | length'
      """)

  @Argument(help: "First label PNG (the reference).", completion: .labelFile) var a: String
  @Argument(help: "Second label PNG.", completion: .labelFile) var b: String
  @Flag(help: "Print JSON: identical, unchanged, changed, removed, added.") var json = false
  @OptionGroup var options: LabelOptions

  func run() throws {
    let fileOptions: LabelFileOptions
    do {
      fileOptions = try options.fileOptions()
    } catch {
      throw AppFailure(error.line, status: ExitStatus.usage)
    }
    let report = try DiffReport(a: a, b: b, options: fileOptions)
    Console.print(json ? try report.json() : report.text)
    if !report.isIdentical { throw ExitCode(1) }
  }
}
