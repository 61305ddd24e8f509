import Testing

@testable import PanopticModel

@Suite("Splice: the rest of the file stays byte-identical, new bytes match the layout")
struct SpliceTests {
  static let newSegment = COCOSegment(
    id: 7, categoryID: 1, isCrowd: false, area: 4, bbox: COCOBox(x: 1, y: 1, width: 2, height: 2))

  func fixture(_ layout: String, _ name: String) -> [UInt8] {
    utf8(LayoutFixtures.documents[layout]![name]!)
  }

  @Test("replace an annotation and its image entry", arguments: LayoutFixtures.layouts)
  func replace(_ layout: String) throws {
    let doc = fixture(layout, "original")
    let index = try COCOIndex.build(doc)
    let (annotation, image) = try withBytes(of: doc) { raw throws(COCOJSONError) in
      (try index.annotation(forFileName: "b.png", in: raw)!, try index.image(forID: .int(2), in: raw)!)
    }
    var edited = annotation
    edited.segments = [Self.newSegment]
    var resized = image
    resized.width = 5
    let (output, splice) = try applySplice(COCOEntryUpdate(annotation: edited, image: resized), to: doc)
    #expect(text(output) == text(fixture(layout, "replaced")))
    #expect(splice.updatedIndex == (try COCOIndex.build(output)))
  }

  @Test("append a new image to non-empty, empty and missing arrays", arguments: LayoutFixtures.layouts)
  func append(_ layout: String) throws {
    for (before, after) in [
      ("original", "appended"), ("emptyArrays", "emptyArraysAppended"), ("missingArrays", "missingArraysAppended"),
    ] {
      let doc = fixture(layout, before)
      let update = COCOEntryUpdate(
        annotation: COCOAnnotation(fileName: "c.png", imageID: .int(3), segments: [Self.newSegment]),
        image: COCOImage(id: .int(3), fileName: "c.jpg", width: 4, height: 3))
      let (output, splice) = try applySplice(update, to: doc)
      #expect(text(output) == text(fixture(layout, after)), "\(layout) \(before)")
      #expect(splice.updatedIndex == (try COCOIndex.build(output)), "\(layout) \(before)")
    }
  }

  @Test("an empty top-level object gets both arrays")
  func emptyRoot() throws {
    let update = COCOEntryUpdate(
      annotation: COCOAnnotation(fileName: "c.png", imageID: .int(3), segments: []),
      image: COCOImage(id: .int(3), fileName: "c.jpg", width: 4, height: 3))
    let (output, splice) = try applySplice(update, to: utf8("{ }"))
    #expect(
      text(output)
        == #"{"images": [{"id": 3, "file_name": "c.jpg", "width": 4, "height": 3}], "annotations": [{"segments_info": [], "file_name": "c.png", "image_id": 3}]}"#
    )
    #expect(splice.updatedIndex == (try COCOIndex.build(output)))
  }

  @Test("unknown keys, key order and untouched segments survive an edit")
  func unknownKeysSurvive() throws {
    let doc = fixture("pythonDefault", "original")
    let index = try COCOIndex.build(doc)
    var annotation = try withBytes(of: doc) { raw throws(COCOJSONError) in
      try index.annotation(forFileName: "a.png", in: raw)!
    }
    annotation.segments.append(Self.newSegment)
    let (output, _) = try applySplice(COCOEntryUpdate(annotation: annotation), to: doc)
    let expected = text(doc).replacing(
      #""note": "caf"}}], "file_name""#,
      with:
        #""note": "caf"}}, {"area": 4, "category_id": 1, "iscrowd": 0, "id": 7, "bbox": [1, 1, 2, 2]}], "file_name""#)
    #expect(text(output) == expected)
  }

  @Test("an untouched entry written back gives the same file, byte for byte")
  func untouched() throws {
    for layout in LayoutFixtures.layouts {
      let doc = fixture(layout, "original")
      let index = try COCOIndex.build(doc)
      let annotation = try withBytes(of: doc) { raw throws(COCOJSONError) in
        try index.annotation(forFileName: "a.png", in: raw)!
      }
      #expect(try applySplice(COCOEntryUpdate(annotation: annotation), to: doc).output == doc, "\(layout)")
    }
  }

  @Test("refuses an image_id another annotation uses, and mismatched ids")
  func refusals() throws {
    let doc = fixture("pythonDefault", "original")
    let index = try COCOIndex.build(doc)
    let taken = cocoError { () throws(COCOJSONError) in
      try index.splice(
        COCOEntryUpdate(annotation: COCOAnnotation(fileName: "c.png", imageID: .int(1), segments: [])), in: doc)
    }
    #expect(taken?.description.contains(#"image_id 1 is already used by annotations[0] (file_name "a.png")"#) == true)
    let mismatch = cocoError { () throws(COCOJSONError) in
      try index.splice(
        COCOEntryUpdate(
          annotation: COCOAnnotation(fileName: "c.png", imageID: .int(3), segments: []),
          image: COCOImage(id: .int(4), fileName: nil, width: nil, height: nil)), in: doc)
    }
    #expect(mismatch == .cannotSplice("the images entry has id 4 but the annotation's image_id is 3"))
  }
}
