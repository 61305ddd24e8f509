import Testing

@testable import PanopticModel

@Suite("Label Studio brush RLE")
struct LabelStudioTests {
  /// `encode_rle([0]*8 + [255]*8)` from label_studio_converter 0.0.59, bit for
  /// bit: header (16 values, word 8, widths 3 4 8 16), then two runs of 8
  /// (`1 00 111` + value), padded with zeros.
  let pythonBytes: [UInt8] = [0, 0, 0, 16, 57, 27, 252, 224, 19, 255, 128]

  @Test func encodesLikeLabelStudioConverter() {
    #expect(BrushRLE.encode(mask: [0, 0, 255, 255]) == pythonBytes)
  }

  @Test func padsLikeEncodeRLEEvenWhenAligned() {
    // 53 header bits + one 19-bit run of 20 values = 72: encode_rle always
    // adds 1–8 zero bits, so the aligned stream gets a whole zero byte.
    #expect(BrushRLE.encode(mask: [0, 0, 0, 0, 0]) == [0, 0, 0, 20, 57, 27, 254, 19, 0, 0])
  }

  @Test func decodesAlphaOfEveryPixel() throws {
    #expect(try BrushRLE.decodeAlpha(pythonBytes, pixelCount: 4) == [0, 0, 255, 255])
  }

  @Test func roundTripsLongAndSingleRuns() throws {
    // Runs of 1, 3, 70000 pixels (280000 bytes: past one 16-bit run) and odd gaps.
    var mask = [UInt8](repeating: 0, count: 70_010)
    mask[1] = 1
    for i in 3..<6 { mask[i] = 1 }
    for i in 8..<70_008 { mask[i] = 1 }
    let alpha = try BrushRLE.decodeAlpha(BrushRLE.encode(mask: mask), pixelCount: mask.count)
    #expect(alpha.map { $0 != 0 } == mask.map { $0 != 0 })
  }

  @Test func literalChunksAndOtherChannelsAreRead() throws {
    // One literal chunk of 8 values (0 00 111 + 8 words): only bytes 3 and 7 are alpha.
    var w = BitWriter()
    w.write(8, bits: 32)
    w.write(7, bits: 5)
    for x in [3, 4, 8, 16] { w.write(UInt64(x - 1), bits: 4) }
    w.write(0b000111, bits: 6)
    for v in [9, 9, 9, 0, 0, 0, 0, 128] { w.write(UInt64(v), bits: 8) }
    #expect(try BrushRLE.decodeAlpha(w.finish(), pixelCount: 2) == [0, 128])
  }

  @Test func damagedRLEIsRefused() {
    #expect(throws: PanopticError.self) { try BrushRLE.decodeAlpha([0, 0, 0], pixelCount: 1) }
    // Claims 16 values for a 2-pixel mask.
    #expect(throws: PanopticError.sizeMismatch("the RLE holds 16 values, but 2 pixels need 8 (4 per RGBA pixel)")) {
      try BrushRLE.decodeAlpha(pythonBytes, pixelCount: 2)
    }
    // Cut after the first run.
    #expect(throws: PanopticError.badAnnotations("the RLE ends after 8 of its 16 values")) {
      try BrushRLE.decodeAlpha(Array(pythonBytes.prefix(9)), pixelCount: 4)
    }
  }

  func task(_ results: [JSONValue]) -> JSONValue {
    .array([.object(JSONObject(["data": .object(JSONObject()), "annotations": .array([.object(JSONObject(["result": .array(results)]))])]))])
  }

  func brush(_ name: String, _ mask: [UInt8], width: Int, crowd: Bool = false) -> JSONValue {
    var o = JSONObject([
      "type": .string("brushlabels"), "original_width": .int(width), "original_height": .int(mask.count / width),
      "value": .object(JSONObject([
        "format": .string("rle"), "rle": .array(BrushRLE.encode(mask: mask).map { .int(Int($0)) }),
        "brushlabels": .array([.string(name)]),
      ])),
    ])
    if crowd { o["meta"] = .object(JSONObject(["text": .array([.string("crowd")])])) }
    return .object(o)
  }

  @Test func importPaintsResultsInOrderWithGlobalInstances() throws {
    let want = asciiMap(
      """
      rrcc
      rccp
      pp..
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 2),
       "p": PanopticLabel(classIndex: person, instance: 1)])
    // Road is given twice (merged); the car is painted over part of the road and the person.
    let road1: [UInt8] = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    let road2: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    let personMask: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    let carMask: [UInt8] = [0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0]
    let got = try LabelStudioFormat.importTask(
      task([brush("road", road1, width: 4), brush("road", road2, width: 4), brush("Person", personMask, width: 4),
            brush("car", carMask, width: 4)]), catalog: coco)
    #expect(got.map == want)
    #expect(got.notes == ["2 pixels are covered by more than one brush result: the later one kept (drawn on top)"])
  }

  @Test func exportThenImportIsTheSameMapWithCrowd() throws {
    let map = asciiMap(
      """
      rrcc.
      rPPcd
      sssdd
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "d": PanopticLabel(classIndex: car, instance: 2), "P": PanopticLabel(classIndex: person),
       "s": PanopticLabel(classIndex: sky)])
    let json = LabelStudioFormat.export(map, catalog: coco, imageName: "x.jpg")
    #expect(LabelStudioFormat.looksLikeExport(json))
    let back = try LabelStudioFormat.importTask(try JSONValue.parse(JSONWriter().bytes(of: json)), catalog: coco)
    #expect(back.map == map)
    #expect(back.notes.isEmpty)
  }

  @Test func refusalsNameTheResult() {
    let m: [UInt8] = [1, 0]
    #expect(throws: PanopticError.badLabels("result 1: class \"unicorn\" is not in the coco catalog; name a catalog with --classes")) {
      try LabelStudioFormat.importTask(task([brush("unicorn", m, width: 2)]), catalog: coco)
    }
    #expect(throws: PanopticError.sizeMismatch("result 2 is 1×2, but the first brush result is 2×1")) {
      try LabelStudioFormat.importTask(task([brush("car", m, width: 2), brush("car", m, width: 1)]), catalog: coco)
    }
    let two = JSONValue.array([
      .object(JSONObject(["id": .int(4), "annotations": .array([])])), .object(JSONObject(["id": .int(9), "annotations": .array([])])),
    ])
    #expect(throws: PanopticError.badAnnotations("the export holds 2 tasks (ids 4, 9); name one with --task ID")) {
      try LabelStudioFormat.importTask(two, catalog: coco)
    }
    #expect(throws: PanopticError.badAnnotations("task 9 has no annotation (cancelled ones are not read)")) {
      try LabelStudioFormat.importTask(two, catalog: coco, taskID: 9)
    }
    #expect(throws: PanopticError.badAnnotations("the export has no task with id 5")) {
      try LabelStudioFormat.importTask(two, catalog: coco, taskID: 5)
    }
    #expect(throws: PanopticError.badAnnotations("the annotation has no brush results (type brushlabels); nothing to convert")) {
      try LabelStudioFormat.importTask(task([.object(JSONObject(["type": .string("rectanglelabels")]))]), catalog: coco)
    }
  }
}
