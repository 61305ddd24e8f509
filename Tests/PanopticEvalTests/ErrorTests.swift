import Testing

@testable import PanopticEval

/// Every condition where `pq_compute` raises, with the same precedence.
@Suite struct ErrorTests {
  typealias F = Fixture
  static let gt = F.side(["aaaabbbb"], ["a": F.thing(1, 1), "b": F.thing(2, 3)])

  static func error(_ pred: F.Side, gt: F.Side = gt) -> EvalError? {
    do {
      _ = try F.evaluate(gt, pred)
      return nil
    } catch let error as EvalError {
      return error
    } catch {
      return nil
    }
  }

  /// Walking the PNG's ids upwards, the first problem wins: id 5 (not in
  /// the JSON) comes before id 9 (unknown class)...
  @Test func unlistedPredictedIdBeforeUnknownCategory() {
    let pred = F.side(["xxxxyyyy"], ["y": F.thing(9, 77)], unlisted: ["x": 5])
    #expect(Self.error(pred) == .segmentNotInJSON(imageId: "img", segmentId: 5))
  }

  /// ...and id 5 (unknown class) before id 9 (not in the JSON).
  @Test func unknownCategoryBeforeLargerUnlistedId() {
    let pred = F.side(["xxxxyyyy"], ["y": F.thing(5, 77)], unlisted: ["x": 9])
    #expect(Self.error(pred) == .unknownCategory(imageId: "img", segmentId: 5, categoryId: 77))
  }

  /// Void (id 0) in a prediction needs no JSON entry.
  @Test func voidNeedsNoEntry() {
    #expect(Self.error(F.side(["....bbbb"], ["b": F.thing(9, 3)])) == nil)
  }

  /// An unknown class on a segment without pixels is reported as "not in PNG".
  @Test func jsonEntriesWithoutPixels() {
    var pred = F.side(["aaaabbbb"], ["a": F.thing(7, 1), "b": F.thing(8, 3)])
    pred.segments += [F.thing(30, 77), F.thing(20, 1)]
    #expect(Self.error(pred) == .segmentsNotInPNG(imageId: "img", segmentIds: [20, 30]))
  }

  @Test func sizeMismatch() {
    let pred = F.side(["aaaa", "bbbb"], ["a": F.thing(7, 1), "b": F.thing(8, 3)])
    #expect(
      Self.error(pred)
        == .sizeMismatch(
          imageId: "img", groundTruthWidth: 8, groundTruthHeight: 1, predictionWidth: 4,
          predictionHeight: 2))
  }

  @Test func malformedMap() {
    var pred = F.side(["aaaabbbb"], ["a": F.thing(7, 1), "b": F.thing(8, 3)])
    pred.map.ids.removeLast()
    #expect(
      Self.error(pred)
        == .malformedIdMap(imageId: "img", side: .prediction, width: 8, height: 1, pixelCount: 7))
  }

  /// A missing ground-truth area fails only when a same-class, non-crowd
  /// prediction overlaps it, as Python's KeyError does.
  @Test func missingAreaOnlyWhenNeeded() {
    var gt = Self.gt
    gt.segments[0].area = nil
    let other = F.side(["ccccbbbb"], ["c": F.thing(7, 2), "b": F.thing(8, 3)])
    #expect(Self.error(other, gt: gt) == nil)
    let same = F.side(["aaaabbbb"], ["a": F.thing(7, 1), "b": F.thing(8, 3)])
    #expect(Self.error(same, gt: gt) == .missingArea(imageId: "img", segmentId: 1))
  }

  @Test func missingPredictionAndLastDuplicateWins() throws {
    #expect(throws: EvalError.missingPrediction(imageId: "3")) {
      try AnnotationPairing.pair(groundTruthImageIds: [1, 3], predictionImageIds: [1, 2])
    }
    let pairing = try AnnotationPairing.pair(
      groundTruthImageIds: ["b", "a"], predictionImageIds: ["a", "b", "x", "a"])
    #expect(pairing == [1, 3])
  }

  @Test func messagesAreOneActionableLine() {
    let messages = [
      EvalError.segmentNotInJSON(imageId: "42", segmentId: 0x03_02_01).description,
      EvalError.segmentsNotInPNG(imageId: "42", segmentIds: [1, 2]).description,
    ]
    #expect(messages[0].contains("RGB 1,2,3"))
    #expect(messages.allSatisfy { !$0.contains("\n") && $0.hasPrefix("image 42: ") })
  }
}
