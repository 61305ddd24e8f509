import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

/// What the editor refuses or holds back so that nothing happens unseen or breaks a file:
/// blind keys, margin clicks, a reused instance id, a speckled preserve fill.
@Suite("Editor guards")
struct EditorGuardTests {
  /// The smart tool's hint names the exclude key of the keymap in use (vim's x erases).
  @Test func theSmartHintNamesThisKeymapsExcludeKey() throws {
    for (name, key) in [("default", "(x)"), ("vim", "(d)")] {
      var s = EditorState(
        labels: asciiMap("..\n..", [:]), image: nil, catalog: coco, keymap: Keymap.builtIn(named: name)!)
      _ = try s.execute(.setTool(.smart))
      #expect(s.message.text.contains("right click \(key) on what is not"))
    }
  }

  /// While the screen says "terminal too small" keys that edit and clicks do nothing: they
  /// would edit blind.
  @Test func aTooSmallTerminalTakesNoKeys() throws {
    var s = EditorState(
      labels: asciiMap("....\n....", [:]), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 60, rows: 20)
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.setTool(.brush))
    _ = s.handle(.resize(columns: 19, rows: 4))
    _ = s.handle(.key(.char(" ")))
    let blind = s.isDirty
    #expect(!blind)
    _ = s.handle(.resize(columns: 60, rows: 20))
    _ = s.handle(.key(.char(" ")))
    let seen = s.isDirty
    #expect(seen, "\(s.message.text)")
    // Leaving still works blind: q asks about the unsaved change, as it would on a big screen.
    _ = s.handle(.resize(columns: 19, rows: 4))
    _ = s.handle(.key(.char("q")))
    #expect(s.mode == .confirmQuit)
    // …but the prompt cannot be read there: a blind `y` quit without saving (and dropped the
    // journal). It waits for a terminal that shows it; Esc leaves it.
    #expect(s.handle(.key(.char("y"))).isEmpty)
    #expect(s.mode == .confirmQuit)
    _ = s.handle(.resize(columns: 60, rows: 20))
    #expect(s.handle(.key(.char("y"))) == [.quit])
  }

  /// The `:` line opens blind, as in vim, to save or leave; a `:fill` typed there filled and a
  /// `:w` after it saved what no one saw (a stranger's 15×4 tmux pane).
  @Test func aTooSmallTerminalRunsOnlyLeavingAndSavingFromTheCommandLine() throws {
    var s = EditorState(
      labels: asciiMap("....\n....", [:]), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 60, rows: 20)
    _ = try s.execute(.setClass("car"))
    _ = s.handle(.resize(columns: 15, rows: 4))
    func typeLine(_ text: String) -> [EditorEffect] {
      _ = s.handle(.key(.char(":")))
      for c in text { _ = s.handle(.key(.char(c))) }
      return s.handle(.key(.enter))
    }
    #expect(typeLine("rect 0 0 3 1").isEmpty)
    let blind = s.isDirty
    #expect(!blind)
    #expect(s.message.text.hasPrefix("the terminal is too small to show the picture: rect 0 0 3 1 was not run"))
    #expect(typeLine("w; rect 0 0 1 1").isEmpty)
    #expect(typeLine("w") == [.save(path: nil, force: false, thenQuit: false)])
    #expect(typeLine("q!") == [.quit])
  }

  /// A press on the margin round a fitted picture does nothing (it filled the edge row above
  /// and below the picture); a box dragged from the picture and released over the panel is
  /// clamped to the picture's edge (it was dropped without a word).
  @Test func marginPressesHitNothingAndDragsEndAtTheEdge() throws {
    var s = EditorState(
      labels: LabelMap(width: 40, height: 10), image: RGBImage(width: 40, height: 10, bytes: [UInt8](repeating: 90, count: 1200)),
      catalog: coco, keymap: Keymap.builtIn(named: "default")!, columns: 120, rows: 40)
    _ = try s.execute(.setClass("sky-other-merged"))
    _ = try s.execute(.setTool(.fill))
    let margin = try #require((0..<s.view.layout.picture.rows).first { !s.view.cellShowsImage(column: 5, row: $0) })
    _ = s.handle(.mouse(MouseEvent(.press, column: 5, row: margin)))
    let dirty = s.isDirty
    #expect(!dirty)
    #expect(s.message.text == "that click is off the picture")
    // Nor does its release move the cursor (with the smart tool it jumped to the edge pixel).
    let cursor = s.view.cursor
    _ = try s.execute(.setTool(.smart))
    _ = s.handle(.mouse(MouseEvent(.press, column: 5, row: margin)))
    _ = s.handle(.mouse(MouseEvent(.release, column: 5, row: margin)))
    #expect(s.view.cursor == cursor)
    _ = try s.execute(.setTool(.fill))
    _ = try s.execute(.setTool(.smart))
    let inside = s.view.viewport.cell(imageX: 30, imageY: 5)
    _ = s.handle(.mouse(MouseEvent(.press, column: inside.column, row: inside.row)))
    _ = s.handle(.mouse(MouseEvent(.drag, column: s.view.layout.picture.columns + 3, row: inside.row + 1)))
    _ = s.handle(.mouse(MouseEvent(.release, column: s.view.layout.picture.columns + 3, row: inside.row + 1)))
    #expect(s.selection.input.box?.x1 == 39)
  }

  /// After an undo the brush continued the undone instance id; a split then gave that id to a
  /// person piece, and the brush painted car into it: one id, two classes, a file panoptty
  /// wrote and then refused to open. The brush now starts a new instance instead.
  @Test func anInstanceIdHandedToAnotherClassIsNotContinued() throws {
    var s = EditorState(labels: LabelMap(width: 120, height: 120), image: nil, catalog: coco, keymap: Keymap(name: "t"))
    for line in [
      "class person", "rect 0 0 30 30", "class car", "rect 50 50 60 60", "undo", "split 1 15 0 15 30", "tool brush",
      "paint 100 100",
    ] {
      _ = try s.execute(CommandParser.parse(line))
    }
    var classOf: [Int: Int] = [:]
    for p in s.labels.pixels {
      let l = PanopticLabel(raw: p)
      guard !l.isVoid, l.instance > 0 else { continue }
      #expect(classOf[Int(l.instance)].map { $0 == l.classIndex } ?? true, "instance \(l.instance) has two classes")
      classOf[Int(l.instance)] = l.classIndex
    }
    #expect(s.labels[100, 100].classIndex == car && Int(s.labels[100, 100].instance) == 3)
  }

  /// In preserve mode a fill from a labelled pixel fills nothing and says why (by colour it
  /// painted specks: the free pixels inside the object that looked like it).
  @Test func aPreserveFillFromALabelledPixelFillsNothing() throws {
    let grey = RGBImage(width: 20, height: 20, bytes: [UInt8](repeating: 128, count: 20 * 20 * 3))
    var s = EditorState(labels: LabelMap(width: 20, height: 20), image: grey, catalog: coco, keymap: Keymap(name: "t"))
    for line in ["class person", "rect 2 2 12 12", "brush 0", "erase 5 5", "class tree", "preserve on", "fill 6 6"] {
      _ = try s.execute(CommandParser.parse(line))
    }
    #expect(s.labels[5, 5].isVoid)
    #expect(s.message.text.hasPrefix("fill starts on person #1, which preserve mode keeps: nothing filled"))
  }

  /// A count that runs out part way says how much it did, not "nothing to redo" after redoing some.
  @Test func aCountThatRunsOutSaysHowMuchItDid() throws {
    var s = makeEditor()
    try run(&s, "class road; rect 0 0 1 1; rect 3 3 4 4")
    _ = press(&s, "3u")
    #expect(s.labels[0, 0].isVoid && s.labels[3, 3].isVoid)
    #expect(s.message.text == "undid 2 of 3 steps; there is nothing more to undo")
    _ = press(&s, "3")
    _ = s.handle(.key(.ctrl("r")))
    #expect(s.labels[3, 3] == PanopticLabel(classIndex: road))
    #expect(s.message.text == "redid 2 of 3 steps; there is nothing more to redo")
    // A count that runs in full says how many steps, not only the last one.
    _ = press(&s, "2u")
    #expect(s.labels[0, 0].isVoid && s.labels[3, 3].isVoid)
    #expect(s.message.text.hasPrefix("undid 2 steps, the last: "))
  }

  /// The wheel over the side panel's class list scrolls it (it used to do nothing, and only
  /// the classes round the current one could be clicked); choosing a class centres it again.
  @Test func theWheelScrollsThePanelsClassList() throws {
    var s = EditorState(
      labels: LabelMap(width: 40, height: 10), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 120, rows: 30)
    let panel = try #require(s.view.layout.panel)
    let before = SidePanel.rows(s, rows: panel.rows).classes
    #expect(before.first == 0)
    for _ in 0..<10 { _ = s.handle(.mouse(MouseEvent(.wheelDown, column: panel.x + 4, row: 2))) }
    let after = SidePanel.rows(s, rows: panel.rows).classes
    #expect(after.first == 30 && after.count == before.count)
    // A click on a scrolled row picks that class, and the list centres on it.
    _ = s.handle(.mouse(MouseEvent(.press, column: panel.x + 4, row: 1)))
    #expect(s.tools.classIndex == 30)
    #expect(SidePanel.rows(s, rows: panel.rows).classes.contains(30))
    // Scrolled past the end, the list stops at the last class.
    for _ in 0..<100 { _ = s.handle(.mouse(MouseEvent(.wheelDown, column: panel.x + 4, row: 2))) }
    #expect(SidePanel.rows(s, rows: panel.rows).classes.last == coco.count - 1)
    #expect(s.labels.pixels.allSatisfy { PanopticLabel.isVoid($0) })
  }

  /// A fit just under 1:1 is named "1x" as 1:1 itself is; it read "1/1" beside "1x".
  @Test func oneZoomHasOneName() {
    var s = EditorState(
      labels: LabelMap(width: 100, height: 100), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 120, rows: 30)
    for (magnification, text) in [(0.9, "1x"), (1.0, "1x"), (1.2, "1x"), (0.5, "1/2"), (0.3, "1/3"), (2.0, "2x"), (0.7, "1x")] {
      s.view.viewport.scale = 1 / magnification
      #expect(s.view.zoomText == text, "magnification \(magnification)")
    }
  }
}
