import Testing

@testable import PanopticModel

/// The pure halves of a COCO save: which ids, which entries, which record.
@Suite("COCO saves (model)")
struct COCOFormatTests {
  let carA = PanopticLabel(classIndex: 2, instance: 1)
  let carB = PanopticLabel(classIndex: 2, instance: 2)
  let road = PanopticLabel(classIndex: ClassCatalog.coco.index(ofID: 149)!)

  @Test func keptIDsStayAndNewOnesAvoidEveryOldID() throws {
    let map = LabelMap(width: 3, height: 1, pixels: [carA.raw, carB.raw, road.raw])
    // carA was 7 in the file, road was 1003 (what carB's scheme id would be).
    let (code, segments) = try COCOPanoptic.table(
      map, catalog: .coco, keeping: [carA.raw: 7, road.raw: 1003], avoiding: [7, 1003, 9])
    #expect(code[carA.raw] == 7)
    #expect(code[road.raw] == 1003)
    // carB's scheme id (2003) is free, so the scheme holds.
    #expect(code[carB.raw] == 2003)
    #expect(segments.map(\.id) == [7, 1003, 2003])
  }

  @Test func aClashWithAKeptIDMakesNewIDsCompact() throws {
    let map = LabelMap(width: 3, height: 1, pixels: [carA.raw, carB.raw, road.raw])
    let ids = try COCOSegmentIDs.assign(map.segments(), catalog: .coco, keeping: [road.raw: 1003], avoiding: [1, 5])
    #expect(ids[road.raw] == 1003)
    #expect(ids[carA.raw] == 2 && ids[carB.raw] == 3)
    // An old id alone does not force that: a scheme id names one label, so
    // converting into the same entry again gives each label its old id.
    let again = try COCOSegmentIDs.assign(map.segments(), catalog: .coco, avoiding: [1003, 2003])
    #expect(again[carA.raw] == 1003 && again[carB.raw] == 2003)
  }

  @Test func moreThan16776InstancesAreNumberedCompactly() throws {
    let n = 20_000
    let pixels = (1...n).map { PanopticLabel(classIndex: 2, instance: min($0, PanopticLabel.maxInstance)).raw }
    let map = LabelMap(width: n, height: 1, pixels: pixels)
    let (code, segments) = try COCOPanoptic.table(map, catalog: .coco)
    #expect(segments.count == n)
    #expect(Set(segments.map(\.id)) == Set(1...n))
    #expect(code[PanopticLabel.voidClass] == 0)
    // Deterministic: the same map gives the same ids.
    #expect(try COCOPanoptic.table(map, catalog: .coco).code == code)
  }

  @Test func keepingIgnoresBadAndRepeatedIDs() throws {
    let map = LabelMap(width: 2, height: 1, pixels: [carA.raw, carB.raw])
    let ids = try COCOSegmentIDs.assign(map.segments(), catalog: .coco, keeping: [carA.raw: 5, carB.raw: 5])
    #expect(ids[carA.raw] == 5 && ids[carB.raw] == 2003)
    let huge = try COCOSegmentIDs.assign(map.segments(), catalog: .coco, keeping: [carA.raw: 1 << 24])
    #expect(huge[carA.raw] == 1003)
  }

  @Test func anEditKeepsOrderUnknownKeysAndSpelling() throws {
    let object = try #require(
      JSONValue.parse(
        #"{"segments_info": [{"id": 9, "category_id": 3, "iscrowd": 0, "score": 0.5, "area": 4.0}, {"id": 4, "category_id": 1, "iscrowd": 0}, {"id": 2, "category_id": 3}], "file_name": "x.png", "image_id": 12, "reviewer": "kim"}"#
      ).objectValue)
    let old = try COCOAnnotation(decoding: object, at: COCOEntryReference(array: .annotations, position: 0))
    let now = [
      COCOSegmentInfo(id: 2, categoryID: 3, isCrowd: false, bbox: BoundingBox(x: 0, y: 0, width: 1, height: 1), area: 1),
      COCOSegmentInfo(id: 9, categoryID: 3, isCrowd: false, bbox: BoundingBox(x: 1, y: 0, width: 2, height: 2), area: 4),
      COCOSegmentInfo(id: 11, categoryID: 1, isCrowd: false, bbox: BoundingBox(x: 0, y: 1, width: 1, height: 1), area: 1),
    ]
    let entry = COCOEntryEdit.annotation(replacing: old, fileName: "x.png", imageID: .int(12), segments: now)
    let text = String(decoding: JSONWriter().bytes(of: entry.jsonValue()), as: UTF8.self)
    // 9 keeps its place, score and "4.0"; 4 is gone; 2 gains no area/bbox it never had; 11 is appended.
    #expect(
      text
        == #"{"segments_info": [{"id": 9, "category_id": 3, "iscrowd": 0, "score": 0.5, "area": 4.0}, {"id": 2, "category_id": 3}, {"id": 11, "category_id": 1, "iscrowd": 0, "area": 1, "bbox": [0, 1, 1, 1]}], "file_name": "x.png", "image_id": 12, "reviewer": "kim"}"#
    )
    #expect(!text.contains(#""id": 4"#))
  }

  @Test func newImageIDsAreNumbersOrNameDerivedAndNeverCollide() throws {
    let doc = Array(
      #"{"images": [{"id": 5, "file_name": "other.jpg"}, {"id": 7, "file_name": "7.jpg"}], "annotations": [{"file_name": "a.png", "image_id": 3, "segments_info": []}]}"#
        .utf8)
    let index = try COCOIndex.build(doc)
    #expect(COCOEntryEdit.newImageID(forPNG: "000009.png", in: index) == .int(9))
    // 7's images entry names this image: it is ours to use.
    #expect(COCOEntryEdit.newImageID(forPNG: "7.png", in: index) == .int(7))
    // 3 and 5 are taken: a name-derived id instead, the same in any file.
    let three = COCOEntryEdit.newImageID(forPNG: "3.png", in: index)
    #expect(three != .int(3) && three.intValue != nil)
    #expect(COCOEntryEdit.newImageID(forPNG: "5.png", in: index) != .int(5))
    let scene = COCOEntryEdit.newImageID(forPNG: "scene.png", in: index)
    #expect(scene == COCOEntryEdit.newImageID(forPNG: "scene.png", in: nil))
    #expect((scene.intValue ?? 0) > 0)
    // A file_name with a subfolder numbers the image by its last component, so a prediction
    // written flat (scene.png) pairs with ground truth listed as val/scene.png.
    #expect(COCOEntryEdit.newImageID(forPNG: "val/000000142238.png", in: nil) == .int(142238))
    #expect(COCOEntryEdit.newImageID(forPNG: "val/scene.png", in: index) == scene)
    #expect(COCOEntryEdit.newImageID(forPNG: "val/7.png", in: index) == .int(7))
  }

  @Test func aNewImagesEntryTakesThePhotosNameAnExistingOneKeepsItsOwn() {
    let fresh = COCOEntryEdit.image(replacing: nil, id: .int(1), pngName: "1.png", photoName: nil, width: 4, height: 3)
    #expect(fresh.fileName == "1.jpg" && fresh.width == 4 && fresh.height == 3)
    let named = COCOEntryEdit.image(replacing: nil, id: .int(1), pngName: "1.png", photoName: "photo.png", width: 4, height: 3)
    #expect(named.fileName == "photo.png")
    // A save over an existing entry never renames the dataset's photo: not
    // after a copy of it, nor after the label PNG opened as its own photo.
    let copy = COCOEntryEdit.image(
      replacing: fresh, id: .int(1), pngName: "1.png", photoName: "copy.png", width: 4, height: 3)
    #expect(copy.fileName == "1.jpg")
    let labelsOnly = COCOEntryEdit.image(
      replacing: named, id: .int(1), pngName: "1.png", photoName: "1.png", width: 5, height: 3)
    #expect(labelsOnly.fileName == "photo.png" && labelsOnly.width == 5)
    let unnamed = COCOImage(id: .int(1), fileName: nil, width: 4, height: 3)
    let filled = COCOEntryEdit.image(
      replacing: unnamed, id: .int(1), pngName: "1.png", photoName: "shot.png", width: 4, height: 3)
    #expect(filled.fileName == "shot.png")
  }

  @Test func commitRecordsRoundTripAndTornOnesAreSeen() {
    let record = COCOCommitRecord(renames: [
      .init(temporary: "/d/p/.x.png.panoptty-abcdefgh", target: "/d/p/x.png"),
      .init(temporary: "/d/.p.json.panoptty-12345678", target: "/d/p.json"),
    ])
    let bytes = record.encoded()
    #expect(COCOCommitRecord.decode(bytes) == .whole(record))
    for cut in [0, 5, 20, bytes.count / 2, bytes.count - 1] {
      guard case .torn(let partial) = COCOCommitRecord.decode(Array(bytes.prefix(cut))) else {
        Issue.record("a record cut at \(cut) bytes read as whole")
        continue
      }
      #expect(partial.count <= 2)
    }
    var flipped = bytes
    flipped[30] ^= 0x01
    if case .whole = COCOCommitRecord.decode(flipped) { Issue.record("a flipped bit went unnoticed") }
  }

  @Test func catalogsWithoutColoursGetDistinctDeterministicOnes() throws {
    let list = try #require(
      JSONValue.parse(#"[{"id": 1, "name": "a", "isthing": 1}, {"id": 2, "name": "b", "isthing": 0, "color": [1, 2, 3]}, {"id": 3, "name": "c", "isthing": true}]"#)
        .arrayValue)
    let catalog = try ClassCatalog(cocoCategories: list, name: "t")
    let again = try ClassCatalog(cocoCategories: list, name: "t")
    #expect(catalog == again)
    #expect(catalog[1].color == RGB(1, 2, 3))
    #expect(Set(catalog.classes.map(\.color)).count == 3)
    #expect(!catalog.classes.contains { $0.color == RGB(0, 0, 0) })
    #expect(catalog[2].isThing)
  }

  @Test func engineErrorsUseTheWordsPanopttyAlwaysUsed() throws {
    let reference = COCOEntryReference(array: .annotations, position: 3, label: #"file_name "a.png""#)
    let error = COCOJSONError.invalidEntry(reference, #"segments_info[0] (id 101) has no integer "category_id""#)
    #expect(error.panopticError == .badAnnotations(#"segments_info[0] of a.png (id 101) has no integer "category_id""#))
    #expect(COCOJSONError.notCOCO("the top level is not an object").panopticError
      == .badAnnotations(#"expected a JSON object with "annotations""#))
  }
}
