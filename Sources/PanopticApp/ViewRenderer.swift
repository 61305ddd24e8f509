import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty view`: a photo, a label PNG, or both, as cells in ANSI text.
public struct ViewRenderer {
  public struct Request: Sendable {
    public var file: String
    public var image: String?
    public var labels: String?
    public var width: Int?
    public var height: Int?
    public var colorMode: ColorMode
    public var mode: OverlayMode?
    public var opacity: Double
    public var legend: Bool
    public var byClass: Bool
    public var unicode: Bool
    /// The terminal's size when printing to one (nil when piped).
    public var terminal: (columns: Int, rows: Int)?
    public var options: LabelFileOptions

    public init(
      file: String, image: String?, labels: String?, width: Int?, height: Int?, colorMode: ColorMode,
      mode: OverlayMode?, opacity: Double, legend: Bool, byClass: Bool, unicode: Bool,
      terminal: (columns: Int, rows: Int)?, options: LabelFileOptions
    ) {
      self.file = file
      self.image = image
      self.labels = labels
      self.width = width
      self.height = height
      self.colorMode = colorMode
      self.mode = mode
      self.opacity = opacity
      self.legend = legend
      self.byClass = byClass
      self.unicode = unicode
      self.terminal = terminal
      self.options = options
    }
  }

  public let request: Request
  /// The widest or tallest picture `--width`/`--height` may ask for.
  public static let maxSide = 4096
  /// Rows a picture gets when printed to a pipe without `--height`: a thin
  /// 1×32768 map must not become megabytes of text.
  public static let maxPipedRows = 400

  public init(_ request: Request) { self.request = request }

  /// The cells for the request, ready to print.
  public func render() throws(AppFailure) -> CellGrid {
    let r = request
    let (imagePath, labelPath) = try resolveInputs()
    let loaded = try labelPath.map { (p) throws(AppFailure) in try LabelLoader.load(p, options: r.options) }
    var fullW = loaded?.decoded.map.width ?? 0
    var fullH = loaded?.decoded.map.height ?? 0
    var photo: (image: RGBImage, originalWidth: Int, originalHeight: Int)?
    if let imagePath {
      do {
        // The size comes from the header (no pixels), so the decoder can
        // reduce to about the size the cells show (×2 for a clean box filter).
        if fullW == 0 { (fullW, fullH) = try ImageFile.size(path: imagePath, limits: r.options.limits) }
        let target = cells(fullW, fullH)
        photo = try DisplayImage.load(path: imagePath, target: (target.0 * 2, target.1 * 4), limits: r.options.limits)
      } catch {
        throw AppFailure(error, file: imagePath)
      }
      if let l = loaded, l.decoded.map.width != photo!.originalWidth || l.decoded.map.height != photo!.originalHeight {
        throw AppFailure(
          "\(labelPath!): the labels are \(l.decoded.map.width)×\(l.decoded.map.height) but \(imagePath) is \(photo!.originalWidth)×\(photo!.originalHeight)")
      }
    }
    let (cols, rows) = cells(fullW, fullH)
    let vp = Viewport(imageWidth: fullW, imageHeight: fullH, columns: cols, rows: rows)
    let style = RenderStyle(
      mode: r.mode ?? (photo == nil ? .labels : (loaded == nil ? .image : .overlay)), opacity: r.opacity,
      colorBy: r.byClass ? .class : .instance, colorMode: r.colorMode, unicode: r.unicode)
    var renderer = FrameRenderer()
    let catalog = loaded?.decoded.catalog ?? .coco
    var grid = renderer.render(
      image: photo.map { ImagePyramid($0.image, minimumSide: 1 << 30) }, labels: loaded?.decoded.map,
      catalog: catalog, viewport: vp, style: style,
      imageViewport: photo.map { vp.scaled(toImageWidth: $0.image.width, height: $0.image.height) })
    if r.legend, let l = loaded {
      let entries = Legend.entries(for: l.decoded.map, catalog: catalog)
      let lg = Legend.grid(entries, total: fullW * fullH, columns: max(cols, 40), colorMode: r.colorMode, unicode: style.unicode)
      var combined = CellGrid(width: max(grid.width, lg.width), height: grid.height + lg.height)
      combined.blit(grid, x: 0, y: 0)
      combined.blit(lg, x: 0, y: grid.height)
      grid = combined
    }
    return grid
  }

  /// Cells for a `w`×`h` image: `--width`/`--height` if given (inside both,
  /// keeping the aspect ratio, as chafa -s WxH does), else the terminal.
  func cells(_ w: Int, _ h: Int) -> (Int, Int) {
    let r = request
    if let width = r.width, let height = r.height {
      let rowsForWidth = Int((Double(width) * Double(h) / Double(w) / 2).rounded())
      if rowsForWidth <= height { return (width, max(1, rowsForWidth)) }
      return (max(1, Int((Double(height) * 2 * Double(w) / Double(h)).rounded())), height)
    }
    if let height = r.height, r.width == nil {
      return (min(Self.maxSide, max(1, Int((Double(height) * 2 * Double(w) / Double(h)).rounded()))), height)
    }
    var cols = r.width ?? r.terminal?.columns ?? 80
    var rows = max(1, Int((Double(cols) * Double(h) / Double(w) / 2).rounded(.up)))
    // Fit the terminal's height, or a bounded height when printing to a pipe.
    let maxRows = r.width != nil ? Self.maxSide : (r.terminal.map { $0.rows - 1 } ?? Self.maxPipedRows)
    if rows > maxRows {
      rows = max(1, maxRows)
      cols = max(1, min(cols, Int((Double(rows) * 2 * Double(w) / Double(h)).rounded())))
    }
    return (cols, rows)
  }

  /// Decides which argument is the photo and which the labels.
  func resolveInputs() throws(AppFailure) -> (image: String?, labels: String?) {
    let r = request
    if let labels = r.labels { return (r.file, labels) }
    if let image = r.image { return (image, r.file) }
    // `--mode image` asks for the photo: a gray PNG is then a photo too.
    if r.mode == .image { return (r.file, nil) }
    let kind: ImageFile.Kind
    do {
      kind = try ImageFile.sniff(path: r.file, limits: r.options.limits)
    } catch {
      throw AppFailure(error, file: r.file)
    }
    if case .jpeg = kind { return (r.file, siblingLabels(of: r.file)) }
    // A PNG: decide from its header (never decode a 4K photo twice).
    if LabelFile.looksLikeLabels(path: r.file, options: r.options) { return (nil, r.file) }
    return (r.file, siblingLabels(of: r.file))
  }

  func siblingLabels(of image: String) -> String? {
    let candidate = FileNames.deletingExtension(image) + "_labels.png"
    return FileIdentity.of(candidate) != nil ? candidate : nil
  }
}
