import Testing

@testable import PanopticEval

/// The basic situations of `pq_compute`, each with numbers worked out by hand
/// in the same operation order as Python (so `==` on doubles is right).
@Suite struct MatchingTests {
  typealias F = Fixture

  static let threeSegments = F.side(
    [
      "ppppss",
      "ppppss",
      "ccssss",
      "ccssss",
    ], ["p": F.thing(1000, 1), "c": F.thing(2000, 2), "s": F.thing(3000, 3)])

  @Test func perfectMatchWithOtherIdsAndOrder() throws {
    let pred = F.side(
      [
        "ppppss",
        "ppppss",
        "ccssss",
        "ccssss",
      ], ["s": F.thing(9, 3), "c": F.thing(8, 2), "p": F.thing(7, 1)])
    let image = try F.evaluate(Self.threeSegments, pred)
    #expect(image.matches.map(\.iou) == [1, 1, 1])
    #expect(image.matches.map(\.groundTruthId) == [1000, 2000, 3000])  // (gt id, pred id) order
    let results = F.results([image])
    #expect(F.scores(results.all) == [1, 1, 1, 3])
    #expect(F.scores(results.things) == [1, 1, 1, 2])
    #expect(F.scores(results.stuff) == [1, 1, 1, 1])
  }

  /// A class with tp + fp + fn == 0 is reported as 0 but not averaged.
  @Test func classWithoutSegmentsIsNotCounted() throws {
    let image = try F.evaluate(Self.threeSegments, Self.threeSegments)
    let results = F.results([image])
    #expect(results.all.n == 3)  // not 5: grass and tree have no segment
    #expect(results.stuff.n == 1)
    for id in [4, 5] {
      let result = results.perClass.first { $0.category.id == id }!
      #expect(!result.isCounted)
      #expect([result.pq, result.sq, result.rq] == [0, 0, 0])
    }
    #expect(results.perClass.map(\.category.id) == [1, 2, 3, 4, 5])
  }

  static let personOnSky = F.side(
    [
      "aaaaaabbbbbb",
      "bbbbbbbbbbbb",
      "bbbbbbbbbbbb",
      "bbbbbbbbbbbb",
    ], ["a": F.thing(1, 1), "b": F.thing(2, 3)])

  /// Shift by one: intersection 5, union 7 → 5/7 > 0.5, a match.
  @Test func shiftedMaskJustAboveHalf() throws {
    let pred = F.side(
      [
        "baaaaaabbbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
      ], ["a": F.thing(11, 1), "b": F.thing(12, 3)])
    let image = try F.evaluate(Self.personOnSky, pred)
    let ious: [Double] = [5.0 / 7.0, 41.0 / 43.0]
    #expect(image.matches.map(\.iou) == ious)
    #expect(image.matches.map(\.union) == [7, 43])
    let results = F.results([image])
    let person: Double = 5.0 / 7.0
    #expect(F.classScores(results, 1) == [person, person, 1])
    let average: Double = (5.0 / 7.0 + 41.0 / 43.0) / 2
    #expect(F.scores(results.all) == [average, average, 1, 2])
  }

  /// Shift by two: intersection 4, union 8 → exactly 0.5, which `>` rejects.
  @Test func shiftedMaskAtExactlyHalfIsNoMatch() throws {
    let pred = F.side(
      [
        "bbaaaaaabbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
      ], ["a": F.thing(11, 1), "b": F.thing(12, 3)])
    let image = try F.evaluate(Self.personOnSky, pred)
    #expect(image.matches.map(\.groundTruthId) == [2])
    #expect(image.falseNegatives.map(\.id) == [1])
    #expect(image.falsePositives.map(\.id) == [11])
    let results = F.results([image])
    #expect(F.classScores(results, 1) == [0, 0, 0])
    let sky: Double = 40.0 / 44.0
    #expect(F.classScores(results, 3) == [sky, sky, 1])
    let average: Double = (40.0 / 44.0) / 2
    #expect(F.scores(results.all) == [average, average, 0.5, 2])
  }

  /// P lies wholly on the person crowd (ignored); Q only 2 of 6 pixels
  /// (a false positive); R is a car on the *person* crowd (a false positive:
  /// crowd only absorbs its own class). The crowd itself is no false negative.
  @Test func crowdRegionAbsorbsFalsePositiveOfItsClass() throws {
    let gt = F.side(
      [
        "CCCCssss",
        "CCCCssss",
        "ssssssss",
      ], ["C": F.crowd(50, 1), "s": F.thing(60, 3)])
    let pred = F.side(
      [
        "PPPRssss",
        "PPQQQsss",
        "ssQQQsss",
      ], ["P": F.thing(1, 1), "R": F.thing(2, 2), "Q": F.thing(3, 1), "s": F.thing(4, 3)])
    let image = try F.evaluate(gt, pred)
    #expect(image.ignoredPredictions.map(\.id) == [1])
    #expect(image.falsePositives.map(\.id) == [2, 3])
    #expect(image.falseNegatives.isEmpty)
    #expect(image.crowdSegments.map(\.id) == [50])
    #expect(image.matches.map(\.iou) == [0.75])  // sky: 12 / (12 + 16 − 12)
    let results = F.results([image])
    let (quality, recognition): (Double, Double) = (0.75 / 3, 1.0 / 3)
    #expect(F.scores(results.all) == [quality, quality, recognition, 3])
    #expect(F.scores(results.things) == [0, 0, 0, 2])
    #expect(F.scores(results.stuff) == [0.75, 0.75, 1, 1])
  }

  /// The person prediction covers the person and two void pixels: void
  /// leaves the union, IoU is exactly 1. V lies only on void (ignored); W is
  /// exactly half on void (not more than half: a false positive).
  @Test func voidInGroundTruthAbsorbsPartOfPrediction() throws {
    let gt = F.side(
      [
        "aaaa....",
        "ssssssss",
        "..ssssss",
      ], ["a": F.thing(1, 1), "s": F.thing(2, 3)])
    let pred = F.side(
      [
        "aaaaaaVV",
        "ssssssWW",
        "WWssssss",
      ], ["a": F.thing(5, 1), "V": F.thing(6, 2), "W": F.thing(7, 2), "s": F.thing(8, 3)])
    let image = try F.evaluate(gt, pred)
    let ious: [Double] = [1, 12.0 / 14.0]
    #expect(image.matches.map(\.iou) == ious)
    #expect(image.matches.map(\.union) == [4, 14])
    #expect(image.ignoredPredictions.map(\.id) == [6])
    #expect(image.falsePositives.map(\.id) == [7])
    let results = F.results([image])
    let average: Double = (1 + 0 + 12.0 / 14.0) / 3
    let recognition: Double = 2.0 / 3
    #expect(F.scores(results.all) == [average, average, recognition, 3])
    #expect(F.scores(results.things) == [0.5, 0.5, 0.5, 2])
    let sky: Double = 12.0 / 14.0
    #expect(F.scores(results.stuff) == [sky, sky, 1, 1])
  }

  /// Same pixels, other class: one false negative and one false positive.
  /// No stuff class has a segment, so Stuff is empty (pq_compute would
  /// raise ZeroDivisionError here).
  @Test func classMismatchIsMissPlusFalsePositive() throws {
    let gt = F.side(["aaaa"], ["a": F.thing(1, 1)])
    let pred = F.side(["bbbb"], ["b": F.thing(2, 2)])
    let image = try F.evaluate(gt, pred)
    #expect(image.matches.isEmpty)
    #expect(image.falseNegatives.map(\.id) == [1])
    #expect(image.falsePositives.map(\.id) == [2])
    let results = F.results([image])
    #expect(F.scores(results.all) == [0, 0, 0, 2])
    #expect(results.stuff.isEmpty)
    #expect(F.scores(results.stuff) == [0, 0, 0, 0])
  }

  @Test func emptyPredictionMissesEverything() throws {
    let pred = F.side(["......", "......", "......", "......"], [:])
    let image = try F.evaluate(Self.threeSegments, pred)
    #expect(image.falseNegatives.map(\.id) == [1000, 2000, 3000])
    #expect(image.falsePositives.isEmpty)
    let results = F.results([image])
    #expect(F.scores(results.all) == [0, 0, 0, 3])
    #expect(results.perClass.first!.totals.falseNegatives == 1)
  }

  /// Several images: counts add up, IoUs are summed per class.
  @Test func imagesAccumulate() throws {
    let shifted = F.side(
      [
        "baaaaaabbbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
        "bbbbbbbbbbbb",
      ], ["a": F.thing(11, 1), "b": F.thing(12, 3)])
    let first = try F.evaluate(Self.personOnSky, Self.personOnSky)
    let second = try F.evaluate(Self.personOnSky, shifted)
    let results = F.results([first, second])
    let person = results.perClass[0].totals
    #expect(person.truePositives == 2)
    #expect(person.iouSum == 1 + 5.0 / 7.0)
    #expect(results.perClass[0].sq == (1 + 5.0 / 7.0) / 2)
  }
}
