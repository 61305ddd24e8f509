import Testing

@testable import PanopticModel

@Suite("labelme JSON import")
struct LabelmeTests {
  func file(_ shapes: [String], width: Int = 6, height: Int = 4) throws -> JSONValue {
    try JSONValue.parse(
      "{\"version\": \"5.4.1\", \"imageWidth\": \(width), \"imageHeight\": \(height), \"shapes\": [\(shapes.joined(separator: ","))]}")
  }

  func shape(_ label: String, _ points: String, group: String = "null", type: String = "polygon") -> String {
    "{\"label\": \"\(label)\", \"points\": \(points), \"group_id\": \(group), \"shape_type\": \"\(type)\", \"flags\": {}}"
  }

  @Test func groupIDJoinsShapesIntoOneInstanceAndStuffMerges() throws {
    let got = try LabelmeFormat.importFile(
      try file([
        shape("road", "[[0, 2], [5, 2]]", type: "rectangle"),
        shape("road", "[[0, 3.4], [5.2, 3]]", type: "rectangle"),
        shape("car", "[[0, 0], [1, 0], [1, 1], [0, 1]]", group: "7"),
        shape("car", "[[4, 0], [5, 0], [5, 1], [4, 1]]", group: "7"),
        shape("person", "[[2, 0], [3, 0], [3, 2.2], [2, 2]]"),
        shape("person", "[[1, 1]]", type: "point"),
      ]), catalog: coco)
    let want = asciiMap(
      """
      ccppcc
      ccppcc
      rrpprr
      rrrrrr
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "p": PanopticLabel(classIndex: person, instance: 2)])
    #expect(got.map == want)
    #expect(got.notes == [
      "skipped 1 shapes without an area (1 point)",
      "2 pixels are covered by more than one shape: the later one kept (drawn on top)",
    ])
  }

  @Test func thingShapesWithoutGroupAreSeparateInstances() throws {
    let got = try LabelmeFormat.importFile(
      try file([shape("car", "[[0, 0], [1, 1]]", type: "rectangle"), shape("car", "[[3, 0], [4, 1]]", type: "rectangle")]),
      catalog: coco)
    #expect(got.map[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    #expect(got.map[3, 0] == PanopticLabel(classIndex: car, instance: 2))
    #expect(got.map[5, 3] == .void)
  }

  @Test func refusals() throws {
    #expect(throws: PanopticError.badLabels("shape 1: class \"unicorn\" is not in the coco catalog; name a catalog with --classes")) {
      try LabelmeFormat.importFile(try file([shape("unicorn", "[[0, 0], [1, 0], [1, 1]]")]), catalog: coco)
    }
    #expect(throws: PanopticError.badAnnotations("shape 1: a polygon needs 3 points or more, it has 2")) {
      try LabelmeFormat.importFile(try file([shape("car", "[[0, 0], [1, 0]]")]), catalog: coco)
    }
    #expect(throws: PanopticError.badAnnotations("imageWidth and imageHeight must be positive integers")) {
      try LabelmeFormat.importFile(try JSONValue.parse("{\"shapes\": [], \"imageHeight\": 0}"), catalog: coco)
    }
  }
}
