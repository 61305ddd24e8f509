import Testing

@testable import PanopticModel

@Suite("labelme JSON export")
struct LabelmeExportTests {
  let legend: [Character: PanopticLabel] = [
    "r": PanopticLabel(classIndex: road), "s": PanopticLabel(classIndex: sky),
    "a": PanopticLabel(classIndex: car, instance: 1), "b": PanopticLabel(classIndex: car, instance: 2),
    "p": PanopticLabel(classIndex: person, instance: 3), "C": PanopticLabel(classIndex: person),
  ]

  /// Export, write, parse and import again, as a user going to labelme and back would.
  func roundTrip(_ map: LabelMap) throws -> (export: LabelmeFormat.Export, back: LabelMap) {
    let export = LabelmeFormat.export(map, catalog: coco, imagePath: "photo.jpg")
    let text = JSONWriter(layout: .minified).bytes(of: export.json)
    let back = try LabelmeFormat.importFile(try JSONValue.parse(text), catalog: coco).map
    return (export, back)
  }

  /// Equal up to renumbering thing instances: the same class on every pixel
  /// and a one-to-one match of labels.
  func sameUpToRenumbering(_ a: LabelMap, _ b: LabelMap) -> Bool {
    guard a.width == b.width && a.height == b.height else { return false }
    var forward: [UInt32: UInt32] = [:], backward: [UInt32: UInt32] = [:]
    for (x, y) in zip(a.pixels, b.pixels) {
      guard PanopticLabel.classPart(x) == PanopticLabel.classPart(y) else { return false }
      if forward[x, default: y] != y || backward[y, default: x] != x { return false }
      forward[x] = y
      backward[y] = x
    }
    return true
  }

  func check(_ art: String, differing: Int = 0) throws {
    let map = asciiMap(art, legend)
    let (export, back) = try roundTrip(map)
    #expect(export.differingPixels == differing, "\(art)")
    if differing == 0 { #expect(sameUpToRenumbering(map, back), "\(art)") }
  }

  @Test func squaresLinesAndSinglePixels() throws {
    try check(
      """
      aa..b.
      aa....
      ....pp
      rrrrrr
      """)
    try check("a")
    try check(
      """
      a
      a
      a
      """)
  }

  @Test func lShapesAndStaircases() throws {
    try check(
      """
      a.....
      a..bbb
      aa...b
      aaa..b
      """)
    try check(
      """
      a....
      aa...
      .aa..
      ..aaa
      """)
  }

  @Test func diagonalTouchingPiecesStayApart() throws {
    try check(
      """
      a.a.
      .a.a
      a.a.
      """)
    try check(
      """
      rs
      sr
      """)
  }

  @Test func aThingInsideStuffPaintsTheHoleBack() throws {
    try check(
      """
      rrrrrr
      raarbr
      raarrr
      rrrrrr
      """)
    // A ring of a car around a person around road.
    try check(
      """
      aaaaa
      apppa
      aprpa
      apppa
      aaaaa
      """)
  }

  @Test func voidInsideASegmentIsCountedNotWritten() throws {
    let map = asciiMap(
      """
      rrrr
      r..r
      rrrr
      """, legend)
    let (export, back) = try roundTrip(map)
    #expect(export.differingPixels == 2)
    #expect(back[1, 1] == PanopticLabel(classIndex: road))
  }

  @Test func crowdRegionsComeBackAsCrowd() throws {
    let map = asciiMap(
      """
      CC.p
      CC.p
      """, legend)
    let (export, back) = try roundTrip(map)
    #expect(export.differingPixels == 0)
    #expect(back[0, 0] == PanopticLabel(classIndex: person))
    #expect(back[3, 0].instance != 0)
    let shapes = export.json.objectValue?["shapes"]?.arrayValue ?? []
    let crowd = shapes.compactMap(\.objectValue).first { $0["description"] == .string("crowd") }
    #expect(crowd?["group_id"] == .null)
    #expect(crowd?["flags"]?.objectValue?["crowd"] == .bool(true))
  }

  @Test func documentFieldsAreLabelmes() throws {
    let export = LabelmeFormat.export(asciiMap("ab", legend), catalog: coco, imagePath: "photo.jpg")
    let o = try #require(export.json.objectValue)
    #expect(o.keys == ["version", "flags", "shapes", "imagePath", "imageData", "imageHeight", "imageWidth"])
    #expect(o["imagePath"] == .string("photo.jpg") && o["imageData"] == .null)
    let first = try #require(o["shapes"]?.arrayValue?.first?.objectValue)
    #expect(first["label"] == .string("car") && first["shape_type"] == .string("polygon"))
    #expect(first["group_id"] == .int(1))
    #expect(first["points"]?.arrayValue?.count == 3)
  }

  /// Noise maps: every pixel labelled, so no void hole; pieces touch
  /// diagonally, enclose each other and are one pixel thin everywhere.
  @Test func randomFullyLabelledMapsComeBackExactly() throws {
    var rng = DemoScene.Random(state: 12)  // the demo's SplitMix64, for the noise maps
    let labels = Array(legend.values).sorted()
    for n in 0..<300 {
      let w = 1 + Int(rng.next() % 14), h = 1 + Int(rng.next() % 11), k = 2 + Int(rng.next() % 4)
      var map = LabelMap(width: w, height: h)
      for i in 0..<map.pixels.count { map.pixels[i] = labels[Int(rng.next() % UInt64(k))].raw }
      let (export, back) = try roundTrip(map)
      #expect(export.differingPixels == 0, "map \(n)")
      #expect(sameUpToRenumbering(map, back), "map \(n)")
      if export.differingPixels != 0 { return }
    }
  }
}
