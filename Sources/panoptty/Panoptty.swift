import ArgumentParser
import Foundation
import PanopticApp
import PanopticIO

/// Entry point: parses the command line, runs the subcommand, and turns every
/// failure into one line on stderr with the exit status scripts expect.
@main
struct Panoptty: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "panoptty",
    abstract: "Terminal panoptic-segmentation viewer and editor.",
    discussion: """
      Label PNGs in the offset (instance * 1000 + class), COCO panoptic and
      Cityscapes formats; see docs/user-guide.md.
      """,
    version: "0.2.0",
    subcommands: [
      EditCommand.self, ViewCommand.self, InfoCommand.self, ValidateCommand.self, ConvertCommand.self,
      DemoCommand.self, EvalCommand.self, DiffCommand.self, StatusCommand.self,
    ])

  static func main() {
    ProcessStart.prepare()
    do {
      var command = try parseAsRoot(Console.arguments)
      try command.run()
    } catch let failure as AppFailure {
      fail(failure.line, status: failure.status)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      // Usage errors: the parser's first line, then where the help is.
      let lines = fullMessage(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      var first = lines.first ?? "usage error"
      if first.hasPrefix("Error: ") { first.removeFirst(7) }
      // Past a few choices the parser lists them one a line: keep them on the one line.
      if first.hasSuffix("one of the following:") {
        let choices = lines.dropFirst().prefix { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
        first += " " + choices.joined(separator: ", ")
      }
      let sub = Console.arguments.first { !$0.hasPrefix("-") }.map { " " + $0 } ?? ""
      fail("\(first) (see panoptty\(sub) --help)", status: ExitStatus.usage)
    }
  }

  static func fail(_ line: String, status: Int32) -> Never {
    printError(line)
    Foundation.exit(status)
  }
}

/// One line on stderr, the way every panoptty message starts.
func printError(_ line: String) { Console.printError("panoptty: " + line) }
