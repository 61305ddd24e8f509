import Testing

@testable import PanopticModel

@Suite("detectron2 panoptic_seg dumps")
struct Detectron2DumpTests {
  /// ids as detectron2 returns them: 0 void, then opaque segment ids.
  let ids: [UInt32] = [0, 7, 7, 9, 4, 4, 9, UInt32(bitPattern: -1)]
  let segments = [
    Detectron2Segment(id: 7, categoryID: person, isThing: true),
    Detectron2Segment(id: 9, categoryID: car, isThing: true),
    Detectron2Segment(id: 4, categoryID: road, isThing: false),
  ]

  @Test func categoryIDsAreCatalogIndicesAndThingsGetGlobalIds() {
    let d = Detectron2Dump.decode(PixelValues(width: 4, height: 2, values: ids, storage: .other), segments: segments, catalog: coco)
    #expect(d.problems.isEmpty)
    let expected = asciiMap(
      """
      .ppc
      rrc.
      """,
      ["p": PanopticLabel(classIndex: person, instance: 1), "c": PanopticLabel(classIndex: car, instance: 2),
       "r": PanopticLabel(classIndex: road)])
    #expect(d.map == expected)
    #expect(d.format == .detectron2)
    #expect(d.fileIDs[PanopticLabel(classIndex: car, instance: 2).raw] == 9)
  }

  @Test func panopticFPNStuffNumberingAndUnknownIdsAreProblems() {
    // PanopticFPN numbers stuff apart from things: stuff 0 is not "person".
    var fpn = segments
    fpn[2].categoryID = 0
    let d = Detectron2Dump.decode(PixelValues(width: 4, height: 2, values: ids, storage: .other), segments: fpn, catalog: coco)
    #expect(d.problems.first?.message.contains("PanopticFPN") == true)
    let missing = Detectron2Dump.decode(
      PixelValues(width: 4, height: 2, values: ids, storage: .other), segments: Array(segments.prefix(2)), catalog: coco)
    #expect(missing.problems.first?.message == "id 4 in the map is not in segments_info")
  }
}
