import ArgumentParser
import Foundation
import PanopticApp
import PanopticIO
import PanopticRender
import TerminalUI

struct ViewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "view",
    abstract: "Show an image, a label PNG, or both, as coloured half-block cells.",
    discussion: """
      FILE may be a photo (PNG or JPEG) or a label PNG in any format panoptty
      reads; labels are decoded and coloured by class, never shown as black.
      Gray PNGs, PNGs written by panoptty and RGB PNGs listed in a COCO JSON
      are labels; other RGB PNGs are photos unless --format says (e.g.
      --format coco-2ch).
      A photo's labels are found at NAME_labels.png beside it unless --labels says.
      Examples:
        panoptty view photo.jpg --labels photo_labels.png --mode boundaries
        panoptty view panoptic_examples/000000142238.png --width 100
        panoptty view big.png --colors 256 > frame.ans && cat frame.ans
      """)

  @Argument(help: "Photo or label PNG.", completion: .file()) var file: String
  @Option(help: "The photo under the labels (when FILE is a label PNG).", completion: .file()) var image: String?
  @Option(help: "The label PNG over the photo (when FILE is a photo).", completion: .labelFile) var labels: String?
  @Option(help: "Width in cells (default: the terminal's, or 80 when piped).") var width: Int?
  @Option(help: "Height in cells (with --width: fit inside WIDTHxHEIGHT, keeping the aspect ratio).") var height: Int?
  @Option(help: "Colours: auto, truecolor, 256, 16, mono.") var colors: ColorChoice = .auto
  @Option(help: "image, overlay, labels or boundaries (default: overlay, or labels without a photo).") var mode: OverlayMode?
  @Option(help: "Label opacity over the photo, 0 to 1.") var opacity: Double = 0.5
  @Flag(inversion: .prefixedNo, help: "Print the legend under the picture.") var legend = true
  @Flag(help: "Colour segments by class only (default: vary per instance).") var byClass = false
  @OptionGroup var options: LabelOptions

  func validate() throws {
    let most = ViewRenderer.maxSide
    if let width, !(1...most).contains(width) { throw ValidationError("--width must be from 1 to \(most)") }
    if let height, !(1...most).contains(height) { throw ValidationError("--height must be from 1 to \(most)") }
    if !(0...1).contains(opacity) { throw ValidationError("--opacity must be between 0 and 1") }
    if labels == "" { throw ValidationError("--labels needs a file name, not an empty string") }
  }

  func run() throws {
    let onTerminal = Console.stdoutIsTerminal
    let request = ViewRenderer.Request(
      file: file, image: image, labels: labels, width: width, height: height,
      colorMode: colors.resolve(forTerminal: onTerminal), mode: mode, opacity: opacity, legend: legend,
      byClass: byClass, unicode: TerminalSize.unicodeLocale(Console.environment),
      terminal: onTerminal ? TerminalSize.ofStandardOutput() : nil, options: try options.fileOptions())
    let grid = try ViewRenderer(request).render()
    Console.write(request.colorMode == .mono ? AnsiWriter.plainText(grid) : AnsiWriter.bytes(grid))
  }
}
