import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

/// The tools an annotator reaches for on a real photo (issue 10, section 2), each driven the way
/// a user drives it (keys, clicks, commands) and checked on the state or the drawn `CellGrid`.
@Suite("Annotator's kit")
struct AnnotatorKitTests {
  /// A 640×427 photo, the size of a COCO image, shown fitted in a 120×40 terminal.
  func bigEditor(labels: LabelMap = LabelMap(width: 640, height: 427)) -> EditorState {
    EditorState(
      labels: labels, image: RGBImage(width: 640, height: 427, fill: RGB(90, 90, 90)), catalog: coco,
      keymap: Keymap.builtIn(named: "default")!, columns: 120, rows: 40)
  }

  func pictureCentre(_ s: EditorState) -> (x: Double, y: Double) {
    (Double(s.view.viewport.pixelWidth) / 2, Double(s.view.viewport.pixelHeight) / 2)
  }

  /// `z` zooms to the segment under the cursor: it fills most of the picture, centred; on void
  /// it says there is nothing to zoom to and leaves the view alone.
  @Test func zZoomsToTheSegmentUnderTheCursor() throws {
    var labels = LabelMap(width: 640, height: 427)
    for y in 300..<340 { for x in 500..<560 { labels[x, y] = PanopticLabel(classIndex: 2, instance: 1) } }
    var s = bigEditor(labels: labels)
    let fitted = s.view.viewport
    _ = s.run(.goto(Point(20, 20)))
    s.view.viewport = fitted
    _ = press(&s, "z")
    #expect(s.message.isError && s.message.text.contains("no segment under the cursor"), "\(s.message.text)")
    #expect(s.view.viewport == fitted)
    _ = s.run(.goto(Point(530, 320)))
    _ = press(&s, "z")
    let vp = s.view.viewport
    #expect(vp.scale < fitted.scale / 4, "z did not zoom in (scale \(vp.scale), fitted \(fitted.scale))")
    let topLeft = vp.screenPoint(imageX: 500, imageY: 300), bottomRight = vp.screenPoint(imageX: 559, imageY: 339)
    #expect(topLeft.x >= 0 && topLeft.y >= 0 && bottomRight.x < vp.pixelWidth && bottomRight.y < vp.pixelHeight, "the segment is not all on screen")
    let width = Double(bottomRight.x - topLeft.x), height = Double(bottomRight.y - topLeft.y)
    #expect(width >= 0.6 * Double(vp.pixelWidth) || height >= 0.6 * Double(vp.pixelHeight), "the segment fills little of the picture")
    let middle = (Double(topLeft.x + bottomRight.x) / 2, Double(topLeft.y + bottomRight.y) / 2)
    #expect(abs(middle.0 - pictureCentre(s).x) <= 2 && abs(middle.1 - pictureCentre(s).y) <= 2)
  }

  /// A box alone that finds nothing (nothing in it differs from around it) says what to do next
  /// instead of showing an empty tint; a box round an object that stands out just shows it.
  @Test func aBoxThatFindsNothingSaysToClickTheObject() throws {
    var s = bigEditor()
    try run(&s, "class person; box 100 100 160 220")
    #expect(s.message.text == "box: nothing in it stands out from around it; click the object (include) to show what it is")
    // After an exclude click, or BS back to the box alone, the same.
    try run(&s, "exclude 120 110")
    #expect(s.message.text.hasPrefix("box: nothing in it stands out"), "\(s.message.text)")
    _ = s.handle(.key(.named(.backspace)))
    #expect(s.message.text.hasPrefix("box: nothing in it stands out"), "\(s.message.text)")
    var blob = makeEditor()
    try run(&blob, "class car; box 6 1 10 5")
    #expect(blob.message.text.hasPrefix("box: box 6,1–10,5"), "\(blob.message.text)")
  }

  /// Picking a segment (the side panel, `:select`) that is already on screen leaves a fitted
  /// picture where it is: it used to recentre on the segment, so the same cell then hit another
  /// pixel and part of the photo went off screen at "fit".
  @Test func selectingASegmentOnScreenKeepsTheFittedPicture() throws {
    var labels = LabelMap(width: 640, height: 427)
    for y in 300..<340 { for x in 500..<560 { labels[x, y] = PanopticLabel(classIndex: 2, instance: 1) } }
    var s = bigEditor(labels: labels)
    let fitted = s.view.viewport
    _ = s.run(.select(.instance(1)))
    #expect(s.view.viewport == fitted)
    #expect(s.view.cursor == Point(530, 320))
    // Zoomed in elsewhere, the segment is brought into the middle.
    _ = s.run(.zoom(.to(4)))
    _ = s.run(.goto(Point(50, 50)))
    _ = s.run(.select(.instance(1)))
    let p = s.view.viewport.screenPoint(imageX: 530, imageY: 320)
    #expect(abs(Double(p.x) - pictureCentre(s).x) <= 2 && abs(Double(p.y) - pictureCentre(s).y) <= 2, "\(p)")
  }

  /// At fit zoom the whole photo is on screen: `goto` moves the cursor and leaves the picture
  /// where it is (it centred a corner, pushing most of the photo off screen, and clicks on
  /// the old picture cells then hit the margin).
  @Test func gotoAtFitZoomLeavesThePictureWhereItIs() {
    var s = bigEditor()
    let before = s.view.viewport
    _ = s.run(.goto(Point(600, 400)))
    #expect(s.view.cursor == Point(600, 400))
    #expect(s.view.viewport == before)
  }

  /// A fitted picture stays fitted when the terminal or the panel changes the picture's size
  /// (a smaller terminal showed a centre crop at the old scale).
  @Test func aFittedPictureStaysFittedThroughResizes() {
    var s = bigEditor()
    for (c, r) in [(40, 12), (200, 30), (80, 24)] {
      _ = s.handle(.resize(columns: c, rows: r))
      var fitted = s.view.viewport
      fitted.fit()
      #expect(s.view.viewport == fitted, "at \(c)x\(r)")
    }
    _ = s.run(.panel)
    var fitted = s.view.viewport
    fitted.fit()
    #expect(s.view.viewport == fitted, "after the panel toggle")
    // A zoomed view keeps its zoom.
    _ = s.run(.zoom(.to(2)))
    let scale = s.view.viewport.scale
    _ = s.handle(.resize(columns: 100, rows: 30))
    #expect(s.view.viewport.scale == scale)
  }

  /// `goto` puts its target in the middle of the picture, where the eye is, not at an edge.
  @Test func gotoCentresTheView() {
    var s = bigEditor()
    _ = s.run(.zoom(.to(4)))
    _ = s.run(.goto(Point(600, 50)))
    #expect(s.view.cursor == Point(600, 50))
    let p = s.view.viewport.screenPoint(imageX: 600, imageY: 50)
    #expect(abs(Double(p.x) - pictureCentre(s).x) <= 2 && abs(Double(p.y) - pictureCentre(s).y) <= 2, "\(p)")
  }

  /// The cursor is a crosshair: its pixel and four arms a gap away, each drawn in a colour far
  /// from the photo under it, so it can be found on a busy photo.
  @Test func theCursorIsACrosshairInContrastingColours() {
    var s = bigEditor()
    _ = s.run(.overlay(.image))
    _ = s.run(.zoom(.to(1)))
    _ = s.run(.goto(Point(300, 200)))
    var screen = EditorScreen()
    let grid = screen.render(s)
    let vp = s.view.viewport
    let c = vp.screenPoint(imageX: 300, imageY: 200)
    func colour(_ sx: Int, _ sy: Int) -> CellColor {
      let cell = grid[sx, sy >> 1]
      return sy & 1 == 1 ? cell.bg : cell.fg
    }
    let photo = colour(c.x + 10, c.y + 10)
    var marked = 0
    for (dx, dy) in [(0, 0), (-2, 0), (2, 0), (0, -2), (0, 2), (-3, 0), (3, 0), (0, -3), (0, 3)] {
      guard let m = colour(c.x + dx, c.y + dy).rgbValue, let p = photo.rgbValue else { continue }
      let dr = abs(Int(m.r) - Int(p.r)), dg = abs(Int(m.g) - Int(p.g)), db = abs(Int(m.b) - Int(p.b))
      let distance = dr + dg + db
      if distance >= 200 { marked += 1 }
    }
    #expect(marked == 9, "\(marked) of the crosshair's 9 pixels stand out from the grey photo")
    // The gap: the pixel next to the centre shows the photo.
    #expect(colour(c.x + 1, c.y) == photo)
  }

  /// A polygon takes any number of points; its edges so far are drawn (cyan) as they are
  /// added, and a double click closes and fills it.
  @Test func aPolygonIsDrawnAsItGrowsAndADoubleClickClosesIt() {
    var s = bigEditor()
    _ = s.run(.setClass("road"))
    _ = s.run(.setTool(.poly))
    _ = s.run(.zoom(.to(1)))
    _ = s.run(.goto(Point(300, 200)))
    let vp = s.view.viewport
    func click(_ x: Int, _ y: Int, count: Int = 1) {
      let p = vp.screenPoint(imageX: x, imageY: y)
      _ = s.handle(.mouse(MouseEvent(.press, column: p.x, row: p.y / 2, lowerHalf: p.y % 2 == 1, clickCount: count)))
      _ = s.handle(.mouse(MouseEvent(.release, column: p.x, row: p.y / 2, lowerHalf: p.y % 2 == 1)))
    }
    click(280, 190)
    click(320, 190)
    #expect(s.tools.pendingPoints == [Point(280, 190), Point(320, 190)], "a click at 1:1 took another pixel than the one drawn")
    var screen = EditorScreen()
    let grid = screen.render(s)
    let mid = vp.screenPoint(imageX: 300, imageY: 190)
    let cell = grid[mid.x, mid.y >> 1]
    #expect((mid.y & 1 == 1 ? cell.bg : cell.fg) == .rgb(RGB(0, 255, 255)), "the pending edge is not drawn")
    click(320, 210)
    click(280, 210, count: 2)
    #expect(s.tools.pendingPoints.isEmpty, "the double click did not close the polygon")
    let road = PanopticLabel(classIndex: s.catalog.resolve("road")!)
    #expect(s.labels[300, 200] == road && s.labels[281, 191] == road)
    #expect(s.labels[300, 230] == .void)
  }

  /// Colour fill compares against a smoothed photo: on a noisy region (±20 a channel, like grass)
  /// the default tolerance takes the region; one noisy seed pixel took a handful.
  @Test func colourFillTakesANoisyRegionAtTheDefaultTolerance() {
    var image = RGBImage(width: 40, height: 30, fill: RGB(40, 60, 200))
    var seed: UInt32 = 12345
    func noise() -> Int {
      seed = seed &* 1_103_515_245 &+ 12345
      return Int((seed >> 16) % 41) - 20
    }
    for y in 0..<30 { for x in 0..<20 { image[x, y] = RGB(UInt8(110 + noise()), UInt8(140 + noise()), UInt8(70 + noise())) } }
    var s = EditorState(
      labels: LabelMap(width: 40, height: 30), image: image, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 60, rows: 20)
    #expect(s.tools.tolerance == 24)
    _ = s.run(.setClass("grass"))
    _ = s.run(.fill(Point(10, 15)))
    let grass = PanopticLabel(classIndex: s.catalog.resolve("grass")!)
    var left = 0, right = 0
    for y in 0..<30 { for x in 0..<40 where s.labels[x, y] == grass { if x < 20 { left += 1 } else { right += 1 } } }
    #expect(left >= 570, "the fill took \(left) of the 600 noisy pixels")
    #expect(right == 0)
  }

  /// `}` and `{` step along a ladder that suits the range: from the default 24 to 80 in five
  /// presses (it took fourteen one-step presses), and back.
  @Test func toleranceStepsSuitTheRange() {
    var s = makeEditor()
    var seen: [Int] = []
    for _ in 0..<5 {
      _ = press(&s, "}")
      seen.append(s.tools.tolerance)
    }
    #expect(seen == [32, 40, 48, 64, 80])
    _ = press(&s, "{")
    #expect(s.tools.tolerance == 64)
  }
}
