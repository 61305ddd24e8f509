import Testing

@testable import PanopticModel

@Suite("Label model")
struct LabelModelTests {
  @Test func cocoCatalogIsContiguousThingsFirst() {
    #expect(coco.count == 133)
    #expect(coco[0].name == "person")
    #expect(coco[38].name == "tennis racket")
    #expect(coco.classes.prefix(80).allSatisfy { $0.isThing })
    #expect(coco.classes.suffix(53).allSatisfy { !$0.isThing })
    #expect(coco.index(ofID: 200) == 132)
    #expect(coco.resolve("CAR") == 2)
    #expect(coco.resolve("tennis_racket") == 38)
    #expect(coco.resolve("no such class") == nil)
    // A unique prefix resolves; an ambiguous one does not.
    #expect(coco.resolve("tennis") == 38)
    #expect(coco.resolve("t") == nil)
    #expect(coco.resolve("133") == nil)
  }

  @Test func cityscapesCatalogIndexIsLabelID() {
    let cs = ClassCatalog.cityscapes
    #expect(cs.count == 34)
    for (i, c) in cs.classes.enumerated() { #expect(c.id == i) }
    #expect(cs[26].name == "car" && cs[26].isThing && cs[26].trainID == 13)
    #expect(cs[7].name == "road" && !cs[7].isThing)
    #expect(cs[29].ignoreInEval && cs[29].isThing)
  }

  @Test func packedLayoutIsSpelledOutOnce() {
    let raw = PanopticLabel.pack(classIndex: 2, instance: 7)
    #expect(raw == 7 << 16 | 2)
    #expect(PanopticLabel.classPart(raw) == 2)
    #expect(PanopticLabel.instancePart(raw) == 7)
    #expect(!PanopticLabel.isVoid(raw))
    #expect(PanopticLabel.isVoid(PanopticLabel.voidClass))
    // Void is the class part alone: any instance bits on it are still void.
    #expect(PanopticLabel.isVoid(PanopticLabel.pack(classIndex: 0xFFFF, instance: 3)))
    #expect(PanopticLabel.withInstance(raw, 9) == PanopticLabel.pack(classIndex: 2, instance: 9))
    let l = PanopticLabel(classIndex: 2, instance: 7)
    #expect(l.raw == raw && l.classIndex == 2 && l.instance == 7 && !l.isVoid)
    #expect(l.classRegion == PanopticLabel(classIndex: 2))
    #expect(PanopticLabel.void.isVoid)
    #expect(PanopticLabel.void.description == "void")
    #expect(l.description == "class 2 instance 7")
  }

  @Test func checkedRefusesPartsThatDoNotFit() {
    #expect(PanopticLabel.checked(classIndex: 3, instance: 65535) == PanopticLabel(classIndex: 3, instance: 65535))
    #expect(PanopticLabel.checked(classIndex: 0xFFFE, instance: 0) == PanopticLabel(classIndex: 0xFFFE))
    // 65536 must never wrap to 0 (crowd), 0xFFFF is void, negatives are nonsense.
    #expect(PanopticLabel.checked(classIndex: 3, instance: 65536) == nil)
    #expect(PanopticLabel.checked(classIndex: 0xFFFF, instance: 0) == nil)
    #expect(PanopticLabel.checked(classIndex: -1, instance: 0) == nil)
    #expect(PanopticLabel.checked(classIndex: 0, instance: -1) == nil)
    #expect(PanopticLabel.checked(classIndex: Int.max, instance: Int.max) == nil)
  }

  @Test func catalogVetsLabelsFromOutside() {
    #expect(coco.problem(withLabel: PanopticLabel.voidClass) == nil)
    #expect(coco.problem(withLabel: PanopticLabel.pack(classIndex: UInt32(car), instance: 4)) == nil)
    #expect(coco.problem(withLabel: PanopticLabel.pack(classIndex: UInt32(car), instance: 0)) == nil)
    #expect(coco.problem(withLabel: UInt32(road)) == nil)
    #expect(
      coco.problem(withLabel: 133) == "class index 133 is not in the coco catalog (133 classes)")
    #expect(
      coco.problem(withLabel: PanopticLabel.pack(classIndex: UInt32(road), instance: 2))
        == "stuff class \"road\" has instance 2")
  }

  @Test func describeReadsLikeAPerson() {
    #expect(coco.describe(.void) == "void")
    #expect(coco.describe(PanopticLabel(classIndex: car, instance: 3)) == "car #3")
    #expect(coco.describe(PanopticLabel(classIndex: car)) == "car crowd")
    #expect(coco.describe(PanopticLabel(classIndex: road)) == "road")
    #expect(coco.describe(PanopticLabel(classIndex: 500)) == "class 500?")
  }

  @Test func nextInstanceIsGlobalAcrossClasses() {
    let map = asciiMap(
      """
      rrrr
      cc.p
      cc.q
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "p": PanopticLabel(classIndex: person, instance: 4), "q": PanopticLabel(classIndex: person, instance: 2)])
    #expect(map.maxInstance == 4)
    #expect(map.nextInstanceID == 5)
    #expect(LabelMap(width: 3, height: 3).nextInstanceID == 1)
    #expect(LabelAreas(map).nextInstanceID == 5)
    #expect(LabelAreas(map).instanceIDs == [1, 2, 4])
    #expect(LabelAreas(map).label(ofInstance: 4) == PanopticLabel(classIndex: person, instance: 4))
    #expect(LabelAreas(map).label(ofInstance: 3) == nil)
  }

  @Test func segmentsGiveAreaAndTightBBox() {
    let legend: [Character: PanopticLabel] = [
      "s": PanopticLabel(classIndex: sky), "a": PanopticLabel(classIndex: car, instance: 1),
      "b": PanopticLabel(classIndex: car, instance: 2),
    ]
    let map = asciiMap(
      """
      ssss.
      saa.b
      s.a.b
      """, legend)
    let segs = Dictionary(uniqueKeysWithValues: map.segments().map { ($0.label, $0) })
    #expect(segs.count == 4)
    #expect(segs[legend["s"]!]?.area == 6)
    #expect(segs[legend["s"]!]?.bbox == BoundingBox(x: 0, y: 0, width: 4, height: 3))
    #expect(segs[legend["a"]!]?.area == 3)
    #expect(segs[legend["a"]!]?.bbox == BoundingBox(x: 1, y: 1, width: 2, height: 2))
    #expect(segs[legend["b"]!]?.area == 2)
    #expect(segs[legend["b"]!]?.bbox == BoundingBox(x: 4, y: 1, width: 1, height: 2))
    #expect(segs[.void]?.area == 4)
    #expect(segs[.void]?.bbox == BoundingBox(x: 1, y: 0, width: 4, height: 3))
    #expect(map.boundingBox(of: legend["a"]!) == BoundingBox(x: 1, y: 1, width: 2, height: 2))
    #expect(map.boundingBox(of: PanopticLabel(classIndex: road)) == nil)
  }

  /// The areas kept from deltas must always equal a fresh count of the map,
  /// including the largest instance after it disappears.
  @Test func areasFollowDeltasExactly() {
    var map = LabelMap(width: 6, height: 2)
    var areas = LabelAreas(map)
    var region = Region(originX: 0, originY: 0, width: 6, height: 2)
    region.insertRun(y: 0, from: 0, through: 3)
    let d1 = map.apply(region) { _ in PanopticLabel.pack(classIndex: UInt32(car), instance: 5) }
    areas.update(d1)
    #expect(areas == LabelAreas(map))
    #expect(areas.nextInstanceID == 6)
    var r2 = Region(originX: 0, originY: 0, width: 6, height: 2)
    r2.insertRun(y: 1, from: 4, through: 5)
    let d2 = map.apply(r2) { _ in PanopticLabel.pack(classIndex: UInt32(person), instance: 2) }
    areas.update(d2)
    #expect(areas == LabelAreas(map))
    // Instance 5 disappears: the next id falls back to 3.
    let d3 = map.applyEverywhere { PanopticLabel.instancePart($0) == 5 ? UInt32(road) : nil }
    areas.update(d3)
    #expect(areas.areas == LabelAreas(map).areas)
    #expect(areas.nextInstanceID == 3)
    #expect(areas.label(ofInstance: 5) == nil)
    // And back again by reversing every delta.
    for d in [d3, d2, d1] {
      map.revert(d, toBefore: true)
      areas.update(d, reverse: true)
    }
    #expect(map == LabelMap(width: 6, height: 2))
    #expect(areas.areas == [PanopticLabel.voidClass: 12])
    #expect(areas.nextInstanceID == 1)
    #expect(areas.label(ofInstance: Int.max) == nil)
    #expect(areas.label(ofInstance: 0) == nil)
  }
}
