import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

/// A 12×8 photo: left half grey road, right half a red blob on green.
let editorPhoto: RGBImage = {
  var img = RGBImage(width: 12, height: 8, fill: RGB(90, 90, 90))
  for y in 0..<8 { for x in 6..<12 { img[x, y] = RGB(40, 160, 40) } }
  for y in 2..<5 { for x in 7..<10 { img[x, y] = RGB(200, 20, 20) } }
  return img
}()

func makeEditor(keymap: String = "default", labels: LabelMap = LabelMap(width: 12, height: 8)) -> EditorState {
  EditorState(
    labels: labels, image: editorPhoto, catalog: coco, keymap: Keymap.builtIn(named: keymap)!, columns: 60, rows: 20)
}

/// Runs a script through the parser, stopping at the first error.
func run(_ s: inout EditorState, _ script: String) throws {
  for statement in CommandParser.statements(script) { _ = try s.execute(CommandParser.parse(statement.text)) }
}

func press(_ s: inout EditorState, _ keys: String) -> [EditorEffect] {
  var effects: [EditorEffect] = []
  for k in keys { effects += s.handle(.key(.char(k))) }
  return effects
}

extension EditorState {
  /// The `:` line's text, nil when it is not open.
  var commandLineText: String? {
    if case .commandLine(let l) = mode { return l.text }
    return nil
  }
}

/// The editor driven as a pure state machine: commands and keys in, label
/// map, history and screen out. No terminal anywhere.
@Suite("Editor state machine")
struct EditorTests {
  @Test func fillsGetGlobalInstanceIdsAcrossClasses() throws {
    var s = makeEditor()
    try run(&s, "class car; fill 8 3; class person; fill 1 1; class road; fill 1 1")
    // car took the red blob as #1; person took the grey half as #2; the road
    // fill then replaced person #2 with stuff (instance 0).
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: car, instance: 1))
    #expect(s.labels[1, 1] == PanopticLabel(classIndex: road))
    try run(&s, "class person; fillby label; fill 11 7")
    #expect(s.labels[11, 7] == PanopticLabel(classIndex: person, instance: 2))
    #expect(s.document.areas.nextInstanceID == 3)
    let legend: [Character: PanopticLabel] = [
      "r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
      "p": PanopticLabel(classIndex: person, instance: 2),
    ]
    let expected = asciiMap(
      """
      rrrrrrpppppp
      rrrrrrpppppp
      rrrrrrpcccpp
      rrrrrrpcccpp
      rrrrrrpcccpp
      rrrrrrpppppp
      rrrrrrpppppp
      rrrrrrpppppp
      """, legend)
    #expect(s.labels == expected, "\n\(asciiArt(s.labels, legend))")
    #expect(s.document.areas == LabelAreas(s.labels))
  }

  @Test func undoAndRedoRestoreExactlyAndAStrokeIsOneStep() throws {
    var s = makeEditor()
    let empty = s.labels
    try run(&s, "class road; brush 1; paint 1 1 10 1 10 6")
    let painted = s.labels
    #expect(painted != empty)
    #expect(s.document.history.undoSteps.count == 1)
    #expect(s.isDirty)
    try run(&s, "undo")
    #expect(s.labels == empty)
    #expect(!s.isDirty)
    #expect(s.document.areas == LabelAreas(empty))
    try run(&s, "redo")
    #expect(s.labels == painted)
    #expect(s.isDirty)
    #expect(throws: PanopticError.usage("nothing to redo")) { try s.execute(.redo) }
    try run(&s, "undo")
    #expect(throws: PanopticError.usage("nothing to undo")) { try s.execute(.undo) }
    // Memory is runs of changed pixels, not copies of the map.
    #expect(s.document.history.byteCount < 40 * MemoryLayout<EditDelta.Run>.stride)
  }

  @Test func savingMarksCleanAndUndoPastItIsDirty() throws {
    var s = makeEditor()
    try run(&s, "class road; rect 0 0 2 2; rect 5 5 6 6")
    s.didSave("saved")
    #expect(!s.isDirty)
    try run(&s, "undo")
    #expect(s.isDirty)
    try run(&s, "redo")
    #expect(!s.isDirty)
    // An edit after undoing past the save can never get back to it.
    try run(&s, "undo; undo; rect 9 0 10 1")
    #expect(s.isDirty)
    try run(&s, "undo; redo")
    #expect(s.isDirty)
  }

  @Test func preserveNeverChangesLabelledPixels() throws {
    var s = makeEditor()
    try run(&s, "class car; fill 8 3; preserve on; class road; rect 0 0 11 7")
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: car, instance: 1))
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: road))
    #expect(s.labels.pixels.allSatisfy { !PanopticLabel.isVoid($0) })
    try run(&s, "preserve off; class sky; rect 0 0 11 7")
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: sky))
    #expect(s.labels.pixels.allSatisfy { $0 == PanopticLabel(classIndex: sky).raw })
  }

  @Test func brushContinuesTheSelectedInstanceUntilNew() throws {
    var s = makeEditor()
    try run(&s, "class car; brush 0; paint 0 0; paint 2 0; new; paint 4 0")
    #expect(s.labels[0, 0].instance == 1 && s.labels[2, 0].instance == 1 && s.labels[4, 0].instance == 2)
    try run(&s, "pick 0 0; paint 6 0")
    #expect(s.labels[6, 0] == PanopticLabel(classIndex: car, instance: 1))
    try run(&s, "instance 2; paint 8 0")
    #expect(s.labels[8, 0] == PanopticLabel(classIndex: car, instance: 2))
    #expect(throws: PanopticError.self) { try s.execute(.setInstance(7)) }
  }

  @Test func relabelMergeDeleteRenumber() throws {
    var s = makeEditor()
    try run(&s, "class car; fill 8 3; class person; fillby label; fill 0 0")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: person, instance: 2))
    try run(&s, "relabel 2 car")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 2))
    try run(&s, "merge 1 2")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: car, instance: 1))
    try run(&s, "undo; delete 1")
    #expect(s.labels[8, 3].isVoid && s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 2))
    try run(&s, "renumber")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    try run(&s, "relabel 1 road")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: road))
    try run(&s, "relabel @road person")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: person, instance: 1))
    #expect(throws: PanopticError.self) { try s.execute(.delete(.instance(9))) }
    #expect(throws: PanopticError.self) { try s.execute(.delete(.classRegion("sky"))) }
    #expect(throws: PanopticError.self) { try s.execute(.merge(.instance(1), .instance(1))) }
  }

  @Test func rectAndPolygonFill() throws {
    var s = makeEditor()
    try run(&s, "class road; rect 1 1 3 2; class sky; poly 6 0 11 0 11 5")
    let segs = Dictionary(uniqueKeysWithValues: s.labels.segments().map { ($0.label, $0) })
    #expect(segs[PanopticLabel(classIndex: road)]?.area == 6)
    #expect(segs[PanopticLabel(classIndex: road)]?.bbox == BoundingBox(x: 1, y: 1, width: 3, height: 2))
    #expect(segs[PanopticLabel(classIndex: sky)]?.bbox == BoundingBox(x: 6, y: 0, width: 6, height: 6))
    #expect(throws: PanopticError.usage("(12, 0) is outside the 12×8 image")) { try run(&s, "rect 0 0 12 0") }
  }

  @Test func keysDriveTheSameCommands() {
    var s = makeEditor()
    #expect(s.view.cursor == Point(6, 4))
    _ = s.handle(.key(.left))
    _ = s.handle(.key(.char("3")))
    #expect(s.mode == .normal(count: 3))
    _ = s.handle(.key(.up))
    #expect(s.view.cursor == Point(5, 1))
    // c opens the : line with "class ", typing finishes it.
    _ = press(&s, "c")
    #expect(s.commandLineText == "class ")
    _ = press(&s, "road")
    _ = s.handle(.key(.enter))
    #expect(s.mode == .normal)
    #expect(s.currentClass.name == "road")
    _ = press(&s, "b ")
    #expect(s.labels[5, 1] == PanopticLabel(classIndex: road))
    _ = press(&s, "u")
    #expect(s.labels[5, 1].isVoid)
    _ = s.handle(.key(.ctrl("r")))
    #expect(s.labels[5, 1] == PanopticLabel(classIndex: road))
    #expect(s.handle(.key(.ctrl("s"))) == [.save(path: nil, force: false, thenQuit: false)])
    // q with unsaved changes asks; any key but y/w stays.
    #expect(press(&s, "q").isEmpty && s.mode == .confirmQuit)
    #expect(press(&s, "n").isEmpty && s.mode == .normal)
    #expect(s.message.text == "quit cancelled")
    _ = press(&s, "q")
    #expect(press(&s, "w") == [.save(path: nil, force: false, thenQuit: true)])
    _ = press(&s, "q")
    #expect(press(&s, "y") == [.quit])
  }

  @Test func countsFollowEachCommandsRule() throws {
    var s = makeEditor()
    try run(&s, "goto 0 0; class road; rect 0 0 0 0; rect 1 1 1 1; rect 2 2 2 2; rect 3 3 3 3")
    // 5<Right> scales the step; 3u repeats the undo.
    _ = s.handle(.key(.char("5")))
    _ = s.handle(.key(.right))
    #expect(s.view.cursor == Point(5, 0))
    _ = press(&s, "3u")
    #expect(s.document.history.undoSteps.count == 1)
    #expect(s.document.history.redoSteps.count == 3)
    // An ignored count is dropped: 4b is one b.
    _ = press(&s, "4b")
    #expect(s.tools.tool == .brush && s.mode == .normal)
    #expect(s.document.history.undoSteps.count == 1)
    // 0 without a count is a key (zoom fit), with one it extends the count.
    _ = press(&s, "10")
    #expect(s.mode == .normal(count: 10))
    _ = s.handle(.key(.escape))
    #expect(s.mode == .normal)
  }

  @Test func vimKeymapCountsAndColonCommands() {
    var s = makeEditor(keymap: "vim")
    _ = s.run(.goto(Point(0, 0)))
    _ = press(&s, "4l2j")
    #expect(s.view.cursor == Point(4, 2))
    _ = press(&s, ":wq")
    #expect(s.commandLineText == "wq")
    #expect(s.handle(.key(.enter)) == [.quit])  // nothing to save
  }

  /// Modes cannot overlap: a `:` line that opens the quit prompt runs no
  /// further commands, and the prompt takes only its own answers.
  @Test func inputModesNeverOverlap() {
    var s = makeEditor(keymap: "vim")
    _ = s.run(.setClass("road"))
    _ = s.run(.rect(Point(0, 0), Point(1, 1)))
    _ = press(&s, ":")
    _ = press(&s, "q; class car")
    #expect(s.handle(.key(.enter)).isEmpty)
    #expect(s.mode == .confirmQuit)
    #expect(s.currentClass.name == "road")
    // In vim `y` is a tool key, but while the prompt is open it is the answer.
    #expect(press(&s, "y") == [.quit])
    // A click does not answer the prompt.
    var t = makeEditor()
    _ = t.run(.setClass("road"))
    _ = t.run(.rect(Point(0, 0), Point(1, 1)))
    _ = press(&t, "q")
    #expect(t.handle(.mouse(MouseEvent(.press, column: 1, row: 1))).isEmpty)
    #expect(t.mode == .confirmQuit)
    // The help overlay closes on any key it does not bind, and that key does nothing else.
    _ = press(&t, "n")
    _ = press(&t, "?")
    #expect(t.mode == .help(.keys, scroll: 0))
    _ = press(&t, "j")
    #expect(t.mode == .help(.keys, scroll: 1))
    _ = press(&t, "u")
    #expect(t.mode == .normal)
    #expect(t.labels[0, 0] == PanopticLabel(classIndex: road))
  }

  @Test func commandLineHistoryAndErrorsStayOnScreen() {
    var s = makeEditor()
    _ = press(&s, ":class nosuch")
    _ = s.handle(.key(.enter))
    #expect(s.message.isError && s.message.text.hasPrefix("no class \"nosuch\""))
    _ = press(&s, ":")
    _ = s.handle(.key(.up))
    #expect(s.commandLineText == "class nosuch")
    _ = s.handle(.key(.down))
    #expect(s.commandLineText == "")
    _ = s.handle(.key(.escape))
    #expect(s.commandLineText == nil && s.mode == .normal)
    // Backspace on an empty line closes it.
    _ = press(&s, ":")
    _ = s.handle(.key(.backspace))
    #expect(s.mode == .normal)
  }

  @Test func mouseClickAppliesAndDragPaintsOneStroke() {
    var s = makeEditor()
    _ = s.run(.setClass("road"))
    _ = s.run(.setTool(.brush))
    _ = s.run(.brushSize(0, relative: false))
    let a = s.view.viewport.screenPoint(imageX: 1, imageY: 1)
    let b = s.view.viewport.screenPoint(imageX: 5, imageY: 1)
    _ = s.handle(.mouse(MouseEvent(.press, column: a.x, row: a.y / 2, lowerHalf: a.y % 2 == 1)))
    _ = s.handle(.mouse(MouseEvent(.drag, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    _ = s.handle(.mouse(MouseEvent(.release, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    #expect(s.document.history.undoSteps.count == 1)
    #expect((1...5).allSatisfy { s.labels[$0, 1] == PanopticLabel(classIndex: road) })
    #expect(s.document.areas.areas[PanopticLabel(classIndex: road).raw] == 5)
    let before = s.view.viewport.scale
    _ = s.handle(.mouse(MouseEvent(.wheelUp, column: a.x, row: a.y / 2)))
    #expect(s.view.viewport.scale < before)
    _ = s.handle(.mouse(MouseEvent(.wheelDown, column: a.x, row: a.y / 2)))
    #expect(abs(s.view.viewport.scale - before) < 1e-9)
  }

  /// At fit zoom a click near a side edge used to pan the picture (the cursor's margin), so the
  /// same cell hit pixel 639, then 622 after a click at the other edge.
  @Test func clicksAtFitZoomNeverPanSoACellAlwaysHitsTheSamePixel() {
    var s = EditorState(
      labels: LabelMap(width: 640, height: 427), image: RGBImage(width: 640, height: 427, fill: RGB(90, 90, 90)),
      catalog: coco, keymap: Keymap.builtIn(named: "default")!, columns: 120, rows: 40)
    let fitted = s.view.viewport
    let columns = s.view.layout.picture.columns
    let last = (0..<columns).last { s.view.imagePoint(column: $0, row: 10, lowerHalf: false).x == 639 }!
    let first = (0..<columns).first { s.view.imagePoint(column: $0, row: 10, lowerHalf: false).x == 0 }!
    var hits: [Int] = []
    for column in [last, first, first, last, first + 1, last] {
      _ = s.handle(.mouse(MouseEvent(.press, column: column, row: 10, lowerHalf: false)))
      _ = s.handle(.mouse(MouseEvent(.release, column: column, row: 10, lowerHalf: false)))
      hits.append(s.view.cursor.x)
    }
    #expect(s.view.viewport == fitted, "a click panned the fitted picture")
    #expect(hits[0] == 639 && hits[3] == 639 && hits[5] == 639 && hits[1] == 0 && hits[2] == 0, "\(hits)")
    // The keys too: the whole image is on screen, so walking to its corner moves nothing.
    _ = s.run(.goto(Point(600, 400)))
    s.view.viewport = fitted
    for _ in 0..<60 { _ = s.handle(.key(.named(.right))); _ = s.handle(.key(.named(.down))) }
    #expect(s.view.cursor == Point(639, 426))
    #expect(s.view.viewport == fitted, "moving the cursor at fit zoom panned the picture")
  }

  /// Clicks not yet accepted leave the labels clean, so `q` used to quit and drop them without
  /// a word; now `q`, `wq` and going to another image refuse while a selection is pending.
  @Test func quittingWithAPendingSelectionIsRefused() throws {
    var s = makeEditor()
    try run(&s, "class car; include 8 3")
    #expect(press(&s, "q").isEmpty)
    #expect(s.message.isError && s.message.text.contains("a smart selection is pending"), "\(s.message.text)")
    #expect(s.mode == .normal)
    #expect(throws: PanopticError.self) { try s.execute(.writeQuit) }
    #expect(throws: PanopticError.self) { try s.execute(.image(.next)) }
    #expect(try s.execute(.quit(force: true)) == [.quit], "q! still quits")
    _ = s.run(.reject)
    #expect(try s.execute(.quit(force: false)) == [.quit])
  }

  @Test func screenShowsStatusHelpAndSurvivesTinySizes() {
    var s = makeEditor()
    _ = s.run(.setClass("car"))
    _ = s.run(.fill(Point(8, 3)))
    _ = s.run(.goto(Point(8, 3)))
    var screen = EditorScreen()
    let g = screen.render(s)
    #expect(g.width == 60 && g.height == 20)
    let status = g.text(row: 18)
    // What the next stroke does first; at 60 columns the cursor fields start after it.
    #expect(status.hasPrefix(" [+] car #1                 | fill tol 24/4c   | over | 8,3 "), "\(status)")
    #expect(g.text(row: 19).hasPrefix("filled car #1"))
    _ = s.run(.help)
    let help = screen.render(s)
    #expect((0..<help.height).contains { help.text(row: $0).contains("keys: default keymap") })
    let allHelp = HelpOverlay.lines(s.keymap)
    #expect(allHelp.contains { $0.hasSuffix("tool fill") })
    for (c, r) in [(1, 1), (20, 5), (19, 4), (80, 24), (0, 0)] {
      _ = s.handle(.resize(columns: c, rows: r))
      let t = screen.render(s)
      #expect(t.width == c && t.height == r)
    }
    _ = s.handle(.resize(columns: 10, rows: 3))
    #expect(screen.render(s).text(row: 0) == "terminal t")
  }

  /// A message longer than the row says where the rest is, and `:messages` shows it whole,
  /// newest first. (Dataset notes and a recovery's account ran off the screen's edge, and
  /// nothing showed them.)
  @Test func aLongMessageIsShownWholeByMessages() {
    var s = makeEditor()
    let long = "skipped a.png: the journal cannot be replayed; open it alone: panoptty edit a.png --labels a_labels.png --discard-recovery"
    _ = s.run(.setClass("car"))
    // Control characters are escaped once, when the message is made (cut after the
    // escaping doubled them, a row lost its last characters).
    s.note("a\nb")
    #expect(s.message.text == "a\\nb")
    s.note(long)
    var screen = EditorScreen()
    let row = screen.render(s).text(row: 19)
    #expect(row.hasSuffix(" … (:messages)") && row.count == 60, "\(row)")
    _ = s.run(.messages)
    #expect(s.mode == .help(.messages, scroll: 0))
    let g = screen.render(s)
    let shown = (0..<g.height).map { g.text(row: $0) }.joined(separator: "\n")
    #expect(shown.contains("messages, newest first"), "\(shown)")
    for word in ["skipped", "--discard-recovery", "class car"] { #expect(shown.contains(word), "\(word): \(shown)") }
    let lines = HelpOverlay.messageLines(s.messageLog, width: 40)
    #expect(lines.contains { $0.contains("--discard-recovery") }, "words are not cut: \(lines)")
    #expect(lines.first?.hasPrefix("  skipped a.png") == true, "newest first: \(lines)")
    #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
    // Wrapped by columns: a wide character counts two; even a one-column box ends.
    let wide = HelpOverlay.messageLines([EditorMessage(text: "写真写真写真 /a/very/long/path/写真.png x", isError: true)], width: 10)
    #expect(wide.allSatisfy { TextWidth.columns(of: $0) <= 10 } && wide.first?.hasPrefix("! ") == true, "\(wide)")
    #expect(wide.joined().contains("x"))
    #expect(!HelpOverlay.messageLines([EditorMessage(text: "写真", isError: false)], width: 2).isEmpty)
    // `:messages⏎` typed over the overlay runs the command again: the `:` opens the line
    // (it closed the overlay and was dropped, so "messages⏎" ran as keys: e = erase tool).
    let tool = s.tools.tool
    _ = press(&s, ":messages")
    _ = s.handle(.key(.enter))
    #expect(s.mode == .help(.messages, scroll: 0) && s.tools.tool == tool && !s.isDirty)
    // A click closes it, and the drag of that same press does not paint.
    _ = s.run(.setTool(.brush))
    _ = s.run(.messages)
    let before = s.labels
    _ = s.handle(.mouse(MouseEvent(.press, column: 2, row: 2)))
    #expect(s.mode == .normal)
    _ = s.handle(.mouse(MouseEvent(.drag, column: 6, row: 3)))
    _ = s.handle(.mouse(MouseEvent(.release, column: 6, row: 3)))
    #expect(s.labels == before, "the press that closed the overlay painted when dragged")
    _ = s.handle(.mouse(MouseEvent(.press, column: 2, row: 2)))
    #expect(s.labels != before, "the next press paints as usual")
  }

  /// The status line shows the id the file itself uses, not the packing.
  @Test func statusShowsTheFilesOwnIds() {
    var s = makeEditor()
    _ = s.run(.setClass("car"))
    _ = s.run(.fill(Point(8, 3)))
    _ = s.run(.goto(Point(8, 3)))
    s.fileIDs = FileIDScheme(format: .coco, knownIDs: [PanopticLabel(classIndex: car, instance: 1).raw: 1003])
    // Wide enough for the cursor fields, which follow the class, tool and keep/over fields.
    _ = s.handle(.resize(columns: 100, rows: 20))
    var screen = EditorScreen()
    #expect(screen.render(s).text(row: 18).contains("car #1 [1003]"))
    s.fileIDs = FileIDScheme(format: .coco)
    #expect(screen.render(s).text(row: 18).contains("car #1 [new]"))
    s.fileIDs = FileIDScheme(format: .offset, offset: OffsetFormat(offset: 256, voidClass: 200))
    #expect(screen.render(s).text(row: 18).contains("car #1 [\(256 + car)]"))
  }

  /// `--colors mono`: nothing on the editor screen carries a colour, not
  /// the panel swatches, the cursor marks, or an error message.
  @Test func monoScreensHaveNoColourAnywhere() {
    var s = EditorState(
      labels: LabelMap(width: 12, height: 8), image: editorPhoto, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 120, rows: 30, colorMode: .mono)
    _ = s.run(.setClass("car"))
    _ = s.run(.fill(Point(8, 3)))
    _ = s.run(.setTool(.brush))
    _ = s.run(.brushSize(5, relative: false))
    _ = s.run(.setClass("no such class"))
    #expect(s.message.isError)
    var screen = EditorScreen()
    let g = screen.render(s)
    #expect(s.view.layout.panel != nil)
    #expect(g.cells.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    _ = press(&s, "q")
    #expect(s.mode == .confirmQuit)
    #expect(screen.render(s).cells.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
  }
}

@Suite("Fuzzer findings (editor)")
struct FuzzerFindingTests {
  /// FuzzCommands found `instance 0333333333333333333333` trapping on a
  /// UInt32 conversion; huge numbers are now refused by the parser and by
  /// the instance lookup.
  @Test func hugeNumbersAreRefusedNotTrapped() {
    var s = EditorState(
      labels: LabelMap(width: 4, height: 4), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!)
    for text in [
      "instance 0333333333333333333", "instance 70000", "select 4294967297", "delete 99999999", "move 9000000000000 0",
      "brush +9000000000000", "pan 1 -9000000000000", "opacity 1e308", "zoom 0.0000001", "goto 9223372036854775807 0",
      "fill -1 0", "paint 0 0 99999999 0", "scroll 99999999999", "tolerance -99999999999",
    ] {
      #expect(throws: PanopticError.self, "\(text)") { try s.execute(CommandParser.parse(text)) }
    }
    #expect(s.document.areas.label(ofInstance: Int.max) == nil)
    #expect(s.labels == LabelMap(width: 4, height: 4))
  }

  /// Counts are capped, so `99999999l` cannot overflow a move.
  @Test func hugeCountsAreCapped() {
    var s = makeEditor()
    _ = press(&s, "999999999999")
    #expect(s.mode == .normal(count: 99_999))
    _ = s.handle(.key(.right))
    #expect(s.view.cursor == Point(11, 4))
  }
}

@Suite("Line editor and layout")
struct LineEditorTests {
  @Test func shellKeysEditTheLine() {
    var l = LineEditor("fill 1")
    l.insert(" ")
    l.insert("2")
    #expect(l.text == "fill 1 2" && l.cursor == 8)
    l.moveCursor(by: -100)
    #expect(l.cursor == 0)
    l.moveToEnd()
    l.deleteWordBackward()
    #expect(l.text == "fill 1 " && l.cursor == 7)
    l.deleteWordBackward()
    #expect(l.text == "fill " && l.cursor == 5)
    l.moveToStart()
    let atStart = l.backspace()
    #expect(!atStart)
    l.moveCursor(by: 2)
    let deleted = l.backspace()
    #expect(deleted && l.text == "fll " && l.cursor == 1)
    l.clear()
    #expect(l.text.isEmpty && l.cursor == 0)
  }

  /// Only the slice around the cursor is drawn, and the cursor stays on it.
  @Test func aHugeLineShowsTheCursorsSlice() {
    let long = String(repeating: "abcdefghij", count: 5_000)
    var l = LineEditor(long)
    var v = l.visible(width: 20)
    #expect(v.text == String(long.suffix(19)) && v.cursorColumn == 19)
    l.moveToStart()
    v = l.visible(width: 20)
    #expect(v.text == String(long.prefix(19)) && v.cursorColumn == 0)
    #expect(l.visible(width: 1).text.isEmpty)
  }

  @Test func thePanelNeedsAHundredColumnsAndTakesClicks() {
    #expect(EditorLayout(columns: 99, rows: 30, panel: true).panel == nil)
    let wide = EditorLayout(columns: 120, rows: 30, panel: true)
    #expect(wide.panel?.x == 90 && wide.picture.columns == 89 && wide.statusRow == 28 && wide.messageRow == 29)
    #expect(EditorLayout(columns: 120, rows: 30, panel: false).panel == nil)
    #expect(EditorLayout(columns: 19, rows: 30, panel: true).tooSmall)
    var s = EditorState(
      labels: LabelMap(width: 12, height: 8), image: editorPhoto, catalog: coco, keymap: Keymap.builtIn(named: "default")!,
      columns: 120, rows: 30)
    // The class list around the current class (person): row 1 is its first entry.
    let rows = SidePanel.rows(s, rows: 28)
    _ = s.handle(.mouse(MouseEvent(.press, column: 95, row: 1 + 2)))
    #expect(s.tools.classIndex == rows.classes[2])
    _ = s.run(.panel)
    #expect(s.view.layout.panel == nil)
  }
}
