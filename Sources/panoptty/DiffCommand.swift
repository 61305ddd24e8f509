import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticRender
import TerminalUI

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two label files of one image segment by segment; exit 0 if the same, 1 if not, 2 on error.",
    discussion: """
      A and B may be in any formats panoptty reads (the options apply to both).
      Segments are paired by IoU > 0.5, as panopticapi matches them, whatever
      their classes; pairs whose class, crowd flag or pixels differ are listed
      with `~`, segments only in A with `-`, only in B with `+`. --picture
      draws where they differ (same, class changed, moved to another segment,
      only in A, only in B) above the list.
      Examples:
        panoptty diff street_labels.png review/street_labels.png
        panoptty diff street_labels.png review/street_labels.png --picture --width 100
        panoptty diff pred/000000142238.png gt/000000142238.png --json | jq '.changed | length'
      """)

  @Argument(help: "First label PNG (the reference).", completion: .labelFile) var a: String
  @Argument(help: "Second label PNG.", completion: .labelFile) var b: String
  @Flag(help: "Print JSON: identical, unchanged, changed, removed, added.") var json = false
  @Flag(help: "Draw where the files differ, as view draws labels, above the list.") var picture = false
  @Option(help: "With --picture: width in cells (default: the terminal's, or 80 when piped).") var width: Int?
  @Option(help: "With --picture: colours, auto, truecolor, 256, 16, mono.") var colors: ColorChoice = .auto
  @OptionGroup var options: LabelOptions

  func validate() throws {
    if json && picture { throw ValidationError("--picture draws for a person; --json is for programs: use one") }
    if !picture && (width != nil || colors != .auto) { throw ValidationError("--width and --colors go with --picture") }
    if let width, !(1...ViewRenderer.maxSide).contains(width) {
      throw ValidationError("--width must be from 1 to \(ViewRenderer.maxSide)")
    }
  }

  func run() throws {
    let fileOptions: LabelFileOptions
    do {
      fileOptions = try options.fileOptions()
    } catch {
      throw AppFailure(error.line, status: ExitStatus.usage)
    }
    let report = try DiffReport(a: a, b: b, options: fileOptions)
    if picture {
      let onTerminal = Console.stdoutIsTerminal
      let colorMode = colors.resolve(forTerminal: onTerminal)
      let grid = DiffPicture.render(
        report, width: width, terminal: onTerminal ? TerminalSize.ofStandardOutput() : nil,
        colorMode: colorMode, unicode: TerminalSize.unicodeLocale(Console.environment))
      Console.write(colorMode == .mono ? AnsiWriter.plainText(grid) : AnsiWriter.bytes(grid))
    }
    Console.print(json ? try report.json() : report.text)
    if !report.isIdentical { throw ExitCode(1) }
  }
}
