import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

/// The status line's fields sit at fixed columns, so a cursor move rewrites only what changed.
@Suite("Status line")
struct StatusLineTests {
  static let catalog = ClassCatalog(
    name: "t",
    classes: [
      ClassInfo(id: 1, name: "road", kind: .stuff, color: RGB(128, 64, 128)),
      ClassInfo(id: 2, name: "歩道", kind: .stuff, color: RGB(244, 35, 232)),
    ])

  /// The column where the preserve field ("keep"/"over") starts, as a terminal counts columns.
  static func preserveColumn(classIndex: Int) throws -> Int {
    var s = EditorState(
      labels: asciiMap("..\n..", [:]), image: nil, catalog: catalog, keymap: Keymap(name: "t"))
    _ = try s.execute(.setClass(String(classIndex)))
    let text = StatusLine.text(s)
    let range = try #require(text.range(of: " | over | "))
    return TextWidth.columns(of: String(text[..<range.lowerBound]))
  }

  @Test func aWideClassNameKeepsTheFieldsAfterItInTheirColumns() throws {
    // 歩道 takes four columns, not two: counted as characters it pushed every later field two
    // columns right, and each change of class rewrote the rest of the line.
    #expect(try Self.preserveColumn(classIndex: 1) == Self.preserveColumn(classIndex: 0))
  }
  /// Crowd mode paints the class's crowd whatever instance is chosen: the status line and `n`
  /// say so (they said "car new#5", and `n` "starts instance #5", before a fill made a crowd).
  @Test func crowdModeShowsAsCrowd() throws {
    var s = EditorState(labels: asciiMap("..\n..", [:]), image: nil, catalog: coco, keymap: Keymap(name: "t"))
    _ = try s.execute(.setClass("car"))
    #expect(StatusLine.text(s).contains("car new#1"))
    _ = try s.execute(.crowd(true))
    _ = try s.execute(.newInstance)
    #expect(StatusLine.text(s).contains("car crowd"))
    #expect(s.message.text.hasPrefix("crowd is on: the next stroke or fill paints car crowd"))
  }

  /// The smart tool's hint names the exclude key of the keymap in use (vim's x erases).
  @Test func theSmartHintNamesThisKeymapsExcludeKey() throws {
    for (name, key) in [("default", "(x)"), ("vim", "(d)")] {
      var s = EditorState(
        labels: asciiMap("..\n..", [:]), image: nil, catalog: coco, keymap: Keymap.builtIn(named: name)!)
      _ = try s.execute(.setTool(.smart))
      #expect(s.message.text.contains("right click \(key) on what is not"))
    }
  }
  /// While the screen says "terminal too small" keys and clicks do nothing: they would edit blind.
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
}
