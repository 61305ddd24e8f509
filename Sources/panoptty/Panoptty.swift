import ArgumentParser
import Foundation
import PanopticCore

/// Entry point: parses the command line, runs the subcommand, and turns every
/// failure into one line on stderr with the exit status scripts expect
/// (1 for bad input, 2 for usage errors).
@main
struct Panoptty: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "panoptty",
    abstract: "Terminal panoptic-segmentation viewer and editor.",
    discussion: """
      Label PNGs in the offset (instance × 1000 + class), COCO panoptic and
      Cityscapes formats; see docs/user-guide.md.
      """,
    version: "0.1.0",
    subcommands: [
      EditCommand.self, ViewCommand.self, InfoCommand.self, ValidateCommand.self, ConvertCommand.self,
      DemoCommand.self,
    ])

  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as Failure {
      FileHandle.standardError.write(Data(("panoptty: " + failure.line + "\n").utf8))
      Foundation.exit(failure.status)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      // Usage errors: the parser's first line, then where the help is.
      var first = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
      if first.hasPrefix("Error: ") { first.removeFirst(7) }
      let args = CommandLine.arguments.dropFirst()
      let sub = args.first { !$0.hasPrefix("-") }.map { " " + $0 } ?? ""
      FileHandle.standardError.write(Data("panoptty: \(first) (see panoptty\(sub) --help)\n".utf8))
      Foundation.exit(2)
    }
  }
}

/// A failure already phrased for the user: `FILE: problem`.
struct Failure: Error {
  var line: String
  var status: Int32 = 1

  init(_ line: String, status: Int32 = 1) {
    self.line = line
    self.status = status
  }

  init(file: String, _ error: any Error) {
    self.line = "\(file): \(error)"
    if case .usage = error as? PanopticError { self.status = 2 }
  }
}
