import PanopticModel
import Testing

@testable import PanopticEditor

/// `edit --reference FILE`: a second label file shown on a toggle, and
/// segments taken from it.
@Suite("Reference labels")
struct ReferenceTests {
  static let c1 = PanopticLabel(classIndex: car, instance: 1)
  static let c2 = PanopticLabel(classIndex: car, instance: 2)
  static let r = PanopticLabel(classIndex: road)
  static let p = PanopticLabel(classIndex: person, instance: 1)

  /// Own labels: one person #1. Reference: a car #1, a road, a car #2.
  static func state() throws -> EditorState {
    let own = asciiMap(
      """
      p.....
      ......
      ......
      """, ["p": p])
    let ref = asciiMap(
      """
      .cc..d
      .cc..d
      rrrrrr
      """, ["c": c1, "d": c2, "r": r])
    var s = EditorState(labels: own, image: nil, catalog: coco, keymap: Keymap(name: "t"))
    try s.attach(reference: ReferenceLabels(map: ref, catalog: coco, name: "pred.png"))
    return s
  }

  @Test func takeCopiesTheWholeSegmentAsANewInstanceAndUndoes() throws {
    var s = try Self.state()
    _ = try s.execute(.take(Point(2, 1)))
    // Reference car #1 becomes car #2 here: #1 is taken by the person.
    let taken = PanopticLabel(classIndex: car, instance: 2)
    #expect(
      asciiArt(s.labels, ["p": Self.p, "c": taken]) == """
        pcc...
        .cc...
        ......
        """)
    #expect(s.message.text.hasPrefix("took car #2 from pred.png (4 px)"))
    _ = try s.execute(.take(Point(0, 2)))
    #expect(s.labels[0, 2] == Self.r && s.labels[5, 2] == Self.r)
    _ = try s.execute(.undo)
    _ = try s.execute(.undo)
    #expect(s.labels == asciiMap("p.....\n......\n......", ["p": Self.p]))
  }

  @Test func theToggleShowsTheReferenceAndTheStatusLineSaysSo() throws {
    var s = try Self.state()
    #expect(s.shownLabels.map == s.labels)
    _ = try s.execute(.toggleReference)
    #expect(s.shownLabels.map[1, 0] == Self.c1)
    #expect(StatusLine.text(s).contains("REF pred.png"))
    _ = try s.execute(.toggleReference)
    #expect(s.shownLabels.map == s.labels && !StatusLine.text(s).contains("REF"))
  }

  /// The picture shows another file: a fill, a stroke, a click or a drag would change labels the
  /// annotator cannot see, so each is refused with the way back; `take` still works.
  @Test func editsAreRefusedWhileTheReferenceIsShown() throws {
    var s = try Self.state()
    _ = try s.execute(.setClass("road"))
    _ = try s.execute(.toggleReference)
    let before = s.labels
    for command: EditorCommand in [
      .fill(Point(3, 1)), .paint([Point(3, 1)]), .rect(Point(0, 0), Point(2, 2)), .erase([Point(0, 0)]),
      .delete(.instance(1)), .relabel(.instance(1), "car"), .renumber, .apply, .vertex, .finish,
    ] {
      #expect(throws: PanopticError.self) { try s.execute(command) }
    }
    #expect(s.run(.fill(Point(3, 1))).isEmpty && s.message.text.contains("reference pred.png, which is read only"))
    _ = try s.execute(.setTool(.brush))
    let a = s.view.viewport.screenPoint(imageX: 3, imageY: 1), b = s.view.viewport.screenPoint(imageX: 5, imageY: 1)
    _ = s.handle(.mouse(MouseEvent(.press, column: a.x, row: a.y / 2, lowerHalf: a.y % 2 == 1)))
    _ = s.handle(.mouse(MouseEvent(.drag, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    _ = s.handle(.mouse(MouseEvent(.release, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    #expect(s.labels == before && s.document.history.undoSteps.isEmpty)
    #expect(s.message.text.contains("ref (R) goes back to your labels"))
    _ = try s.execute(.take(Point(2, 1)))
    #expect(s.labels[2, 1] == PanopticLabel(classIndex: car, instance: 2))
    _ = try s.execute(.toggleReference)
    _ = try s.execute(.setClass("road"))
    _ = try s.execute(.rect(Point(3, 1), Point(3, 1)))
    #expect(s.labels[3, 1] == Self.r)
  }

  @Test func refusalsSayWhy() throws {
    var s = try Self.state()
    #expect(throws: PanopticError.self) { try s.execute(.take(Point(0, 0))) }  // void in the reference
    var bare = EditorState(labels: LabelMap(width: 6, height: 3), image: nil, catalog: coco, keymap: Keymap(name: "t"))
    #expect(throws: PanopticError.self) { try bare.execute(.toggleReference) }
    #expect(throws: PanopticError.self) {
      try bare.attach(reference: ReferenceLabels(map: LabelMap(width: 5, height: 3), catalog: coco, name: "x.png"))
    }
    // A class the labels' catalog lacks cannot be taken.
    let odd = ClassCatalog(name: "odd", classes: [ClassInfo(id: 1, name: "unicorn", kind: .thing, color: RGB(1, 2, 3))])
    var t = EditorState(labels: LabelMap(width: 2, height: 1), image: nil, catalog: coco, keymap: Keymap(name: "t"))
    try t.attach(
      reference: ReferenceLabels(
        map: LabelMap(width: 2, height: 1, filledWith: PanopticLabel(classIndex: 0, instance: 1)), catalog: odd, name: "u.png"))
    #expect(throws: PanopticError.self) { try t.execute(.take(Point(0, 0))) }
  }
}
