import ArgumentParser
import Foundation
import PanopticCore
import PanopticIO

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

  @Argument(help: "Label PNG.")
  var label: String

  @Option(help: "The photo the labels belong to; its size must match.")
  var image: String?

  @OptionGroup var options: LabelOptions

  func run() throws {
    let loaded = try options.load(label, allowProblems: true)
    var problems = loaded.decoded.problems.map(\.message)
    if let image {
      do {
        let img = try ImageFile.readRGB(path: image, limits: options.limits)
        if img.width != loaded.decoded.map.width || img.height != loaded.decoded.map.height {
          problems.append(
            "size \(loaded.decoded.map.width)×\(loaded.decoded.map.height) does not match the image \(image) (\(img.width)×\(img.height))"
          )
        }
      } catch {
        throw Failure(file: image, error)
      }
    }
    if loaded.header.hasGammaOrSRGB {
      problems.append("the PNG carries a gAMA/sRGB chunk; tools that apply it will change the ids")
    }
    let report = SegmentReport(decoded: loaded.decoded, fileID: loaded.fileID)
    if problems.isEmpty {
      print(
        "\(label): OK (\(loaded.decoded.format.rawValue), \(report.rows.count) segments, \(report.thingCount) thing instances, \(report.crowdCount) crowd)"
      )
      return
    }
    for p in problems { print("\(label): \(p)") }
    print("\(label): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
    throw ExitCode(1)
  }
}
