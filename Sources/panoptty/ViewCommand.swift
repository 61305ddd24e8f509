import ArgumentParser
import Foundation
import PanopticCore
import PanopticIO
import TerminalUI

extension OverlayMode: ExpressibleByArgument {}

/// `--colors` values.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, truecolor, c256 = "256", c16 = "16", mono

  func resolve() -> ColorMode {
    switch self {
    case .auto:
      // COLORTERM first, then terminfo for TERM (when printing to a terminal), then TERM's name.
      let env = TerminalEnvironment.environment
      let fromTerminfo = TerminalEnvironment.stdoutIsTTY ? env["TERM"].flatMap { TerminalInfo.colors(term: $0) } : nil
      return ColorMode.detect(environment: env, terminfoColors: fromTerminfo)
    case .truecolor: return .truecolor
    case .c256: return .palette256
    case .c16: return .palette16
    case .mono: return .mono
    }
  }
}

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

  @Argument(help: "Photo or label PNG.")
  var file: String

  @Option(help: "The photo under the labels (when FILE is a label PNG).")
  var image: String?

  @Option(help: "The label PNG over the photo (when FILE is a photo).")
  var labels: String?

  @Option(help: "Width in cells (default: the terminal's, or 80 when piped).")
  var width: Int?

  @Option(help: "Height in cells (with --width: fit inside WIDTHxHEIGHT, keeping the aspect ratio).")
  var height: Int?

  @Option(help: "Colours: auto, truecolor, 256, 16, mono.")
  var colors: ColorChoice = .auto

  @Option(help: "image, overlay, labels or boundaries (default: overlay, or labels without a photo).")
  var mode: OverlayMode?

  @Option(help: "Label opacity over the photo, 0 to 1.")
  var opacity: Double = 0.5

  @Flag(inversion: .prefixedNo, help: "Print the legend under the picture.")
  var legend = true

  @Flag(help: "Colour segments by class only (default: vary per instance).")
  var byClass = false

  @OptionGroup var options: LabelOptions

  func validate() throws {
    if let width, width < 1 { throw ValidationError("--width must be at least 1") }
    if let height, height < 1 { throw ValidationError("--height must be at least 1") }
    if !(0...1).contains(opacity) { throw ValidationError("--opacity must be between 0 and 1") }
  }

  func run() throws {
    let (imagePath, labelPath) = try resolveInputs()
    var loadedLabels: LoadedLabelFile?
    if let labelPath { loadedLabels = try options.load(labelPath) }
    // Size: the label map's, else the photo's header.
    var fullW = loadedLabels?.decoded.map.width ?? 0
    var fullH = loadedLabels?.decoded.map.height ?? 0
    let term = TerminalEnvironment.stdoutIsTTY ? TerminalEnvironment.size() : nil
    var photo: (image: RGBImage, originalWidth: Int, originalHeight: Int)?
    func cellsFor(_ w: Int, _ h: Int) -> (Int, Int) {
      if let width, let height {
        // Fit inside the box, keeping the aspect ratio (as chafa -s WxH does).
        let rowsForWidth = Int((Double(width) * Double(h) / Double(w) / 2).rounded())
        if rowsForWidth <= height { return (width, max(1, rowsForWidth)) }
        return (max(1, Int((Double(height) * 2 * Double(w) / Double(h)).rounded())), height)
      }
      if let width { return (width, max(1, Int((Double(width) * Double(h) / Double(w) / 2).rounded(.up)))) }
      if let height { return (max(1, Int((Double(height) * 2 * Double(w) / Double(h)).rounded())), height) }
      var cols = term?.columns ?? 80
      var rows = max(1, Int((Double(cols) * Double(h) / Double(w) / 2).rounded(.up)))
      if let t = term, rows > t.rows - 1 {
        rows = max(1, t.rows - 1)
        cols = max(1, min(cols, Int((Double(rows) * 2 * Double(w) / Double(h)).rounded())))
      }
      return (cols, rows)
    }
    if let imagePath {
      // The size comes from the file's header (no pixels), so the decoder can
      // reduce to about the size the cells show (×2 for a clean box filter).
      do {
        if fullW == 0 {
          switch try ImageFile.sniff(path: imagePath) {
          case .jpeg:
            let size = try JPEGCodec.size(path: imagePath)
            (fullW, fullH) = (size.width, size.height)
          case .png:
            let header = try PNGCodec.readHeader(path: imagePath, limits: options.limits)
            (fullW, fullH) = (header.width, header.height)
          }
        }
        let target = fullW > 0 && fullH > 0 ? cellsFor(fullW, fullH) : (80, 24)
        photo = try DisplayImage.load(path: imagePath, target: (target.0 * 2, target.1 * 4), limits: options.limits)
      } catch {
        throw Failure(file: imagePath, error)
      }
      if fullW == 0 {
        fullW = photo!.originalWidth
        fullH = photo!.originalHeight
      }
      if let l = loadedLabels, l.decoded.map.width != photo!.originalWidth || l.decoded.map.height != photo!.originalHeight {
        throw Failure(
          "\(labelPath!): the labels are \(l.decoded.map.width)×\(l.decoded.map.height) but \(imagePath) is \(photo!.originalWidth)×\(photo!.originalHeight)"
        )
      }
    }
    let (cols, rows) = cellsFor(fullW, fullH)
    let vp = Viewport(imageWidth: fullW, imageHeight: fullH, columns: cols, rows: rows)
    let colorMode = colors.resolve()
    let style = RenderStyle(
      mode: mode ?? (photo == nil ? .labels : (loadedLabels == nil ? .image : .overlay)), opacity: opacity,
      colorBy: byClass ? .class : .instance, colorMode: colorMode, unicode: TerminalEnvironment.unicodeLocale)
    var renderer = FrameRenderer()
    let catalog = loadedLabels?.decoded.catalog ?? .coco
    var grid = renderer.render(
      image: photo.map { ImagePyramid($0.image, minimumSide: 1 << 30) }, labels: loadedLabels?.decoded.map,
      catalog: catalog, viewport: vp, style: style,
      imageViewport: photo.map { vp.scaled(toImageWidth: $0.image.width, height: $0.image.height) })
    if legend, let l = loadedLabels {
      let entries = Legend.entries(for: l.decoded.map, catalog: catalog)
      let lg = Legend.grid(
        entries, total: fullW * fullH, columns: max(cols, 40), colorMode: colorMode, unicode: style.unicode)
      var combined = CellGrid(width: max(grid.width, lg.width), height: grid.height + lg.height)
      combined.blit(grid, x: 0, y: 0)
      combined.blit(lg, x: 0, y: grid.height)
      // Cells right of a narrow picture stay blank, not coloured.
      grid = combined
    }
    FileHandle.standardOutput.write(Data(AnsiWriter.bytes(grid)))
  }

  /// Decides which argument is the photo and which the labels.
  func resolveInputs() throws -> (image: String?, labels: String?) {
    if let labels { return (file, labels) }
    if let image { return (image, file) }
    let kind: ImageFile.Kind
    do {
      kind = try ImageFile.sniff(path: file)
    } catch {
      throw Failure(file: file, error)
    }
    if case .jpeg = kind { return (file, siblingLabels(of: file)) }
    // A PNG: decide from its header (never decode a 4K photo twice).
    if LabelFile.looksLikeLabels(path: file, options: try options.fileOptions()) { return (nil, file) }
    return (file, siblingLabels(of: file))
  }

  func siblingLabels(of image: String) -> String? {
    let url = URL(fileURLWithPath: image)
    let candidate = url.deletingPathExtension().path + "_labels.png"
    return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
  }
}
