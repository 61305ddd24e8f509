import Testing

@testable import PanopticEval

/// The printed table and the JSON, against what CPython prints.
@Suite struct FormattingTests {
  /// Expected strings are `format(value, '5.1f')` from CPython 3.11.
  @Test(arguments: [
    (0.25, "  0.2"), (0.35, "  0.3"), (0.05, "  0.1"), (0.15, "  0.1"), (99.95, "100.0"),
    (2.675, "  2.7"), (-0.0, " -0.0"), (-0.01, " -0.0"), (0.0, "  0.0"), (1e-300, "  0.0"),
    (123456.789, "123456.8"), (100.0, "100.0"), (62.34999999000001, " 62.3"),
    (Double.nan, "  nan"), (Double.infinity, "  inf"),
  ])
  func fixedLikePython(value: Double, expected: String) {
    #expect(PythonFormat.fixed(value, decimals: 1, width: 5) == expected)
  }

  @Test func twoDecimalsAndLargeValues() {
    #expect(PythonFormat.fixed(2.675, decimals: 2, width: 0) == "2.67")
    #expect(PythonFormat.fixed(1e22, decimals: 1, width: 0) == "10000000000000000000000.0")
  }

  static func results() throws -> PQResults {
    let gt = Fixture.side(["aaaaaabb"], ["a": Fixture.thing(1, 1), "b": Fixture.thing(2, 3)])
    let pred = Fixture.side(["baaaaaab"], ["a": Fixture.thing(3, 1), "b": Fixture.thing(4, 3)])
    return Fixture.results([try Fixture.evaluate(gt, pred)])
  }

  /// Person IoU 5/7, sky IoU 1/3 → no sky match.
  @Test func tableLikePQCompute() throws {
    let expected = """
                |    PQ     SQ     RQ     N
      --------------------------------------
      All       |  35.7   35.7   50.0     2
      Things    |  71.4   71.4  100.0     1
      Stuff     |   0.0    0.0    0.0     1

      """
    #expect(try Self.results().pqComputeTable() == expected)
  }

  @Test func perClassTable() throws {
    let lines = try Self.results().perClassTable().split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2] == "person    | thing  71.4   71.4  100.0      1      0      0")
  }

  /// A name as long as the column still has a space before the bar.
  @Test func perClassTableKeepsASpaceAfterLongNames() throws {
    let categories = CategoryTable([EvalCategory(id: 1, name: "sky-other-merged", isThing: false)])
    let missed = try ImageEvaluation.evaluate(
      imageId: "1", groundTruth: SegmentIdMap(width: 1, height: 1, ids: [1]),
      groundTruthSegments: [EvalSegment(id: 1, categoryId: 1, area: 1)],
      prediction: SegmentIdMap(width: 1, height: 1, ids: [0]), predictionSegments: [], categories: categories)
    var stat = PQStat()
    stat.add(missed)
    let table = PQResults(stat: stat, categories: categories).perClassTable()
    #expect(table.split(separator: "\n")[2].hasPrefix("sky-other-merged | stuff "))
  }

  @Test func jsonShapeAndShortestNumbers() throws {
    let json = try Self.results().json()
    #expect(json.hasPrefix("{\"All\": {\"pq\": 0.35714285714285715, \"sq\": 0.35714285714285715, \"rq\": 0.5, \"n\": 2}"))
    #expect(json.contains("\"per_class\": {\"1\": {\"pq\": 0.7142857142857143,"))
    #expect(json.contains("\"5\": {\"pq\": 0.0, \"sq\": 0.0, \"rq\": 0.0}}}"))
    #expect(JSONText.number(.nan) == "NaN" && JSONText.number(-.infinity) == "-Infinity")
    #expect(JSONText.number(1e-5) == "1e-05")
    #expect(JSONText.string("a\"b\\\n\u{1}") == "\"a\\\"b\\\\\\n\\u0001\"")
  }
}
