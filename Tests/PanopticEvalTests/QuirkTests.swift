import Testing

@testable import PanopticEval

/// `pq_compute` behaviours that are easy to get "right" and thereby wrong.
@Suite struct QuirkTests {
  typealias F = Fixture

  /// The ground truth's area is the JSON's, not the PNG's: with area 7 for a
  /// 6-pixel segment the union is 6 + 7 − 5 = 8, IoU 5/8.
  @Test func groundTruthAreaComesFromJSON() throws {
    let gt = F.side(["aaaaaabb"], ["a": F.thing(1, 1, area: 7), "b": F.thing(2, 3)])
    let pred = F.side(["baaaaaab"], ["a": F.thing(3, 1), "b": F.thing(4, 3)])
    let image = try F.evaluate(gt, pred)
    #expect(image.matches.first?.iou == 5.0 / 8.0)
  }

  /// The predicted area is always recounted from the PNG (a wrong JSON
  /// area is ignored): still 5/7.
  @Test func predictionAreaComesFromPNG() throws {
    let gt = F.side(["aaaaaabb"], ["a": F.thing(1, 1), "b": F.thing(2, 3)])
    let pred = F.side(["baaaaaab"], ["a": F.thing(3, 1, area: 100), "b": F.thing(4, 3)])
    #expect(try F.evaluate(gt, pred).matches.first?.iou == 5.0 / 7.0)
  }

  /// Ground-truth ids missing from the JSON are skipped without error, and
  /// they are not void: a prediction lying on them is a false positive.
  @Test func unlistedGroundTruthIdIsNeitherErrorNorVoid() throws {
    let gt = F.side(["xxxxssss"], ["s": F.thing(2, 3)], unlisted: ["x": 99])
    let pred = F.side(["ppppssss"], ["p": F.thing(5, 1), "s": F.thing(6, 3)])
    let overlap = try F.overlap(gt, pred)
    #expect(overlap.unlistedGroundTruthIds == [99])
    let image = try ImageEvaluation.evaluate(overlap, categories: F.categories)
    #expect(image.falsePositives.map(\.id) == [5])
  }

  /// A repeated id keeps its first position and its last values.
  @Test func duplicateSegmentIdsBehaveLikeAPythonDict() throws {
    let gt = F.side(["aaaabbbb"], ["a": F.thing(1, 1), "b": F.thing(2, 3)])
    let pred = F.side(["aaaabbbb"], ["a": F.thing(5, 2), "b": F.thing(6, 3)])
    var segments = pred.segments
    segments.append(F.thing(5, 1))  // same id, now a person
    let image = try ImageEvaluation.evaluate(
      imageId: "img", groundTruth: gt.map, groundTruthSegments: gt.segments,
      prediction: pred.map, predictionSegments: segments, categories: F.categories)
    #expect(image.matches.map(\.categoryId) == [1, 3])
  }

  /// Only one crowd region per class is used: the last in `segments_info`.
  /// P lies on the first person crowd and is therefore a false positive;
  /// Q lies on the last one and is ignored.
  @Test func onlyTheLastCrowdRegionOfAClassAbsorbs() throws {
    let gt = F.side(["AAAABBBB"], ["A": F.crowd(1, 1), "B": F.crowd(2, 1)])
    let pred = F.side(["PPPPQQQQ"], ["P": F.thing(3, 1), "Q": F.thing(4, 1)])
    let image = try F.evaluate(gt, pred)
    #expect(image.falsePositives.map(\.id) == [3])
    #expect(image.ignoredPredictions.map(\.id) == [4])
    #expect(image.falseNegatives.isEmpty)
    #expect(F.scores(F.results([image]).all) == [0, 0, 0, 1])
  }

  /// Crowd ground truth is never matched, even by a perfect prediction.
  @Test func crowdIsNeverMatched() throws {
    let gt = F.side(["CCCCssss"], ["C": F.crowd(1, 1), "s": F.thing(2, 3)])
    let pred = F.side(["PPPPssss"], ["P": F.thing(3, 1), "s": F.thing(4, 3)])
    let image = try F.evaluate(gt, pred)
    #expect(image.matches.map(\.groundTruthId) == [2])
    #expect(image.ignoredPredictions.map(\.id) == [3])
  }

  /// Ground-truth segments of a class the categories do not define count
  /// nowhere (pq_compute keeps them in PQStat but averages only known classes).
  @Test func unknownGroundTruthClassIsSilentlyDropped() throws {
    let gt = F.side(["aaaassss"], ["a": F.thing(1, 77), "s": F.thing(2, 3)])
    let pred = F.side(["....ssss"], ["s": F.thing(4, 3)])
    let image = try F.evaluate(gt, pred)
    #expect(image.falseNegatives.map(\.categoryId) == [77])
    #expect(F.scores(F.results([image]).all) == [1, 1, 1, 1])
  }

  /// A ground-truth segment listed in the JSON but absent from the PNG is a miss.
  @Test func groundTruthWithoutPixelsIsAMiss() throws {
    let gt = F.side(["ssss"], ["a": F.thing(1, 1, area: 0), "s": F.thing(2, 3)])
    let pred = F.side(["ssss"], ["s": F.thing(4, 3)])
    #expect(try F.evaluate(gt, pred).falseNegatives.map(\.id) == [1])
  }

  /// `isthing` and `iscrowd` count only when exactly 1.
  @Test func flagsCountOnlyWhenOne() {
    #expect(!EvalCategory(id: 1, name: "x", isthing: 2).isThing)
    #expect(!EvalSegment(id: 1, categoryId: 1, iscrowd: 2).isCrowd)
    #expect(EvalSegment(id: 1, categoryId: 1, iscrowd: 1).isCrowd)
  }

  /// Duplicated category ids: first position, last values.
  @Test func duplicateCategoriesBehaveLikeAPythonDict() {
    let table = CategoryTable([
      EvalCategory(id: 1, name: "a", isThing: true), EvalCategory(id: 2, name: "b", isThing: false),
      EvalCategory(id: 1, name: "c", isThing: false),
    ])
    #expect(table.categories.map(\.name) == ["c", "b"])
  }
}
