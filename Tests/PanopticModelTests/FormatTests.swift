import Testing

@testable import PanopticModel

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
    #expect(back.format == .offset)
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

  @Test func beyondTwentyFourBitsIsRefusedNotWrapped() throws {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: car, instance: 60000))
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, offset: 1000).encode(map) }
    // 16 777 × 1000 + 2 still fits 24 bits; one more instance does not.
    let fits = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: car, instance: 16_777))
    #expect(try OffsetFormat(catalog: coco).storage(for: fits) == .rgb24)
    let over = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: car, instance: 16_778))
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco).storage(for: over) }
  }

  @Test func decodeReportsEveryRuleItBreaks() {
    // 150: class 150 unknown; 1000 + road: stuff with instance 1;
    // 7002/7000: instance 7 on car and on person.
    let values: [UInt32] = [150, 150, UInt32(1000 + road), 7002, 7000]
    let d = fmt.decode(PixelValues(width: 5, height: 1, values: values, storage: .gray16), catalog: coco)
    let text = d.problems.map(\.message).joined(separator: "\n")
    #expect(text.contains("class 150 is not in the coco catalog"))
    #expect(text.contains("(2 pixels, first at x=0 y=0)"))
    #expect(text.contains("has instance 1 (stuff must be 0)"))
    #expect(text.contains("instance 7 is used by \"car\" and \"person\""))
    #expect(d.problems.count == 3)
    #expect(d.map[0, 0].isVoid && d.map[1, 0].isVoid)
  }

  @Test func valuesAboveTheInstanceRangeBecomeVoid() {
    // 65536 × 1000 + 2 fits 32 bits but not the packing: refused, never wrapped.
    let v: UInt32 = 65_536 * 1000 + 2
    let d = fmt.decode(PixelValues(width: 1, height: 1, values: [v], storage: .rgb8), catalog: coco)
    #expect(d.map[0, 0].isVoid)
    #expect(d.problems.map(\.message) == ["value \(v): instance 65536 is above 65535 (1 pixel, first at x=0 y=0)"])
  }

  @Test func customVoidAndChecks() throws {
    let f = OffsetFormat(catalog: coco, voidClass: 255)
    let map = LabelMap(width: 2, height: 1)
    #expect(try f.encode(map).values == [255, 255])
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, voidClass: 5).check(catalog: coco) }
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, offset: 100).check(catalog: coco) }
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, offset: 1).check(catalog: coco) }
    #expect(throws: PanopticError.self) { try OffsetFormat(catalog: coco, voidClass: 1000).check(catalog: coco) }
    #expect(throws: Never.self) { try f.check(catalog: coco) }
  }

  @Test func textChunkRoundTrips() throws {
    let t = fmt.textChunk(catalogName: "coco")
    #expect(t == "format=offset;offset=1000;void=133;catalog=coco")
    #expect(try FormatTag.parse(t) == FormatTag(format: .offset, offset: 1000, voidClass: 133, catalog: "coco"))
    #expect(try FormatTag.parse("") == nil)
    // Unknown keys are skipped (a newer panoptty may add some).
    #expect(try FormatTag.parse("format=cityscapes;catalog=cityscapes;future=1")?.format == .cityscapes)
  }

  /// A chunk that says something impossible is an error naming the chunk,
  /// never a silent default (offset=abc used to read as 1000).
  @Test(arguments: [
    "format=offset;offset=abc", "format=offset;offset=4294967296", "format=offset;offset=1", "format=jpeg",
    "offset=1000", "format=offset;void=-1", "format=offset;offset=1000;void=1000", "junk",
  ])
  func badTagsAreRefusedNamingTheChunk(_ text: String) {
    #expect {
      _ = try FormatTag.parse(text)
    } throws: { error in
      (error as? PanopticError)?.description.contains("tEXt chunk") == true
    }
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
    #expect(back.map[0, 0] == PanopticLabel(classIndex: 7))
    #expect(back.map[1, 1] == PanopticLabel(classIndex: 24, instance: 1))
    #expect(back.map[2, 0] == PanopticLabel(classIndex: 26, instance: 2))
    #expect(back.map[3, 0] == PanopticLabel(classIndex: 26, instance: 3))
    #expect(back.map[3, 1].isVoid)
    // The file's own ids are kept for `info` and the status line.
    #expect(back.fileIDs[PanopticLabel(classIndex: 26, instance: 3).raw] == 26001)
  }

  @Test func cityscapesCrowdIsTheBareLabelID() throws {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 26))
    #expect(try CityscapesFormat.encode(map, catalog: cs) == [26])
  }

  @Test func cityscapesRefusesClassIDsAbove65() {
    let map = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: sky))
    // Stuff stores the bare id, which fits; a thing of id 90 would not.
    #expect(throws: Never.self) { try CityscapesFormat.encode(map, catalog: coco) }
    let thing = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 79, instance: 1))
    #expect(throws: PanopticError.self) { try CityscapesFormat.encode(thing, catalog: coco) }
  }

  @Test func cityscapesDecodeNamesUnknownIdsAndStuffInstances() {
    // 99: no such labelId; 7001: road (stuff) stored as id × 1000 + k.
    let d = CityscapesFormat.decode(
      PixelValues(width: 3, height: 1, values: [99, 7001, 26000], storage: .gray16), catalog: cs)
    #expect(
      d.problems.map(\.message) == [
        "value 99: class id 99 is not in the cityscapes catalog",
        "value 7001: class \"road\" has no instances but is stored as id × 1000 + k",
      ])
    #expect(d.map[0, 0].isVoid)
    #expect(d.map[1, 0] == PanopticLabel(classIndex: 7))
    #expect(d.map[2, 0] == PanopticLabel(classIndex: 26, instance: 1))
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
    #expect(!segs[1].isCrowd && segs[1].categoryID == coco[road].id)
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
    #expect(text.contains("segment 6: category_id 999 is not in the coco catalog (pass --classes coco to match renumbered categories by name, or --classes FILE)"))
    #expect(text.contains("segments_info lists id 5 twice"))
    #expect(text.contains("PNG id 9 is not in segments_info (1 pixel, first at x=2 y=0)"))
    #expect(text.contains("segments_info id 7 does not occur in the PNG"))
    #expect(text.count == 4)
    #expect(d.map[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    #expect(d.map[1, 0].isVoid && d.map[2, 0].isVoid)
  }

  /// Id 0 in segments_info is one problem (it is void), not three: its area
  /// and bbox describe the void pixels, no segment's.
  @Test func cocoSegmentIdZeroIsOneProblem() {
    let segs = [
      COCOSegmentInfo(id: 0, categoryID: 3, isCrowd: false, bbox: BoundingBox(x: 1, y: 0, width: 1, height: 1), area: 7),
      COCOSegmentInfo(id: 5, categoryID: 3, isCrowd: false, bbox: BoundingBox(x: 1, y: 0, width: 1, height: 1), area: 1),
    ]
    let d = COCOPanoptic.decode(PixelValues(width: 2, height: 1, values: [0, 5], storage: .rgb8), segments: segs, catalog: coco)
    #expect(d.problems.map(\.message) == ["segments_info lists id 0, which is void"])
  }

  /// A thing relabelled to another thing class keeps its instance number, so it is the same
  /// segment: it keeps its COCO id (and so its place in segments_info, which numbers the
  /// instances on the next read); it used to get a new id and move to the end.
  @Test func aRelabelledThingKeepsItsCOCOId() throws {
    let personOne = PanopticLabel(classIndex: person, instance: 1)
    let carTwo = PanopticLabel(classIndex: car, instance: 2)
    let keeping = [personOne.raw: 4_721_614, carTwo.raw: 77]
    // Person #1 became a car (#1); car #2 is as it was.
    let map = asciiMap(
      "aab", ["a": PanopticLabel(classIndex: car, instance: 1), "b": carTwo])
    let (code, _) = try COCOPanoptic.table(map, catalog: coco, keeping: keeping)
    #expect(code[PanopticLabel(classIndex: car, instance: 1).raw] == 4_721_614)
    #expect(code[carTwo.raw] == 77)
  }

  @Test func twoChannelNumbersInstancesAndReadsG255AsCrowd() {
    // R = category id, G = instance: car (3) #1, car #2, car crowd (255), road (149).
    let roadID = UInt32(coco[road].id)
    let values: [UInt32] = [3 | 1 << 8, 3 | 2 << 8, 3 | 255 << 8, roadID, 0]
    let d = COCOPanoptic.decode2Channel(PixelValues(width: 5, height: 1, values: values, storage: .rgb8), catalog: coco)
    #expect(d.problems.isEmpty)
    #expect(d.format == .coco2ch)
    #expect(d.map.pixels == [
      PanopticLabel(classIndex: car, instance: 1).raw, PanopticLabel(classIndex: car, instance: 2).raw,
      PanopticLabel(classIndex: car).raw, PanopticLabel(classIndex: road).raw, PanopticLabel.voidClass,
    ])
    let pv = PixelValues(width: 2, height: 1, values: [3 | 1 << 8, 1 << 16], storage: .rgb8)
    #expect(!COCOPanoptic.looksLike2Channel(pv, catalog: coco))
    // Two green values of one stuff class are two segments to panopticapi's converter: listed,
    // not merged silently.
    let split = COCOPanoptic.decode2Channel(
      PixelValues(width: 2, height: 1, values: [roadID, roadID | 1 << 8], storage: .rgb8), catalog: coco)
    #expect(split.problems.map(\.message) == ["value \(roadID | 1 << 8): stuff class \"road\" has instance 1 (green channel; stuff must be 0)"])
    #expect(COCOPanoptic.looksLike2Channel(PixelValues(width: 5, height: 1, values: values, storage: .rgb8), catalog: coco))
  }

  @Test func fileIDsFollowTheFileNotThePacking() {
    let off = FileIDScheme(format: .offset, offset: OffsetFormat(offset: 256, voidClass: 200))
    #expect(off.fileID(of: PanopticLabel(classIndex: car, instance: 3)) == 3 * 256 + car)
    #expect(off.fileID(of: .void) == 200)
    let label = PanopticLabel(classIndex: car, instance: 3)
    let known = FileIDScheme(format: .coco, knownIDs: [label.raw: 3003])
    #expect(known.fileID(of: label) == 3003)
    #expect(known.fileID(of: PanopticLabel(classIndex: car, instance: 4)) == nil)
    #expect(known.fileID(of: .void) == 0)
  }
}

@Suite("Fuzzer findings (model)")
struct ModelFuzzerFindingTests {
  /// FuzzPNG found RSS climbing past 2 GB: every distinct bad value got its
  /// own problem line. Problems are now capped with a summary line.
  @Test func millionsOfBadValuesMakeABoundedProblemList() {
    let values = (0..<200_000).map { UInt32(70_000 + $0) }  // all "class id not in catalog"
    let d = CityscapesFormat.decode(
      PixelValues(width: 1000, height: 200, values: values, storage: .gray16), catalog: .cityscapes)
    #expect(d.problems.count == ProblemTally.limit + 1)
    #expect(d.problems.last?.message == "… and \(200_000 - ProblemTally.limit) more problems of these kinds, not listed")
    let offset = OffsetFormat(catalog: coco).decode(
      PixelValues(width: 1000, height: 200, values: values.map { $0 * 1000 + 500 }, storage: .rgb8), catalog: coco)
    #expect(offset.problems.count == ProblemTally.limit + 1)
  }

  @Test func twoChannelValuesWithABlueChannelAreNotMapped() {
    let values = (0..<10_000).map { UInt32(1 << 16 | $0) }
    let d = COCOPanoptic.decode2Channel(PixelValues(width: 100, height: 100, values: values, storage: .rgb8), catalog: coco)
    #expect(d.map.pixels.allSatisfy(PanopticLabel.isVoid))
    #expect(d.problems.count == ProblemTally.limit + 1)
  }
}
