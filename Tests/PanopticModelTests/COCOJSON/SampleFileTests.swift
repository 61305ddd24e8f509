import Foundation
import Testing

@testable import PanopticModel

/// panopticapi's real sample (COCO val2017 entries, `json.dump` layout), when the
/// shared reference data is present on this machine.
let samplePath = "/work/shared/data/coco-panoptic-sample/panoptic_examples.json"

@Suite("The real COCO sample", .enabled(if: FileManager.default.fileExists(atPath: samplePath)))
struct SampleFileTests {
  @Test("every entry decodes and writes back byte-identically")
  func untouchedRoundTrip() throws {
    let doc = try [UInt8](Data(contentsOf: URL(fileURLWithPath: samplePath)))
    let index = try COCOIndex.build(doc)
    #expect(index.annotations.map(\.fileName) == ["000000142238.png", "000000439180.png"])
    for entry in index.annotations {
      let name = try #require(entry.fileName)
      let (annotation, image) = try withBytes(of: doc) { raw throws(COCOJSONError) in
        (try index.annotation(forFileName: name, in: raw)!, try index.image(forID: entry.imageID!, in: raw)!)
      }
      let (output, splice) = try applySplice(COCOEntryUpdate(annotation: annotation, image: image), to: doc)
      #expect(output == doc)
      #expect(splice.updatedIndex == index)
    }
    let categories = try withBytes(of: doc) { raw throws(COCOJSONError) in try index.categories(in: raw) }
    #expect(categories?.count == 133)
    #expect(categories?.allSatisfy { !$0.isColorGenerated } == true)
  }

  @Test("a one-segment fix changes one segment's bytes and nothing else")
  func oneSegmentDiff() throws {
    let doc = try [UInt8](Data(contentsOf: URL(fileURLWithPath: samplePath)))
    let index = try COCOIndex.build(doc)
    var annotation = try withBytes(of: doc) { raw throws(COCOJSONError) in
      try index.annotation(forFileName: "000000439180.png", in: raw)!
    }
    annotation.segments[3].categoryID = 2
    let (output, _) = try applySplice(COCOEntryUpdate(annotation: annotation), to: doc)
    let before = text(doc)
    let after = text(output)
    #expect(before.count == after.count)
    let differing = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }
    #expect(differing.count == 1)  // `"category_id": 1` → `"category_id": 2`
  }
}
