import PanopticEval
import PanopticModel
import PanopticRender

/// `panoptty diff A B --picture`: where two label files differ, as cells.
/// A reviewer's first question is *where*, and a list of segment ids does
/// not answer it; every pixel is put in one of five kinds and drawn in a
/// fixed colour, with the legend giving each kind's share of the image.
public enum DiffPicture {
  /// The kinds, in the order of their class index in `catalog`.
  enum Kind: Int, CaseIterable {
    /// In segments paired by the diff, with the same class and crowd flag.
    case same
    /// In a paired segment whose class or crowd flag changed.
    case relabelled
    /// Labelled in both files, but in segments that are not each other's pair
    /// (a boundary moved, an instance split or merged).
    case moved
    /// Labelled in A, void in B.
    case removed
    /// Void in A, labelled in B.
    case added
  }

  /// Stuff classes, so the renderer colours them by kind, never per instance.
  /// Their brightness differs too, so mono output (a brightness ramp) still
  /// tells the kinds apart: `:` same, `#` class changed, `=` moved, `+` only
  /// in A, `*` only in B.
  static let catalog = ClassCatalog(
    name: "diff",
    classes: [
      ClassInfo(id: 0, name: "same", kind: .stuff, color: RGB(60, 60, 60)),
      ClassInfo(id: 1, name: "class changed", kind: .stuff, color: RGB(240, 200, 0)),
      ClassInfo(id: 2, name: "moved to another segment", kind: .stuff, color: RGB(200, 60, 220)),
      ClassInfo(id: 3, name: "only in A (void in B)", kind: .stuff, color: RGB(255, 90, 90)),
      ClassInfo(id: 4, name: "only in B (void in A)", kind: .stuff, color: RGB(90, 230, 90)),
    ])

  /// The per-pixel kinds as a label map (void where both files are void).
  static func kinds(_ report: DiffReport) -> LabelMap {
    let mapA = report.a.info.loaded.decoded.map
    let mapB = report.b.info.loaded.decoded.map
    // Eval ids are label + 1 (0 is void), as DiffReport numbers them.
    var partner: [UInt32: (b: UInt32, relabelled: Bool)] = [:]
    for p in report.diff.pairs { partner[p.a.id] = (p.b.id, p.classChanged || p.crowdChanged) }
    var out = LabelMap(width: mapA.width, height: mapA.height)
    let a = mapA.pixels, b = mapB.pixels
    out.pixels.withUnsafeMutableBufferPointer { dst in
      for i in 0..<a.count {
        let va = a[i], vb = b[i]
        let voidA = PanopticLabel.isVoid(va), voidB = PanopticLabel.isVoid(vb)
        let kind: Kind?
        switch (voidA, voidB) {
        case (true, true): kind = nil
        case (false, true): kind = .removed
        case (true, false): kind = .added
        case (false, false):
          if let p = partner[va &+ 1], p.b == vb &+ 1 { kind = p.relabelled ? .relabelled : .same } else { kind = .moved }
        }
        if let kind { dst[i] = PanopticLabel(classIndex: kind.rawValue).raw }
      }
    }
    return out
  }

  /// The picture fitted as `view` fits one (`width` cells, else the
  /// terminal, else 80 columns), with the legend of kinds under it.
  public static func render(
    _ report: DiffReport, width: Int?, terminal: (columns: Int, rows: Int)?, colorMode: ColorMode, unicode: Bool
  ) -> CellGrid {
    let map = kinds(report)
    let fitting = ViewRenderer.Request(
      file: report.a.info.path, image: nil, labels: nil, width: width, height: nil, colorMode: colorMode, mode: .labels,
      opacity: 1, legend: true, byClass: true, unicode: unicode,
      terminal: terminal.map { ($0.columns, max(2, $0.rows - 2)) }, options: .init())
    let (columns, rows) = ViewRenderer(fitting).cells(map.width, map.height)
    let vp = Viewport(imageWidth: map.width, imageHeight: map.height, columns: columns, rows: rows)
    let style = RenderStyle(mode: .labels, opacity: 1, colorBy: .class, colorMode: colorMode, unicode: unicode)
    var renderer = FrameRenderer()
    let picture = renderer.render(
      image: nil, labels: map, catalog: catalog, viewport: vp, style: style, imageViewport: nil)
    let legend = Legend.grid(
      Legend.entries(for: map, catalog: catalog), total: map.width * map.height, columns: max(columns, 40),
      colorMode: colorMode, unicode: unicode)
    var combined = CellGrid(width: max(picture.width, legend.width), height: picture.height + legend.height)
    combined.blit(picture, x: 0, y: 0)
    combined.blit(legend, x: 0, y: picture.height)
    return combined
  }
}
