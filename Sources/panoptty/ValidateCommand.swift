import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticModel

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a label PNG against its format's rules; exit 0 if clean, 1 with problems.",
    discussion: """
      Checks: every PNG id is in the JSON and back, categories are known, things
      have instances and stuff has none, instance ids are global, area and bbox
      match, nothing overflows its encoding, and the size matches --image.
      Example:
        panoptty validate panoptic_examples/000000142238.png --image 000000142238.jpg
      """)

  @Argument(help: "Label PNG.") var label: String
  @Option(help: "The photo the labels belong to; its size must match.") var image: String?
  @OptionGroup var options: LabelOptions

  func run() throws {
    let fileOptions = try options.fileOptions()
    let info = InfoReport(path: label, loaded: try LabelLoader.load(label, options: fileOptions, allowProblems: true))
    var size: (width: Int, height: Int)?
    if let image {
      do {
        size = try ImageFile.size(path: image, limits: fileOptions.limits)
      } catch {
        throw AppFailure(error, file: image)
      }
    }
    let problems = info.problems(imageSize: size, imagePath: image)
    guard !problems.isEmpty else {
      Console.print(info.okLine)
      return
    }
    let name = label.escapingControlCharacters
    for p in problems { Console.print("\(name): \(p.escapingControlCharacters)") }
    Console.print("\(name): \(info.problemCount(extra: problems.count - info.loaded.decoded.problems.count))")
    throw ExitCode(1)
  }
}
