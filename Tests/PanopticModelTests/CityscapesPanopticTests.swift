import PanopticModel
import Testing

/// Cityscapes as cityscapesScripts' panoptic tools see it (issue 12):
/// `createPanopticImgs` drops ignored classes, keeps the instanceIds value
/// as the segment id and names images without `_gtFine_instanceIds.png`.
@Suite("Cityscapes → COCO as createPanopticImgs writes it")
struct CityscapesPanopticTests {
  let cs = ClassCatalog.cityscapes
  // r road, a/b two cars, g a car group (crowd), p a person,
  // e ego vehicle, v a caravan (a thing, but ignored), u unlabeled.
  var scene: LabelMap {
    asciiMap(
      """
      rrabg
      ppvvg
      eeeuu
      """,
      ["r": PanopticLabel(classIndex: 7), "a": PanopticLabel(classIndex: 26, instance: 1),
       "b": PanopticLabel(classIndex: 26, instance: 2), "g": PanopticLabel(classIndex: 26),
       "p": PanopticLabel(classIndex: 24, instance: 3), "v": PanopticLabel(classIndex: 29, instance: 4),
       "e": PanopticLabel(classIndex: 1), "u": PanopticLabel(classIndex: 0)])
  }

  @Test func classesIgnoredInEvalBecomeVoid() throws {
    let view = try CityscapesPanoptic.evaluationView(scene, catalog: cs, ids: .label)
    #expect(view.catalog.count == 19)
    #expect(view.catalog.classes.allSatisfy { !$0.ignoreInEval })
    // Caravan (2 px), ego vehicle (3 px) and unlabeled (2 px) are void now.
    #expect(view.voidedPixels == 7)
    #expect(view.voidedClasses == ["unlabeled", "ego vehicle", "caravan"])
    let voids = view.map.pixels.enumerated().filter { PanopticLabel.isVoid($0.element) }.map(\.offset)
    #expect(voids == [7, 8, 10, 11, 12, 13, 14])
    let car = try #require(view.catalog.index(ofID: 26))
    #expect(view.map[2, 0] == PanopticLabel(classIndex: car, instance: 1))
    #expect(view.catalog[car].name == "car")
  }

  @Test func segmentIDsAreTheInstanceIdsValues() throws {
    let view = try CityscapesPanoptic.evaluationView(scene, catalog: cs, ids: .label)
    let ids = Set(view.segmentIDs.values)
    // road, car 0 and 1 (k from 0 per class), the car group (crowd) and the person.
    #expect(ids == [7, 26000, 26001, 26, 24000])
    let (_, segments) = try COCOPanoptic.table(view.map, catalog: view.catalog, keeping: view.segmentIDs)
    #expect(segments.map(\.id) == [7, 26, 24000, 26000, 26001])
    #expect(segments.map(\.categoryID) == [7, 26, 24, 26, 26])
    #expect(segments.map(\.isCrowd) == [false, true, false, false, false])
  }

  /// `--use-train-id`: categories numbered by trainId (road = 0, car = 13),
  /// segment ids still the labelId-based instanceIds values.
  @Test func trainIdCategoriesOnRequest() throws {
    let view = try CityscapesPanoptic.evaluationView(scene, catalog: cs, ids: .train)
    #expect(view.catalog.classes.map(\.id) == Array(0...18))
    #expect(view.catalog[0].name == "road" && view.catalog[13].name == "car")
    let (_, segments) = try COCOPanoptic.table(view.map, catalog: view.catalog, keeping: view.segmentIDs)
    #expect(segments.map(\.id) == [7, 26, 24000, 26000, 26001])
    #expect(segments.map(\.categoryID) == [0, 13, 11, 13, 13])
  }

  @Test(arguments: [
    ("frankfurt_000000_000294_gtFine_instanceIds.png", "frankfurt_000000_000294"),
    ("frankfurt_000000_000294_gtFine_panoptic.png", "frankfurt_000000_000294"),
    ("a_b_gtCoarse_labelIds.png", "a_b"),
  ])
  func imageIDDropsTheGtSuffix(_ name: String, _ id: String) {
    #expect(CityscapesPanoptic.imageID(forFileName: name) == id)
  }

  @Test(arguments: ["scene.png", "x_gtFine_.png", "_gtFine_instanceIds.png", "x_gtFine_instanceIds.json", "gtFine_instanceIds.png"])
  func otherNamesHaveNoCityscapesImageID(_ name: String) {
    #expect(CityscapesPanoptic.imageID(forFileName: name) == nil)
  }

  @Test func namesOfTheFilesBeside() throws {
    #expect(CityscapesPanoptic.panopticFileName(for: "x_1_gtFine_instanceIds.png") == "x_1_gtFine_panoptic.png")
    #expect(CityscapesPanoptic.panopticFileName(for: "scene_instanceIds.png") == nil)
    let beside = try #require(CityscapesPanoptic.semanticPaths(besides: "d/x_gtFine_instanceIds.png"))
    #expect(beside.labelIds == "d/x_gtFine_labelIds.png" && beside.labelTrainIds == "d/x_gtFine_labelTrainIds.png")
    #expect(CityscapesPanoptic.semanticPaths(besides: "d/x.png") == nil)
    #expect(CityscapesPanoptic.semanticPaths(besides: "d/_instanceIds.png") == nil)
  }

  /// As json2labelImg draws them: labelId (void = 0), trainId (ignored and void = 255).
  /// Cityscapes reads 0 as void and a bare value from 1000 up as a thing instance: a class with
  /// id 0 (ADE20K's wall, Mapillary's Bird) or stuff with id 1500 wrote a file that read back
  /// as other classes, and validate passed it.
  @Test func idsCityscapesCannotReadBackAreRefused() {
    let custom = ClassCatalog(
      name: "custom",
      classes: [
        ClassInfo(id: 0, name: "bird", kind: .thing, color: RGB(1, 1, 1)),
        ClassInfo(id: 1500, name: "c1500", kind: .stuff, color: RGB(2, 2, 2)),
        ClassInfo(id: 7, name: "road", kind: .stuff, color: RGB(3, 3, 3)),
      ])
    func write(_ label: PanopticLabel) throws(PanopticError) {
      _ = try CityscapesFormat.table(LabelMap(width: 1, height: 1, filledWith: label), catalog: custom)
    }
    #expect(throws: PanopticError.self) { try write(PanopticLabel(classIndex: 0, instance: 1)) }
    #expect(throws: PanopticError.self) { try write(PanopticLabel(classIndex: 1)) }
    #expect(throws: Never.self) { try write(PanopticLabel(classIndex: 2)) }
    // Cityscapes' own unlabeled (id 0, ignored in evaluation) is void either way.
    #expect(throws: Never.self) {
      try CityscapesFormat.table(LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 0)), catalog: .cityscapes)
    }
  }

  /// createPanopticImgs --use-train-id lists categories by trainId: written as labelIds, road
  /// (0) was void and car (13) fence, with no word.
  @Test func trainIDCategoriesAreRefusedForAnInstanceIdsFile() {
    let train = ClassCatalog(
      name: "json",
      classes: ClassCatalog.cityscapes.classes.filter { ($0.trainID ?? 255) != 255 }.map {
        ClassInfo(id: $0.trainID!, name: $0.name, kind: $0.kind, color: $0.color)
      })
    #expect(train.classes.count == 19)
    #expect(CityscapesFormat.numbersCityscapesByTrainID(train))
    let road = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 0))
    #expect(throws: PanopticError.self) { try CityscapesFormat.table(road, catalog: train) }
    // The same classes by labelId are Cityscapes' own numbering.
    let label = ClassCatalog(name: "json", classes: ClassCatalog.cityscapes.classes.filter { ($0.trainID ?? 255) != 255 })
    #expect(!CityscapesFormat.numbersCityscapesByTrainID(label))
    #expect(!CityscapesFormat.numbersCityscapesByTrainID(.cityscapes))
  }

  @Test func semanticValuesAreLabelIdsAndTrainIds() throws {
    var map = scene
    map[4, 2] = .void
    let label = try #require(CityscapesPanoptic.semanticTable(map, catalog: cs, train: false))
    let train = try #require(CityscapesPanoptic.semanticTable(map, catalog: cs, train: true))
    #expect(map.pixels.map { label[$0]! } == [7, 7, 26, 26, 26, 24, 24, 29, 29, 26, 1, 1, 1, 0, 0])
    #expect(map.pixels.map { train[$0]! } == [0, 0, 13, 13, 13, 11, 11, 255, 255, 13, 255, 255, 255, 255, 255])
    // No trainIds without Cityscapes' catalog; ids above 255 do not fit 8 bits.
    #expect(CityscapesPanoptic.semanticTable(map, catalog: .coco, train: true) == nil)
    let big = ClassCatalog(name: "big", classes: [ClassInfo(id: 300, name: "x", kind: .stuff, color: RGB(1, 2, 3))])
    let one = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 0))
    #expect(CityscapesPanoptic.semanticTable(one, catalog: big, train: false) == nil)
  }
}
