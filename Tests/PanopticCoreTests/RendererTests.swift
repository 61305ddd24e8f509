import Foundation
import Testing

@testable import PanopticCore

@Suite("Renderer")
struct RendererTests {
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

  @Test func halfBlocksPutTwoPixelsInACell() {
    let g = render(RenderStyle(mode: .labels, colorBy: .class, colorMode: .truecolor))
    #expect(g.width == 4 && g.height == 2)
    #expect(g.text(row: 0) == "▀▀▀▀")
    let skyColor = CellColor.rgb(coco[sky].color)
    #expect(g[0, 0].fg == skyColor && g[0, 0].bg == skyColor)
    #expect(g[0, 1].fg == .rgb(coco[car].color))
    // Void in labels-only mode is a neutral checkerboard, never a class colour.
    #expect(g[3, 1].fg == .rgb(RGB(64, 64, 64)) || g[3, 1].fg == .rgb(RGB(96, 96, 96)))
  }

  @Test(arguments: [OverlayMode.image, .overlay, .labels, .boundaries])
  func eachModeMatchesItsGolden(mode: OverlayMode) {
    let g = render(RenderStyle(mode: mode, opacity: 0.5, colorBy: .class, colorMode: .truecolor), image: photo)
    expectGolden(g.goldenText, "mode-\(mode.rawValue)")
  }

  @Test(arguments: [ColorMode.truecolor, .palette256, .palette16, .mono])
  func eachColorModeMatchesItsGolden(mode: ColorMode) {
    let g = render(RenderStyle(mode: .overlay, colorBy: .class, colorMode: mode), image: photo)
    expectGolden(g.goldenText, "colors-\(mode.rawValue)")
    if mode == .palette256 {
      for c in g.cells { #expect((c.fg.paletteIndex ?? 0) >= 16 && (c.bg.paletteIndex ?? 0) >= 16) }
    }
  }

  @Test func asciiFallbackWithoutUTF8() {
    let g = render(RenderStyle(mode: .labels, colorBy: .class, colorMode: .palette256, unicode: false))
    #expect(g.cells.allSatisfy { $0.glyph == " " })
    #expect(g[0, 0].bg == .palette(Palette.nearest256(coco[sky].color)))
    expectGolden(g.goldenText, "ascii-fallback")
  }

  @Test func instanceColoursDifferForTouchingInstances() {
    let colors = LabelColors(catalog: coco, colorBy: .instance)
    let a = colors.color(PanopticLabel(classIndex: car, instance: 1))
    let b = colors.color(PanopticLabel(classIndex: car, instance: 2))
    #expect(a != b)
    #expect(colors.color(PanopticLabel(classIndex: sky)) == coco[sky].color)
    #expect(a == LabelColors(catalog: coco, colorBy: .instance).color(PanopticLabel(classIndex: car, instance: 1)))
  }

  @Test func labelsAreNeverBlendedWhenDownsampling() {
    // 8×8 checkerboard of two classes shown in 2×1 cells: every cell shows
    // one of the two class colours, never a mix.
    var map = LabelMap(width: 8, height: 8)
    for y in 0..<8 { for x in 0..<8 { map[x, y] = PanopticLabel(classIndex: (x + y) % 2 == 0 ? sky : road) } }
    let vp = Viewport(imageWidth: 8, imageHeight: 8, columns: 2, rows: 1)
    var r = FrameRenderer()
    let g = r.render(image: nil, labels: map, catalog: coco, viewport: vp, style: RenderStyle(mode: .labels, colorBy: .class))
    let allowed: Set<CellColor> = [.rgb(coco[sky].color), .rgb(coco[road].color)]
    for c in g.cells { #expect(allowed.contains(c.fg) && allowed.contains(c.bg)) }
  }

  @Test func pyramidBoxFilterAveragesAreas() {
    var img = RGBImage(width: 4, height: 2, fill: RGB(0, 0, 0))
    img[0, 0] = RGB(200, 100, 40)
    img[1, 1] = RGB(200, 100, 40)
    let p = ImagePyramid(img, minimumSide: 1)
    #expect(p.levels.count == 2)
    #expect(p.levels[1][0, 0] == RGB(100, 50, 20))
    let vp = Viewport(imageWidth: 4, imageHeight: 2, columns: 2, rows: 1)
    let px = p.sample(vp, background: RGB(0, 0, 0))
    #expect(px.count == 4)
  }

  @Test func viewportMapsCellsAndPixelsBothWays() {
    var vp = Viewport(imageWidth: 320, imageHeight: 200, columns: 80, rows: 25)
    #expect(vp.scale == 4)
    #expect(vp.imagePoint(screenX: 10, screenY: 3) == (42, 14))
    let c = vp.cell(imageX: 42, imageY: 14)
    #expect(c.column == 10 && c.row == 1 && c.lower)
    vp.setZoom(2, around: 100, 100)
    #expect(vp.magnification == 2)
    #expect(vp.imagePoint(screenX: vp.screenPoint(imageX: 100, imageY: 100).x, screenY: vp.screenPoint(imageX: 100, imageY: 100).y) == (100, 100))
  }

  @Test func ansiWriterReusesColoursAndResetsEachLine() {
    var g = CellGrid(width: 3, height: 1)
    for x in 0..<3 { g[x, 0] = Cell("\u{2580}", fg: .palette(196), bg: .palette(21)) }
    let s = AnsiWriter.render(g)
    #expect(s == "\u{1B}[38;5;196;48;5;21m▀▀▀\u{1B}[0m\n")
  }

  @Test func colorModeDetection() {
    #expect(ColorMode.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm"]) == .truecolor)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
    #expect(ColorMode.detect(environment: ["TERM": "vt100"]) == .palette16)
    #expect(ColorMode.detect(environment: ["TERM": "dumb"]) == .mono)
    #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) == .mono)
  }

  @Test func legendListsClassesByAreaWithVoid() {
    let e = Legend.entries(for: labels, catalog: coco)
    #expect(e.map(\.name) == ["sky-other-merged", "car", "void"])
    #expect(e[1].instances == 1)
    let g = Legend.grid(e, total: 16, columns: 40, colorMode: .palette256, unicode: true)
    expectGolden(g.goldenText, "legend")
    #expect(g.text(row: 0).contains("sky-other-merged 50.0%"))
  }

  @Test func demoSceneIsDeterministicAndClean() {
    let a = DemoScene.generate(width: 160, height: 100)
    let b = DemoScene.generate(width: 160, height: 100)
    #expect(a.image == b.image && a.labels == b.labels)
    #expect(DemoScene.generate(width: 160, height: 100, seed: 8).image != a.image)
    // Its ground truth obeys the offset format's rules.
    let (values, storage) = try! OffsetFormat(catalog: coco).encode(a.labels)
    #expect(storage == .gray16)
    let decoded = OffsetFormat(catalog: coco).decode(
      PixelValues(width: 160, height: 100, values: values, storage: .gray16), catalog: coco)
    #expect(decoded.problems.isEmpty)
    let segs = SegmentReport(decoded: decoded) { Int($0.raw) }
    #expect(segs.thingCount == 9)
    #expect(Set(segs.rows.map(\.className)).isSuperset(of: ["car", "person", "road", "sky-other-merged"]))
  }
}
