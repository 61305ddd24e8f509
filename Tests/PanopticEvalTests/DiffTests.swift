import Testing

@testable import PanopticEval

/// `panoptty diff A B`: pairs by IoU > 0.5 regardless of class.
@Suite struct DiffTests {
  typealias F = Fixture

  static func diff(
    _ a: F.Side, _ b: F.Side, rule: SegmentDiff.IoURule = .panopticapi
  ) throws -> SegmentDiff {
    SegmentDiff(try F.overlap(a, b), rule: rule)
  }

  @Test func identicalLabelsWithOtherIdsAreUnchanged() throws {
    let a = F.side(["aabb", "aabb"], ["a": F.thing(1, 1), "b": F.thing(2, 3)])
    let b = F.side(["aabb", "aabb"], ["b": F.thing(20, 3), "a": F.thing(10, 1)])
    let diff = try Self.diff(a, b)
    #expect(diff.pairs.count == 2 && diff.changed.isEmpty)
    #expect(diff.removed.isEmpty && diff.added.isEmpty)
  }

  /// A relabelled segment is one changed pair, not a removal plus an addition.
  @Test func classChangeIsAPair() throws {
    let a = F.side(["aaaabbbb"], ["a": F.thing(1, 1), "b": F.thing(2, 3)])
    let b = F.side(["cccbbbbb"], ["c": F.thing(5, 2), "b": F.thing(6, 3)])
    let diff = try Self.diff(a, b)
    let changed = diff.changed
    #expect(changed.map(\.a.id) == [1, 2])
    #expect(changed[0].classChanged && changed[0].iou == 3.0 / 4.0)
    #expect(!changed[1].classChanged && changed[1].iou == 4.0 / 5.0)
  }

  /// Unpaired segments name what they overlap most, with its IoU.
  @Test func removedAndAddedNameTheirBestCounterpart() throws {
    let a = F.side(["aaaaaaaa", "ssssssss"], ["a": F.thing(1, 1), "s": F.thing(2, 3)])
    let b = F.side(["xxyyyy..", "ssssssss"], ["x": F.thing(7, 1), "y": F.thing(8, 1), "s": F.thing(9, 3)])
    let diff = try Self.diff(a, b)
    #expect(diff.pairs.map(\.b.id) == [9])
    #expect(diff.removed.map(\.segment.id) == [1])
    #expect(diff.removed[0].bestCounterpart?.id == 8)
    #expect(diff.removed[0].bestIoU == 0.5)  // 4 / 8: a split at exactly half
    #expect(diff.removed[0].pixelsOnVoid == 2)
    #expect(diff.added.map(\.segment.id) == [7, 8])
    #expect(diff.added[0].bestIoU == 2.0 / 8.0)
  }

  /// panopticapi's rule drops B's pixels on A's void from the union; the
  /// symmetric rule keeps them.
  @Test func iouRules() throws {
    let a = F.side(["aaa.."], ["a": F.thing(1, 1)])
    let b = F.side(["aaaaa"], ["a": F.thing(2, 1)])
    #expect(try Self.diff(a, b).pairs.first?.iou == 1)
    #expect(try Self.diff(a, b, rule: .symmetric).pairs.first?.iou == 3.0 / 5.0)
  }

  @Test func crowdFlagChange() throws {
    let a = F.side(["aaaa"], ["a": F.crowd(1, 1)])
    let b = F.side(["aaaa"], ["a": F.thing(2, 1)])
    let pair = try Self.diff(a, b).pairs[0]
    #expect(pair.crowdChanged && !pair.isUnchanged)
  }

  @Test func json() throws {
    let a = F.side(["aaaa"], ["a": F.thing(1, 1)])
    let b = F.side(["bbb."], ["b": F.thing(2, 2)])
    let json = try Self.diff(a, b).json()
    #expect(json.contains("\"class_changed\": true"))
    #expect(json.contains("\"iou\": 0.75"))
    #expect(json.hasSuffix("\"removed\": [], \"added\": []}"))
  }
}
