import Foundation
import Testing

@testable import PanopticCore

// COCO indices used below: person 0, car 2, road 100? — resolved by name so
// the tests say what they mean.
let coco = ClassCatalog.coco
let person = coco.resolve("person")!
let car = coco.resolve("car")!
let road = coco.resolve("road")!
let sky = coco.resolve("sky-other-merged")!

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
  }

  @Test func cityscapesCatalogIndexIsLabelID() {
    let cs = ClassCatalog.cityscapes
    #expect(cs.count == 34)
    for (i, c) in cs.classes.enumerated() { #expect(c.id == i) }
    #expect(cs[26].name == "car" && cs[26].isThing && cs[26].trainID == 13)
    #expect(cs[7].name == "road" && !cs[7].isThing)
    #expect(cs[29].ignoreInEval && cs[29].isThing)
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
    #expect(segs[legend["s"]!]?.area == 6)
    #expect(segs[legend["s"]!]?.bbox == BoundingBox(x: 0, y: 0, width: 4, height: 3))
    #expect(segs[legend["a"]!]?.area == 3)
    #expect(segs[legend["a"]!]?.bbox == BoundingBox(x: 1, y: 1, width: 2, height: 2))
    #expect(segs[legend["b"]!]?.bbox == BoundingBox(x: 4, y: 1, width: 1, height: 2))
    #expect(segs[.void]?.area == 4)
  }
}

@Suite("Offset format")
struct OffsetFormatTests {
  let fmt = OffsetFormat(catalog: coco)

  @Test func valuesAreInstanceTimesOffsetPlusClass() throws {
    let map = asciiMap(
      """
      rc.
      pt.
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 2),
       "p": PanopticLabel(classIndex: person, instance: 5), "t": PanopticLabel(classIndex: 38, instance: 3)])
    let (values, storage) = try fmt.encode(map)
    #expect(storage == .gray16)
    #expect(values == [UInt32(road), 2002, 133, 5000, 3038, 133])
    let back = fmt.decode(PixelValues(width: 3, height: 2, values: values, storage: .gray16), catalog: coco)
    #expect(back.problems.isEmpty)
    #expect(back.map == map)
  }

  @Test func crowdIsAThingWithInstanceZero() throws {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: person))
    #expect(try fmt.encode(map).values == [0])
    let back = fmt.decode(PixelValues(width: 1, height: 1, values: [0], storage: .gray16), catalog: coco)
    #expect(back.map[0, 0] == PanopticLabel(classIndex: person, instance: 0))
    #expect(back.problems.isEmpty)
  }

  @Test func sixtyFiveInstancesFitSixteenBitsSixtySixWiden() throws {
    var map = LabelMap(width: 66, height: 1)
    for i in 0..<65 { map[i, 0] = PanopticLabel(classIndex: car, instance: i + 1) }
    #expect(try fmt.encode(map).storage == .gray16)
    map[65, 0] = PanopticLabel(classIndex: car, instance: 66)
    let (values, storage) = try fmt.encode(map)
    #expect(storage == .rgb24)
    #expect(values[65] == 66002)
    let back = fmt.decode(PixelValues(width: 66, height: 1, values: values, storage: .rgb8), catalog: coco)
    #expect(back.map == map)
  }

  @Test func beyondTwentyFourBitsIsRefusedNotWrapped() {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: car, instance: 60000))
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, offset: 1000).encode(map) }
  }

  @Test func decodeReportsEveryRuleItBreaks() {
    // 150: class 150 unknown; 1100: stuff "road"? index 100 with instance 1;
    // 7002/7000: instance 7 on car and on person.
    let values: [UInt32] = [150, 150, UInt32(1000 + road), 7002, 7000]
    let d = fmt.decode(PixelValues(width: 5, height: 1, values: values, storage: .gray16), catalog: coco)
    let text = d.problems.map(\.message).joined(separator: "\n")
    #expect(text.contains("class 150 is not in the coco catalog"))
    #expect(text.contains("(2 pixels, first at x=0 y=0)"))
    #expect(text.contains("has instance 1 (stuff must be 0)"))
    #expect(text.contains("instance 7 is used by \"car\" and \"person\""))
    #expect(d.map[0, 0].isVoid)
  }

  @Test func customVoidAndChecks() throws {
    let f = OffsetFormat(catalog: coco, voidClass: 255)
    let map = LabelMap(width: 2, height: 1)
    #expect(try f.encode(map).values == [255, 255])
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, voidClass: 5).check(catalog: coco) }
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, offset: 100).check(catalog: coco) }
  }

  @Test func textChunkRoundTrips() {
    let t = fmt.textChunk(catalogName: "coco")
    #expect(t == "format=offset;offset=1000;void=133;catalog=coco")
    #expect(OffsetFormat.parseText(t)["void"] == "133")
  }
}

@Suite("Cityscapes and COCO arithmetic")
struct OtherFormatTests {
  let cs = ClassCatalog.cityscapes

  @Test func cityscapesCountsFromZeroPerClass() throws {
    let map = asciiMap(
      """
      rrab
      rcc.
      """,
      ["r": PanopticLabel(classIndex: 7), "a": PanopticLabel(classIndex: 26, instance: 3),
       "b": PanopticLabel(classIndex: 26, instance: 9), "c": PanopticLabel(classIndex: 24, instance: 5)])
    let values = try CityscapesFormat.encode(map, catalog: cs)
    #expect(values == [7, 7, 26000, 26001, 7, 24000, 24000, 0])
    let back = CityscapesFormat.decode(PixelValues(width: 4, height: 2, values: values, storage: .gray16), catalog: cs)
    #expect(back.problems.isEmpty)
    // Global ids renumbered in (class, k) order: person first, then the cars.
    #expect(back.map[1, 1] == PanopticLabel(classIndex: 24, instance: 1))
    #expect(back.map[2, 0] == PanopticLabel(classIndex: 26, instance: 2))
    #expect(back.map[3, 0] == PanopticLabel(classIndex: 26, instance: 3))
    #expect(back.map[3, 1].isVoid)
  }

  @Test func cityscapesCrowdIsTheBareLabelID() throws {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 26))
    #expect(try CityscapesFormat.encode(map, catalog: cs) == [26])
  }

  @Test func cityscapesRefusesClassIDsAbove65() {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: coco.resolve("sky-other-merged")!))
    // Stuff stores the bare id, which fits; a thing of id 90 would not.
    #expect(throws: Never.self) { try CityscapesFormat.encode(map, catalog: coco) }
    let thing = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 79, instance: 1))
    #expect(throws: PanopticError.self) { try CityscapesFormat.encode(thing, catalog: coco) }
  }

  @Test func cocoIdsAreValuePlusOneAndCrowdIsFlagged() throws {
    let map = asciiMap(
      "rcp",
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "p": PanopticLabel(classIndex: person)])
    let (ids, segs) = try COCOPanoptic.encode(map, catalog: coco)
    #expect(ids == [UInt32(road + 1), 1003, 1])
    #expect(segs.map(\.id) == [1, road + 1, 1003])
    #expect(segs[0].isCrowd && segs[0].categoryID == 1)
    #expect(!segs[2].isCrowd && segs[2].categoryID == 3 && segs[2].area == 1)
    let back = COCOPanoptic.decode(
      PixelValues(width: 3, height: 1, values: ids, storage: .rgb8), segments: segs, catalog: coco)
    #expect(back.problems.isEmpty)
    #expect(back.map == map)
  }

  @Test func cocoDecodeListsMissingAndUnknownIds() {
    let segs = [
      COCOSegmentInfo(id: 5, categoryID: 3, isCrowd: false, bbox: BoundingBox(x: 0, y: 0, width: 1, height: 1), area: 1),
      COCOSegmentInfo(id: 6, categoryID: 999, isCrowd: false),
      COCOSegmentInfo(id: 7, categoryID: 3, isCrowd: false),
      COCOSegmentInfo(id: 5, categoryID: 3, isCrowd: false),
    ]
    let d = COCOPanoptic.decode(
      PixelValues(width: 3, height: 1, values: [5, 6, 9], storage: .rgb8), segments: segs, catalog: coco)
    let text = d.problems.map(\.message)
    #expect(text.contains("segment 6: category_id 999 is not in the coco catalog"))
    #expect(text.contains("segments_info lists id 5 twice"))
    #expect(text.contains { $0.hasPrefix("PNG id 9 is not in segments_info") })
    #expect(text.contains("segments_info id 7 does not occur in the PNG"))
  }

  @Test func catalogParserNamesTheBadField() {
    func message(_ json: String) -> String {
      do {
        _ = try ClassCatalog.parse(json: Data(json.utf8), name: "t")
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(message("[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,3]}]") == "no error")
    #expect(message("{") .hasPrefix("not valid JSON"))
    #expect(message("[{\"id\":\"x\"}]") == "category #1 has no integer \"id\"")
    #expect(message("[{\"id\":1,\"name\":\"a\",\"isthing\":2,\"color\":[1,2,3]}]").contains("isthing"))
    #expect(message("[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2]}]").contains("color"))
    #expect(
      message(
        "[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,3]},{\"id\":1,\"name\":\"b\",\"isthing\":1,\"color\":[1,2,3]}]"
      ) == "category id 1 appears twice")
  }
}
