import Testing

@testable import PanopticModel

// Cityscapes classes by name; index = labelId, trainId from labels.py.
private let cs = ClassCatalog.cityscapes
private let csRoad = cs.resolve("road")!  // trainId 0
private let csCar = cs.resolve("car")!  // trainId 13
private let csPerson = cs.resolve("person")!  // trainId 11
private let csParking = cs.resolve("parking")!  // trainId 255: not trained on

/// A small VIPSeg catalog (ids as in panoVIPSeg_categories.json).
private let vip = ClassCatalog(
  name: "vip",
  classes: [
    ClassInfo(id: 0, name: "wall", kind: .stuff, color: RGB(120, 120, 120)),
    ClassInfo(id: 60, name: "person", kind: .thing, color: RGB(11, 200, 200)),
  ])

private func pixels(_ map: LabelMap, _ code: [UInt32: UInt32]) -> [UInt32] { map.pixels.map { code[$0]! } }

@Suite("Class-major formats (label divisor)")
struct ClassMajorFormatTests {
  /// r road, c/C cars 1 and 2, p person crowd, . void.
  let scene = asciiMap(
    """
    rcC
    pr.
    """,
    ["r": PanopticLabel(classIndex: csRoad), "c": PanopticLabel(classIndex: csCar, instance: 1),
     "C": PanopticLabel(classIndex: csCar, instance: 2), "p": PanopticLabel(classIndex: csPerson)])

  @Test func deeplab2IsTrainIdTimesDivisorPlusInstance() throws {
    let fmt = ClassMajorFormat(preset: .deeplab2, catalog: cs)
    let code = try fmt.table(scene, catalog: cs)
    // DeepLab2's formula: semantic * label_divisor + instance, void = 255 * divisor.
    #expect(pixels(scene, code) == [0, 13001, 13002, 11000, 0, 255_000])
    #expect(fmt.storage(for: code) == .rgb24)
    let back = fmt.decode(PixelValues(width: 3, height: 2, values: pixels(scene, code), storage: .rgb8), catalog: cs)
    #expect(back.problems.isEmpty)
    #expect(back.format == .deeplab2)
    #expect(back.map == scene)
  }

  /// A kept instance at the top of the range (13999) left no "largest + 1" and refused every
  /// new instance of the class: a new one takes the smallest free number instead.
  @Test func aKeptTopInstanceLeavesRoomForNewOnes() throws {
    var map = LabelMap(width: 3, height: 1)
    for x in 0..<3 { map[x, 0] = PanopticLabel(classIndex: csCar, instance: x + 1) }
    let fmt = ClassMajorFormat(preset: .deeplab2, catalog: cs)
    let code = try fmt.table(map, catalog: cs, keeping: [map[0, 0].raw: 13001, map[1, 0].raw: 13999])
    #expect(pixels(map, code) == [13001, 13999, 13002])
  }

  @Test func divisorIsAParameterOfDeeplab2AndClassMajor() throws {
    let fmt = ClassMajorFormat(preset: .deeplab2, catalog: cs, divisor: 256)
    let noVoid = asciiMap("rc", ["r": PanopticLabel(classIndex: csRoad), "c": PanopticLabel(classIndex: csCar, instance: 7)])
    #expect(pixels(noVoid, try fmt.table(noVoid, catalog: cs)) == [0, 13 * 256 + 1])
    // The generic preset numbers classes by contiguous index, void = catalog size.
    let generic = ClassMajorFormat(preset: .classMajor, catalog: coco, divisor: 1000)
    let m = asciiMap("pr.", ["p": PanopticLabel(classIndex: person, instance: 4), "r": PanopticLabel(classIndex: road)])
    #expect(pixels(m, try generic.table(m, catalog: coco)) == [1, UInt32(road) * 1000, 133_000])
    #expect(throws: PanopticError.self) {
      try ClassMajorFormat(preset: .vipseg, catalog: vip, divisor: 1000).check(catalog: vip)
    }
  }

  @Test func kittiStepPutsTheClassInRedAndTheInstanceInGreenAndBlue() throws {
    let fmt = ClassMajorFormat(preset: .kittiStep, catalog: cs)
    // R = 13, G = 300 / 256 = 1, B = 300 % 256 = 44, folded as R + 256·G + 65536·B.
    let pixel: UInt32 = 13 | 1 << 8 | 44 << 16
    let d = fmt.decode(PixelValues(width: 2, height: 1, values: [pixel, 255], storage: .rgb8), catalog: cs)
    #expect(d.problems.isEmpty)
    #expect(d.map[0, 0] == PanopticLabel(classIndex: csCar, instance: 1))
    #expect(d.map[1, 0].isVoid)
    // Writing back keeps the track id 300 it was read with.
    let code = try fmt.table(d.map, catalog: cs, keeping: d.fileIDs)
    #expect(pixels(d.map, code) == [pixel, 255])
    #expect(fmt.storage(for: code) == .rgb24)
  }

  @Test func instancesArePerClassInTheFileAndGlobalInPanoptty() throws {
    let fmt = ClassMajorFormat(preset: .cityscapesDVPS, catalog: cs)
    // Two classes both numbering from 1: car 1, car 5, person 1.
    let values: [UInt32] = [13001, 13005, 11001, 0]
    let d = fmt.decode(PixelValues(width: 4, height: 1, values: values, storage: .gray16), catalog: cs)
    #expect(d.problems.isEmpty)
    // Global ids in order of (class part, file instance): person 1 → 1, car 1 → 2, car 5 → 3.
    #expect(d.map.pixels.map { PanopticLabel(raw: $0).instance } == [2, 3, 1, 0])
    #expect(pixels(d.map, try fmt.table(d.map, catalog: cs, keeping: d.fileIDs)) == values)
    // Without the read's ids, each class counts again from 1 in order of global id.
    #expect(pixels(d.map, try fmt.table(d.map, catalog: cs)) == [13001, 13002, 11001, 0])
  }

  @Test func vipsegStoresStuffBareAndCountsThingsFromZero() throws {
    let fmt = ClassMajorFormat(preset: .vipseg, catalog: vip)
    // VIPSeg README: person (category 60) is raw 61, instances 6100, 6101; wall (0) is 1; 0 is void.
    let values: [UInt32] = [0, 1, 6100, 6101]
    let d = fmt.decode(PixelValues(width: 4, height: 1, values: values, storage: .gray16), catalog: vip)
    #expect(d.problems.isEmpty)
    #expect(d.map[0, 0].isVoid)
    #expect(d.map[1, 0] == PanopticLabel(classIndex: 0))
    #expect(d.map[2, 0] == PanopticLabel(classIndex: 1, instance: 1))
    #expect(pixels(d.map, try fmt.table(d.map, catalog: vip)) == values)
    // VIPSeg has no crowd: a crowd region is refused, not written as an instance.
    let crowd = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 1))
    #expect(throws: PanopticError.self) { try fmt.table(crowd, catalog: vip) }
    // A thing stored bare is a broken VIPSeg file, reported, not guessed.
    let bad = fmt.decode(PixelValues(width: 1, height: 1, values: [61], storage: .gray16), catalog: vip)
    #expect(bad.problems.first?.message.contains("bare class id") == true)
  }

  /// A custom catalog's thing id 0 is VIPSeg class part 1, so its instances 100, 101 … fall
  /// among the bare stuff ids and read back as stuff (a stranger's 124-class catalog).
  @Test func vipsegRefusesThingValuesThatReadBackAsBareStuff() {
    let low = ClassCatalog(
      name: "low",
      classes: [ClassInfo(id: 0, name: "v0", kind: .thing, color: RGB(1, 1, 1))]
        + (1...123).map { ClassInfo(id: $0, name: "v\($0)", kind: .stuff, color: RGB(2, 2, 2)) })
    let m = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 0, instance: 1))
    #expect(throws: PanopticError.cannotEncode(
      "class \"v0\" would be written as 100, which vipseg reads back as a bare stuff id (values below 125 are); give the thing class a larger id with --classes")
    ) { try ClassMajorFormat(preset: .vipseg, catalog: low).table(m, catalog: low) }
  }

  @Test func classesWithoutATrainIdAreRefusedOnWrite() {
    let m = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: csParking))
    #expect(throws: PanopticError.self) { try ClassMajorFormat(preset: .kittiStep, catalog: cs).table(m, catalog: cs) }
    // KITTI-STEP and Cityscapes-DVPS need trainIds: the COCO catalog has none.
    #expect(throws: PanopticError.self) { try ClassMajorFormat(preset: .kittiStep, catalog: coco).check(catalog: coco) }
  }

  @Test func decodeListsUnknownClassesAndStuffWithInstances() {
    let fmt = ClassMajorFormat(preset: .deeplab2, catalog: cs)
    // 24000: class part 24 is no trainId; 1005: sidewalk (stuff) with instance 5; 255123 is void.
    let d = fmt.decode(PixelValues(width: 3, height: 1, values: [24000, 1005, 255_123], storage: .rgb8), catalog: cs)
    #expect(d.problems.count == 2)
    #expect(d.map[0, 0].isVoid)
    #expect(d.map[2, 0].isVoid)
  }

  @Test func theTagCarriesTheDivisor() throws {
    let tag = ClassMajorFormat(preset: .deeplab2, catalog: cs, divisor: 256).tag(catalogName: "cityscapes")
    #expect(tag.text == "format=deeplab2;divisor=256;void=255;catalog=cityscapes")
    #expect(try FormatTag.parse(tag.text) == tag)
    #expect(throws: PanopticError.self) { try FormatTag.parse("format=deeplab2;divisor=1") }
  }
}
