import Testing

@testable import PanopticModel
@testable import PanopticRender

@Suite("Renderer")
struct RendererTests {
  /// Every golden these tests compare against (see `everyGoldenFileIsUsed`).
  static let goldenNames =
    OverlayMode.allCases.map { "mode-\($0.rawValue)" } + ColorMode.allCases.map { "colors-\($0.rawValue)" }
    + ["ascii-fallback", "legend"]

  // 4×4 labels: sky on top, a car (instance 1) and void below.
  let labels = asciiMap(
    """
    ssss
    ssss
    cc..
    cc..
    """, ["s": PanopticLabel(classIndex: sky), "c": PanopticLabel(classIndex: car, instance: 1)])

  func render(_ style: RenderStyle, image: RGBImage? = nil, columns: Int = 4, rows: Int = 2) -> CellGrid {
    let vp = Viewport(imageWidth: 4, imageHeight: 4, columns: columns, rows: rows)
    var r = FrameRenderer()
    return r.render(image: image.map { ImagePyramid($0) }, labels: labels, catalog: coco, viewport: vp, style: style)
  }

  var photo: RGBImage {
    var img = RGBImage(width: 4, height: 4, fill: RGB(100, 100, 100))
    img[0, 0] = RGB(200, 0, 0)
    return img
  }

  /// The void checkerboard of labels mode: 8×8 screen-pixel squares.
  static let voidDark = CellColor.rgb(RGB(64, 64, 64))
  static let voidLight = CellColor.rgb(RGB(80, 80, 80))

  @Test func halfBlocksPutTwoPixelsInACell() {
    let g = render(RenderStyle(mode: .labels, colorBy: .class, colorMode: .truecolor))
    #expect(g.width == 4 && g.height == 2)
    #expect(g.text(row: 0) == "▀▀▀▀" && g.text(row: 1) == "▀▀▀▀")
    let skyColor = CellColor.rgb(coco[sky].color)
    let carColor = CellColor.rgb(coco[car].color)
    // Every cell, exactly: top pixel in fg, bottom pixel in bg. Void in
    // labels mode is the checkerboard's dark square here (screen pixels 2…3
    // lie in the first 8×8 square), never a class colour.
    let expected: [[(CellColor, CellColor)]] = [
      [(skyColor, skyColor), (skyColor, skyColor), (skyColor, skyColor), (skyColor, skyColor)],
      [(carColor, carColor), (carColor, carColor), (Self.voidDark, Self.voidDark), (Self.voidDark, Self.voidDark)],
    ]
    for y in 0..<2 {
      for x in 0..<4 {
        #expect(g[x, y].fg == expected[y][x].0 && g[x, y].bg == expected[y][x].1, "cell \(x),\(y): \(g[x, y])")
      }
    }
  }

  /// The checkerboard alternates every 8 screen pixels across and down, and
  /// only inside the image: the letterbox around it is the background.
  @Test func voidIsACoarseCheckerboardInsideTheImageOnly() {
    let map = LabelMap(width: 32, height: 8)
    // 32×8 image in 32 columns × 8 rows (16 screen pixels high): scale 1,
    // the image centred with 4 background pixel rows above and below.
    let vp = Viewport(imageWidth: 32, imageHeight: 8, columns: 32, rows: 8)
    #expect(vp.scale == 1 && vp.originY == -4)
    var r = FrameRenderer()
    let g = r.render(image: nil, labels: map, catalog: coco, viewport: vp, style: RenderStyle(mode: .labels, colorMode: .truecolor))
    let background = CellColor.rgb(FrameRenderer.background)
    func expected(_ sx: Int, _ sy: Int) -> CellColor {
      guard sy >= 4 && sy < 12 else { return background }
      return ((sx / 8 + sy / 8) & 1) == 0 ? Self.voidDark : Self.voidLight
    }
    for row in 0..<8 {
      for x in 0..<32 {
        #expect(g[x, row].fg == expected(x, 2 * row), "cell \(x),\(row) top")
        #expect(g[x, row].bg == expected(x, 2 * row + 1), "cell \(x),\(row) bottom")
      }
    }
    #expect(g.cells.contains { $0.fg == Self.voidLight } && g.cells.contains { $0.fg == Self.voidDark })
  }

  @Test(arguments: OverlayMode.allCases)
  func eachModeMatchesItsGolden(mode: OverlayMode) {
    let g = render(RenderStyle(mode: mode, opacity: 0.5, colorBy: .class, colorMode: .truecolor), image: photo)
    expectGolden(g.goldenText, "mode-\(mode.rawValue)")
  }

  @Test(arguments: ColorMode.allCases)
  func eachColorModeMatchesItsGolden(mode: ColorMode) throws {
    let g = render(RenderStyle(mode: .overlay, colorBy: .class, colorMode: mode), image: photo)
    expectGolden(g.goldenText, "colors-\(mode.rawValue)")
    for c in g.cells {
      switch mode {
      case .palette256:
        // Only the cube and grey ramp: the first 16 follow the user's theme.
        #expect(try #require(c.fg.paletteIndex) >= 16 && #require(c.bg.paletteIndex) >= 16)
      case .palette16:
        #expect(try #require(c.fg.paletteIndex) < 16 && #require(c.bg.paletteIndex) < 16)
      case .truecolor:
        #expect(c.fg.rgbValue != nil && c.bg.rgbValue != nil)
      case .mono:
        // No colour anywhere: glyphs by brightness.
        #expect(c.fg == .terminalDefault && c.bg == .terminalDefault && c.glyph != Cell.upperHalf)
      }
    }
  }

  @Test func monoQuantizesEveryColourToNoColour() {
    for c in [RGB(0, 0, 0), RGB(255, 0, 0), RGB(255, 255, 255)] {
      #expect(ColorMode.mono.quantize(c) == .terminalDefault)
    }
    #expect(ColorMode.truecolor.quantize(RGB(1, 2, 3)) == .rgb(RGB(1, 2, 3)))
    #expect(ColorMode.palette256.quantize(RGB(255, 0, 0)) == .palette(196))
    #expect(ColorMode.palette16.quantize(RGB(255, 0, 0)) == .palette(9))
  }

  @Test func asciiFallbackWithoutUTF8() {
    let g = render(RenderStyle(mode: .labels, colorBy: .class, colorMode: .palette256, unicode: false))
    #expect(g.cells.allSatisfy { $0.glyph == " " && $0.fg == .terminalDefault })
    #expect(g[0, 0].bg == .palette(Palette.nearest256(coco[sky].color)))
    #expect(g[0, 1].bg == .palette(Palette.nearest256(coco[car].color)))
    expectGolden(g.goldenText, "ascii-fallback")
  }

  @Test func instanceColoursDifferForTouchingInstances() {
    let colors = LabelColors(catalog: coco, colorBy: .instance)
    let a = colors.color(PanopticLabel(classIndex: car, instance: 1))
    let b = colors.color(PanopticLabel(classIndex: car, instance: 2))
    #expect(a != b)
    #expect(colors.color(PanopticLabel(classIndex: sky)) == coco[sky].color)
    #expect(colors.color(PanopticLabel(classIndex: car)) == coco[car].color)
    #expect(a == LabelColors(catalog: coco, colorBy: .instance).color(PanopticLabel(classIndex: car, instance: 1)))
    #expect(LabelColors(catalog: coco, colorBy: .class).color(PanopticLabel(classIndex: car, instance: 2)) == coco[car].color)
    // A label outside the catalog is loud magenta, not a crash.
    #expect(colors.color(PanopticLabel(classIndex: 500)) == RGB(255, 0, 255))
  }

  /// A 6×6 one-pixel checkerboard of two classes shown in 4×2 cells (scale
  /// 1.5): each screen pixel shows the label at its sample point (image
  /// columns and rows 0, 2, 3, 5), never a mix of the two.
  @Test func labelsAreNeverBlendedWhenDownsampling() {
    var map = LabelMap(width: 6, height: 6)
    for y in 0..<6 { for x in 0..<6 { map[x, y] = PanopticLabel(classIndex: (x + y) % 2 == 0 ? sky : road) } }
    let vp = Viewport(imageWidth: 6, imageHeight: 6, columns: 4, rows: 2)
    #expect(vp.scale == 1.5)
    var r = FrameRenderer()
    let g = r.render(image: nil, labels: map, catalog: coco, viewport: vp, style: RenderStyle(mode: .labels, colorBy: .class))
    let s = CellColor.rgb(coco[sky].color), d = CellColor.rgb(coco[road].color)
    let expected: [[CellColor]] = [[s, s, d, d], [d, d, s, s]]
    for row in 0..<2 {
      for x in 0..<4 {
        #expect(g[x, row].fg == expected[row][x] && g[x, row].bg == expected[row][x], "cell \(x),\(row)")
      }
    }
  }

  @Test func pyramidBoxFilterAveragesAreas() {
    var img = RGBImage(width: 4, height: 2, fill: RGB(0, 0, 0))
    img[0, 0] = RGB(200, 100, 40)
    img[1, 1] = RGB(200, 100, 40)
    let p = ImagePyramid(img, minimumSide: 1)
    #expect(p.levels.count == 2)
    #expect(p.levels[1].width == 2 && p.levels[1].height == 1)
    #expect(p.levels[1][0, 0] == RGB(100, 50, 20))
    #expect(p.levels[1][1, 0] == RGB(0, 0, 0))
    // 4×2 in 2×1 cells (2×2 screen pixels, scale 2): both screen rows read
    // level 1's single row, letterboxed half a level-pixel each way.
    let vp = Viewport(imageWidth: 4, imageHeight: 2, columns: 2, rows: 1)
    let px = p.sample(vp, background: RGB(9, 9, 9))
    #expect(px == [RGB(100, 50, 20), RGB(0, 0, 0), RGB(100, 50, 20), RGB(0, 0, 0)])
    // At 1:1 every screen pixel is its image pixel.
    let one = Viewport(imageWidth: 4, imageHeight: 2, columns: 4, rows: 1)
    #expect(p.sample(one, background: RGB(9, 9, 9)) == (0..<2).flatMap { y in (0..<4).map { img[$0, y] } })
  }

  @Test func viewportMapsCellsAndPixelsBothWays() {
    var vp = Viewport(imageWidth: 320, imageHeight: 200, columns: 80, rows: 25)
    #expect(vp.scale == 4)
    #expect(vp.imagePoint(screenX: 10, screenY: 3) == (42, 14))
    let c = vp.cell(imageX: 42, imageY: 14)
    #expect(c.column == 10 && c.row == 1 && c.lower)
    vp.setZoom(2, around: 100, 100)
    #expect(vp.magnification == 2)
    let s = vp.screenPoint(imageX: 100, imageY: 100)
    #expect(vp.imagePoint(screenX: s.x, screenY: s.y) == (100, 100))
    for (x, y) in [(0, 0), (37, 91), (319, 199)] {
      var v = Viewport(imageWidth: 320, imageHeight: 200, columns: 80, rows: 25)
      v.setZoom(3, around: Double(x), Double(y))
      let p = v.screenPoint(imageX: x, imageY: y)
      #expect(v.imagePoint(screenX: p.x, screenY: p.y) == (x, y), "\(x),\(y)")
    }
  }

  @Test func ansiWriterReusesColoursAndResetsEachLine() {
    var g = CellGrid(width: 3, height: 1)
    for x in 0..<3 { g[x, 0] = Cell("\u{2580}", fg: .palette(196), bg: .palette(21)) }
    #expect(AnsiWriter.render(g) == "\u{1B}[38;5;196;48;5;21m▀▀▀\u{1B}[0m\n")
    var h = CellGrid(width: 2, height: 2)
    h[0, 0] = Cell("a", fg: .rgb(RGB(1, 2, 3)), bg: .palette(3))
    h[1, 0] = Cell("b", fg: .palette(9), bg: .palette(3), attributes: .bold)
    #expect(AnsiWriter.render(h) == "\u{1B}[38;2;1;2;3;43ma\u{1B}[0;1;91;43mb\u{1B}[0m\n\u{1B}[39;49m  \u{1B}[0m\n")
  }

  /// `--colors mono` / NO_COLOR: the printed frame has no colour escapes,
  /// only resets and "default colour" (39/49).
  @Test func monoFramesPrintWithoutColour() {
    let g = render(RenderStyle(mode: .overlay, colorBy: .class, colorMode: .mono), image: photo)
    let text = AnsiWriter.render(g)
    var params: [Int] = []
    for part in text.split(separator: "\u{1B}").dropFirst() {
      guard part.hasPrefix("["), let m = part.firstIndex(of: "m") else { continue }
      params += part[part.index(after: part.startIndex)..<m].split(separator: ";").map { Int($0)! }
    }
    #expect(!params.isEmpty)
    #expect(params.allSatisfy { [0, 1, 4, 7, 39, 49].contains($0) }, "\(params)")
  }

  @Test func colorModeDetection() {
    #expect(ColorMode.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm"]) == .truecolor)
    #expect(ColorMode.detect(environment: ["COLORTERM": "24bit"]) == .truecolor)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-direct"]) == .truecolor)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
    #expect(ColorMode.detect(environment: ["TERM": "vt100"]) == .palette16)
    #expect(ColorMode.detect(environment: ["TERM": "dumb"]) == .mono)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) == .mono)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]) == .palette256)
    #expect(ColorMode.detect(environment: ["TERM": "screen"], terminfoColors: 256) == .palette256)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"], terminfoColors: 8) == .palette16)
    #expect(ColorMode.detect(environment: ["TERM": "x"], terminfoColors: 2) == .mono)
  }

  @Test func legendListsClassesByAreaWithVoid() {
    let e = Legend.entries(for: labels, catalog: coco)
    #expect(e.map(\.name) == ["sky-other-merged", "car", "void"])
    #expect(e.map(\.area) == [8, 4, 4])
    #expect(e[1].instances == 1 && !e[1].crowd)
    let g = Legend.grid(e, total: 16, columns: 40, colorMode: .palette256, unicode: true)
    expectGolden(g.goldenText, "legend")
    #expect(g.text(row: 0).contains("sky-other-merged 50.0%"))
    let mono = Legend.grid(e, total: 16, columns: 40, colorMode: .mono, unicode: true)
    #expect(mono.cells.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    // The swatch is the glyph the mono picture draws for the class's colour.
    let sky = coco[coco.resolve("sky-other-merged")!].color
    #expect(mono.text(row: 0).hasPrefix("[\(Character(FrameRenderer.monoGlyph(luma: sky.luma)))] "))
  }

  @Test func percentagesKeepTwoDigitsBelowTen() {
    #expect(SegmentReport.percent(8, 16) == "50.0%")
    #expect(SegmentReport.percent(1, 3) == "33.3%")
    #expect(SegmentReport.percent(1, 300) == "0.33%")
    #expect(SegmentReport.percent(1, 10_000) == "0.01%")
    #expect(SegmentReport.percent(0, 100) == "0.00%")
    #expect(SegmentReport.percent(5, 0) == "0%")
  }

  @Test func demoSceneIsDeterministicAndClean() throws {
    let a = DemoScene.generate(width: 160, height: 100)
    let b = DemoScene.generate(width: 160, height: 100)
    #expect(a.image == b.image && a.labels == b.labels)
    #expect(DemoScene.generate(width: 160, height: 100, seed: 8).image != a.image)
    // Its ground truth obeys the offset format's rules.
    let (values, storage) = try OffsetFormat(catalog: coco).encode(a.labels)
    #expect(storage == .gray16)
    let decoded = OffsetFormat(catalog: coco).decode(
      PixelValues(width: 160, height: 100, values: values, storage: .gray16), catalog: coco)
    #expect(decoded.problems.isEmpty)
    let segs = SegmentReport(decoded: decoded) { Int($0.raw) }
    #expect(segs.thingCount == 9)
    #expect(segs.crowdCount == 0)
    #expect(Set(segs.rows.map(\.className)).isSuperset(of: ["car", "person", "road", "sky-other-merged"]))
    #expect(segs.rows.reduce(0) { $0 + $1.area } + segs.voidPixels == 160 * 100)
  }
  @Test func infoTableKeepsItsColumnsWithAWideClassName() throws {
    let catalog = ClassCatalog(
      name: "t",
      classes: [
        ClassInfo(id: 1, name: "road", kind: .stuff, color: RGB(128, 64, 128)),
        ClassInfo(id: 2, name: "歩道", kind: .stuff, color: RGB(244, 35, 232)),
      ])
    var map = LabelMap(width: 2, height: 1, filledWith: PanopticLabel(classIndex: 0))
    map[1, 0] = PanopticLabel(classIndex: 1)
    let decoded = DecodedLabels(map: map, catalog: catalog, format: .offset)
    let lines = SegmentReport(decoded: decoded) { Int($0.raw) }.table().split(separator: "\n").map(String.init)
    // The kind column ("stuff") starts at the same terminal column on both rows.
    let starts = lines.dropFirst().filter { $0.hasSuffix("]") }.map { line in
      TextWidth.columns(of: String(line[..<line.range(of: "stuff")!.lowerBound]))
    }
    #expect(starts.count == 2 && starts[0] == starts[1])
  }
}
