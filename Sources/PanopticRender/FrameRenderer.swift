import PanopticModel

/// Turns the photo and labels into picture cells for a viewport.
///
/// The box-filtered photo for the current viewport is cached, so after an
/// edit or a cursor move only the label lookup (one read per screen pixel)
/// and the cell colours are recomputed.
public struct FrameRenderer: Sendable {
  public static let background = RGB(24, 24, 24)
  private var cachedViewport: Viewport?
  private var cachedImage: [RGB] = []

  public init() {}

  /// Forget the cached photo (after the image itself changed).
  public mutating func invalidate() { cachedViewport = nil }

  /// The label under every screen pixel of `vp` (nearest sample: ids are
  /// never blended).
  public static func sampleLabels(_ labels: LabelMap, _ vp: Viewport) -> [UInt32] {
    let pw = vp.pixelWidth
    let ph = vp.pixelHeight
    let xs = (0..<pw).map { vp.imagePoint(screenX: $0, screenY: 0).x }
    let ys = (0..<ph).map { vp.imagePoint(screenX: 0, screenY: $0).y }
    var out = [UInt32](repeating: PanopticLabel.voidClass, count: pw * ph)
    let w = labels.width
    let h = labels.height
    labels.pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for sy in 0..<ph {
          let y = ys[sy]
          if y < 0 || y >= h { continue }
          let row = y * w
          for sx in 0..<pw {
            let x = xs[sx]
            if x < 0 || x >= w { continue }
            dst[sy * pw + sx] = src[row + x]
          }
        }
      }
    }
    return out
  }

  /// Renders the picture area (vp.columns × vp.rows cells).
  /// `imageViewport` is for a photo loaded at reduced size (`view`); by
  /// default the photo and the labels share `viewport`.
  public mutating func render(
    image: ImagePyramid?, labels: LabelMap?, catalog: ClassCatalog, viewport vp: Viewport, style: RenderStyle,
    imageViewport: Viewport? = nil
  ) -> CellGrid {
    let pw = vp.pixelWidth
    let ph = vp.pixelHeight
    var photo: [RGB]
    if let image, style.mode != .labels {
      let ivp = imageViewport ?? vp
      if cachedViewport != ivp || cachedImage.count != pw * ph {
        cachedImage = image.sample(ivp, background: Self.background)
        cachedViewport = ivp
      }
      photo = cachedImage
    } else {
      photo = [RGB](repeating: Self.background, count: pw * ph)
    }
    if let labels, style.mode != .image {
      let ids = Self.sampleLabels(labels, vp)
      let colors = LabelColors(catalog: catalog, colorBy: style.colorBy)
      let alpha = Int((min(max(style.opacity, 0), 1) * 256).rounded())
      var lastID: UInt32 = .max
      var lastColor = RGB(0, 0, 0)
      let inside = { (sx: Int, sy: Int) -> Bool in
        let p = vp.imagePoint(screenX: sx, screenY: sy)
        return p.x >= 0 && p.y >= 0 && p.x < labels.width && p.y < labels.height
      }
      for sy in 0..<ph {
        for sx in 0..<pw {
          let i = sy * pw + sx
          let id = ids[i]
          let isVoid = PanopticLabel.isVoid(id)
          if id != lastID {
            lastID = id
            lastColor = colors.color(PanopticLabel(raw: id))
          }
          switch style.mode {
          case .image:
            break
          case .overlay:
            if !isVoid { photo[i] = photo[i].blended(with: lastColor, alpha: alpha) }
          case .labels:
            if isVoid {
              if inside(sx, sy) {
                photo[i] = ((sx / 8 + sy / 8) & 1) == 0 ? RGB(64, 64, 64) : RGB(80, 80, 80)
              }
            } else {
              photo[i] = lastColor
            }
          case .boundaries:
            let right = sx + 1 < pw ? ids[i + 1] : id
            let below = sy + 1 < ph ? ids[i + pw] : id
            if (right != id || below != id) && !(isVoid && PanopticLabel.isVoid(right) && PanopticLabel.isVoid(below)) {
              photo[i] = isVoid ? colors.color(PanopticLabel(raw: right != id ? right : below)) : lastColor
            }
          }
        }
      }
    }
    return Self.cells(fromPixels: photo, width: pw, height: ph, style: style)
  }

  /// Without colour a cell is a character of a brightness ramp; the legend
  /// uses the same one, so a mono picture can still be read.
  static let monoRamp = Array(" .:-=+*#%@".unicodeScalars)

  public static func monoGlyph(luma l: Int) -> Unicode.Scalar {
    monoRamp[min(monoRamp.count - 1, max(0, l) * monoRamp.count / 256)]
  }

  /// Packs pixel pairs into half-block cells in the style's colour mode.
  public static func cells(fromPixels px: [RGB], width pw: Int, height ph: Int, style: RenderStyle) -> CellGrid {
    let rows = ph / 2
    var grid = CellGrid(width: pw, height: rows)
    for row in 0..<rows {
      for x in 0..<pw {
        let top = px[(2 * row) * pw + x]
        let bottom = px[(2 * row + 1) * pw + x]
        let cell: Cell
        if style.colorMode == .mono {
          cell = Cell(monoGlyph(luma: (top.luma + bottom.luma) / 2))
        } else if !style.unicode {
          let avg = RGB(
            UInt8((Int(top.r) + Int(bottom.r)) / 2), UInt8((Int(top.g) + Int(bottom.g)) / 2),
            UInt8((Int(top.b) + Int(bottom.b)) / 2))
          cell = Cell(" ", fg: .terminalDefault, bg: style.colorMode.quantize(avg))
        } else {
          let fg = style.colorMode.quantize(top)
          let bg = style.colorMode.quantize(bottom)
          cell = Cell(Cell.upperHalf, fg: fg, bg: bg)
        }
        grid[x, row] = cell
      }
    }
    return grid
  }
}
