import PanopticModel
import Testing

@testable import PanopticApp

/// How `eval` reads the flags of a COCO JSON: as `pq_compute` does, by Python's `== 1`.
@Suite("Eval JSON flags")
struct EvalJSONTests {
  static func segment(_ text: String) throws -> Bool {
    try EvalDataset.segment(JSONValue.parse(text), at: "s").isCrowd
  }

  @Test func trueAndOnePointZeroAreCrowdsAsInPython() throws {
    // pq_compute ignores a predicted segment over a `"iscrowd": true` ground truth (True == 1);
    // read as "not an integer, so 0" it was counted as a miss and PQ differed from panopticapi's.
    #expect(try Self.segment(#"{"id": 1, "category_id": 1, "iscrowd": true}"#))
    #expect(try Self.segment(#"{"id": 1, "category_id": 1, "iscrowd": 1.0}"#))
    #expect(try !Self.segment(#"{"id": 1, "category_id": 1, "iscrowd": false}"#))
    #expect(try !Self.segment(#"{"id": 1, "category_id": 1, "iscrowd": "1"}"#))
    #expect(try !Self.segment(#"{"id": 1, "category_id": 1}"#))
    let thing = try EvalDataset.category(JSONValue.parse(#"{"id": 3, "name": "car", "isthing": true}"#), at: "c")
    #expect(thing.isThing)
  }
}
