import Testing

@testable import PanopticModel

@Suite("One-pass index and entry decoding")
struct IndexTests {
  static let document = #"""
    {"info": {"x": [1, {"file_name": "decoy.png"}]}, "images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 3}, {"id": "city_0001", "file_name": "b.jpg"}], "annotations": [{"segments_info": [{"id": 5, "category_id": 1, "iscrowd": 0, "bbox": [0, 0, 1, 1], "area": 1, "score": 0.5}], "file_name": "a.png", "image_id": 1}, {"file_name": "b.png", "image_id": "city_0001", "segments_info": []}], "categories": [{"id": 1, "name": "person", "isthing": 1, "color": [220, 20, 60]}, {"id": 7, "name": "sky", "isthing": 0}], "extra": null}
    """#

  @Test("records names, ids and byte ranges of every entry")
  func records() throws {
    let doc = utf8(Self.document)
    let index = try COCOIndex.build(doc)
    #expect(index.topLevel.map(\.key) == ["info", "images", "annotations", "categories", "extra"])
    #expect(index.annotations.map(\.fileName) == ["a.png", "b.png"])
    #expect(index.annotations.map(\.imageID) == [.int(1), .string("city_0001")])
    #expect(index.images.map(\.id) == [.int(1), .string("city_0001")])
    #expect(
      text(Array(doc[index.annotations[1].range]))
        == #"{"file_name": "b.png", "image_id": "city_0001", "segments_info": []}"#)
    #expect(try index.annotationPosition(forFileName: "decoy.png") == nil)
    #expect(index.nextFreeImageID == 2)
    #expect(index.duplicates.isEmpty)
  }

  @Test("decodes one entry, its image and the categories (colour generated when absent)")
  func decode() throws {
    let doc = utf8(Self.document)
    let index = try COCOIndex.build(doc)
    try doc.withUnsafeBytes { raw in
      let annotation = try #require(try index.annotation(forFileName: "a.png", in: raw))
      #expect(annotation.imageID == .int(1))
      #expect(annotation.segments == [annotation.segments[0]])
      #expect(annotation.segments[0].bbox == COCOBox(x: 0, y: 0, width: 1, height: 1))
      #expect(annotation.segments[0].source["score"] == .number(JSONNumber(text: "0.5")!))
      let image = try #require(try index.image(forID: .string("city_0001"), in: raw))
      #expect(image.width == nil && image.fileName == "b.jpg")
      let categories = try #require(try index.categories(in: raw))
      #expect(categories.map(\.isColorGenerated) == [false, true])
      #expect(categories[1].color != categories[0].color)
      #expect(try index.categories(in: raw)?[1].color == categories[1].color)  // deterministic
    }
  }

  @Test("duplicate file_names are reported with both positions, never resolved silently")
  func duplicates() throws {
    let doc = utf8(
      #"{"annotations": [{"file_name": "x.png", "image_id": 1, "segments_info": []}, {"file_name": "y.png", "image_id": 2, "segments_info": []}, {"file_name": "x.png", "image_id": 3, "segments_info": []}]}"#
    )
    let index = try COCOIndex.build(doc)
    #expect(index.duplicates.count == 1)
    let error = cocoError { () throws(COCOJSONError) in try index.annotationPosition(forFileName: "x.png") }
    guard case .duplicate(let duplicate)? = error else {
      Issue.record("expected a duplicate error, got \(String(describing: error))")
      return
    }
    #expect(duplicate.first.position == 0 && duplicate.second.position == 2)
    #expect(
      duplicate.description
        == #"annotations file_name "x.png" appears twice: annotations[0] (file_name "x.png") at byte 17 and annotations[2] (file_name "x.png") at byte 137; remove one before editing this image"#
    )
    #expect(try index.annotationPosition(forFileName: "y.png") == 1)
    let splice = cocoError { () throws(COCOJSONError) in
      try index.splice(COCOEntryUpdate(annotation: .object(JSONObject(["file_name": .string("x.png")]))), in: doc)
    }
    #expect(splice == error)
  }

  @Test("entry errors name the entry in one line")
  func entryErrors() throws {
    let doc = utf8(
      #"{"annotations": [{"file_name": "ok.png", "image_id": 1, "segments_info": []}, {"file_name": "x.png", "image_id": 2, "segments_info": [{"id": 5, "category_id": 1, "bbox": [1, 2]}]}], "categories": [{"id": 2, "name": "tree"}]}"#
    )
    let index = try COCOIndex.build(doc)
    let bad = cocoError { () throws(COCOJSONError) in
      try withBytes(of: doc) { raw throws(COCOJSONError) in try index.annotation(forFileName: "x.png", in: raw) }
    }
    #expect(
      bad?.description == #"annotations[1] (file_name "x.png"): segments_info[0] (id 5): "bbox" must be [x, y, w, h]"#)
    let cats = cocoError { () throws(COCOJSONError) in
      try withBytes(of: doc) { raw throws(COCOJSONError) in try index.categories(in: raw) }
    }
    #expect(cats?.description == #"categories[0] (id 2, name "tree"): has no "isthing" of 0 or 1"#)
    let notString = cocoError { () throws(COCOJSONError) in
      try COCOIndex.build(utf8(#"{"annotations": [{"file_name": 3}]}"#))
    }
    #expect(notString?.description == #"annotations[0]: "file_name" is not a string (byte 31)"#)
    let notObject = cocoError { () throws(COCOJSONError) in try COCOIndex.build(utf8(#"[1]"#)) }
    #expect(notObject == .notCOCO("the top level is not an object"))
    let syntax = cocoError { () throws(COCOJSONError) in
      try COCOIndex.build(utf8(#"{"annotations": [{"file_name": "a.png"},]}"#))
    }
    #expect(syntax?.description.contains("line 1, column 41") == true)
  }
}

/// panopticapi joins `file_name` to the PNG folder, so a name may hold subfolders.
@Suite("COCO file names with subfolders")
struct ListedFileNameTests {
  let index: COCOIndex

  init() throws {
    index = try COCOIndex.build(
      utf8(#"{"annotations": [{"file_name": "x.png"}, {"file_name": "val/x.png"}, {"file_name": "./val/y.png"}]}"#))
  }

  @Test func thePathBelowTheJSONsFolderIsAskedFirst() {
    let folder = ["data", "panoptic"]
    #expect(index.listedFileName(forPath: ["data", "panoptic", "val", "x.png"], folder: folder) == "val/x.png")
    // x.png directly in the folder is the other entry, not val/x.png.
    #expect(index.listedFileName(forPath: ["data", "panoptic", "x.png"], folder: folder) == "x.png")
    #expect(index.listedFileName(forPath: ["data", "panoptic", "val", "y.png"], folder: folder) == "val/y.png")
  }

  @Test func withAnotherFolderTheLongestListedTailIsTheName() {
    // A JSON given with --annotations elsewhere: its PNG folder is not the path's.
    #expect(index.listedFileName(forPath: ["mnt", "val", "x.png"], folder: ["home", "gt"]) == "val/x.png")
    #expect(index.listedFileName(forPath: ["mnt", "test", "x.png"], folder: nil) == "x.png")
    #expect(index.listedFileName(forPath: ["mnt", "val", "z.png"], folder: nil) == nil)
  }

  @Test func aNewPNGBelongsWithTheOnesOfItsSubfolder() {
    #expect(index.listsFile(inSubfolder: "val"))
    #expect(!index.listsFile(inSubfolder: "test"))
    #expect(!index.listsFile(inSubfolder: "va"))
  }
}
