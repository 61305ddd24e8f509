import Foundation
import Testing

@testable import PanopticCore

/// The editor driven as a pure state machine: commands and keys in, label
/// map, history and screen out. No terminal anywhere.
@Suite("Editor state machine")
struct EditorTests {
  /// A 12×8 photo: left half grey road, right half a red blob on green.
  static var photo: RGBImage {
    var img = RGBImage(width: 12, height: 8, fill: RGB(90, 90, 90))
    for y in 0..<8 { for x in 6..<12 { img[x, y] = RGB(40, 160, 40) } }
    for y in 2..<5 { for x in 7..<10 { img[x, y] = RGB(200, 20, 20) } }
    return img
  }

  func editor(keymap: String = "default") -> EditorState {
    EditorState(
      labels: LabelMap(width: 12, height: 8), image: Self.photo, catalog: coco,
      keymap: Keymap.builtIn(named: keymap)!, columns: 60, rows: 20)
  }

  func run(_ s: inout EditorState, _ script: String) throws {
    for item in CommandParser.parseScript(script) { _ = try s.execute(CommandParser.parse(item.text)) }
  }

  @Test func fillsGetGlobalInstanceIdsAcrossClasses() throws {
    var s = editor()
    try run(&s, "class car; fill 8 3; class person; fill 1 1; class road; fill 1 1")
    // car took the red blob as #1; person took the grey half as #2; the road
    // fill then replaced person #2 with stuff (instance 0).
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: car, instance: 1))
    #expect(s.labels[1, 1] == PanopticLabel(classIndex: road))
    try run(&s, "class person; fillby label; fill 11 7")
    #expect(s.labels[11, 7] == PanopticLabel(classIndex: person, instance: 2))
    #expect(s.areas.nextInstanceID == 3)
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
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "p": PanopticLabel(classIndex: person, instance: 2)])
    #expect(s.labels == expected, "\n\(asciiArt(s.labels, ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1), "p": PanopticLabel(classIndex: person, instance: 2)]))")
  }

  @Test func undoAndRedoRestoreExactlyAndAStrokeIsOneStep() throws {
    var s = editor()
    let empty = s.labels
    try run(&s, "class road; brush 1; paint 1 1 10 1 10 6")
    let painted = s.labels
    #expect(s.history.undoSteps.count == 1)
    #expect(s.isDirty)
    try run(&s, "undo")
    #expect(s.labels == empty)
    #expect(!s.isDirty)
    try run(&s, "redo")
    #expect(s.labels == painted)
    #expect(throws: PanopticError.usage("nothing to redo")) { try s.execute(.redo) }
    // Memory is runs of changed pixels, not copies of the map.
    #expect(s.history.byteCount < 40 * MemoryLayout<EditDelta.Run>.stride)
  }

  @Test func preserveNeverChangesLabelledPixels() throws {
    var s = editor()
    try run(&s, "class car; fill 8 3; preserve on; class road; rect 0 0 11 7")
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: car, instance: 1))
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: road))
    try run(&s, "preserve off; class sky; rect 0 0 11 7")
    #expect(s.labels[8, 3] == PanopticLabel(classIndex: sky))
  }

  @Test func brushContinuesTheSelectedInstanceUntilNew() throws {
    var s = editor()
    try run(&s, "class car; brush 0; paint 0 0; paint 2 0; new; paint 4 0")
    #expect(s.labels[0, 0].instance == 1 && s.labels[2, 0].instance == 1 && s.labels[4, 0].instance == 2)
    try run(&s, "pick 0 0; paint 6 0")
    #expect(s.labels[6, 0].instance == 1)
  }

  @Test func relabelMergeDeleteRenumber() throws {
    var s = editor()
    try run(&s, "class car; fill 8 3; class person; fillby label; fill 0 0")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: person, instance: 2))
    try run(&s, "relabel 2 car")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 2))
    try run(&s, "merge 1 2")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    try run(&s, "undo; delete 1")
    #expect(s.labels[8, 3].isVoid && s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 2))
    try run(&s, "renumber")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: car, instance: 1))
    try run(&s, "relabel 1 road")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: road))
    try run(&s, "relabel @road person")
    #expect(s.labels[0, 0] == PanopticLabel(classIndex: person, instance: 1))
    #expect(throws: PanopticError.self) { try s.execute(.delete(.instance(9))) }
  }

  @Test func rectAndPolygonFill() throws {
    var s = editor()
    try run(&s, "class road; rect 1 1 3 2; class sky; poly 6 0 11 0 11 5")
    let segs = Dictionary(uniqueKeysWithValues: s.labels.segments().map { ($0.label, $0) })
    #expect(segs[PanopticLabel(classIndex: road)]?.area == 6)
    #expect(segs[PanopticLabel(classIndex: sky)]?.bbox == BoundingBox(x: 6, y: 0, width: 6, height: 6))
  }

  @Test func keysDriveTheSameCommands() {
    var s = editor()
    #expect(s.cursorX == 6 && s.cursorY == 4)
    _ = s.handle(.key(.left))
    _ = s.handle(.key(.char("3")))
    _ = s.handle(.key(.up))
    #expect(s.cursorY == 1)
    // c opens the : line with "class ", typing finishes it.
    _ = s.handle(.key(.char("c")))
    #expect(s.commandLine == "class ")
    for ch in "road" { _ = s.handle(.key(.char(ch))) }
    _ = s.handle(.key(.enter))
    #expect(s.currentClass.name == "road")
    _ = s.handle(.key(.char("b")))
    _ = s.handle(.key(.char(" ")))
    #expect(s.labels[s.cursorX, s.cursorY] == PanopticLabel(classIndex: road))
    _ = s.handle(.key(.char("u")))
    #expect(s.labels[s.cursorX, s.cursorY].isVoid)
    _ = s.handle(.key(.ctrl("r")))
    #expect(!s.labels[s.cursorX, s.cursorY].isVoid)
    #expect(s.handle(.key(.ctrl("s"))) == [.save(path: nil, force: false, thenQuit: false)])
    // q with unsaved changes asks; any key but y/w stays.
    #expect(s.handle(.key(.char("q"))).isEmpty && s.confirmingQuit)
    #expect(s.handle(.key(.char("n"))).isEmpty && !s.confirmingQuit)
    _ = s.handle(.key(.char("q")))
    #expect(s.handle(.key(.char("y"))) == [.quit])
  }

  @Test func vimKeymapCountsAndColonCommands() {
    var s = editor(keymap: "vim")
    _ = s.run(.goto(0, 0))
    for k in "4l2j" { _ = s.handle(.key(.char(k))) }
    #expect(s.cursorX == 4 && s.cursorY == 2)
    for k in ":wq" { _ = s.handle(.key(.char(k))) }
    #expect(s.handle(.key(.enter)) == [.quit])  // nothing to save
  }

  @Test func commandLineHistoryAndErrorsStayOnScreen() {
    var s = editor()
    _ = s.handle(.key(.char(":")))
    for k in "class nosuch" { _ = s.handle(.key(.char(k))) }
    _ = s.handle(.key(.enter))
    #expect(s.messageIsError && s.message.hasPrefix("no class \"nosuch\""))
    _ = s.handle(.key(.char(":")))
    _ = s.handle(.key(.up))
    #expect(s.commandLine == "class nosuch")
    _ = s.handle(.key(.escape))
    #expect(s.commandLine == nil)
  }

  @Test func mouseClickAppliesAndDragPaintsOneStroke() {
    var s = editor()
    _ = s.run(.setClass("road"))
    _ = s.run(.setTool(.brush))
    _ = s.run(.brushSize(0, relative: false))
    let a = s.viewport.screenPoint(imageX: 1, imageY: 1)
    let b = s.viewport.screenPoint(imageX: 5, imageY: 1)
    _ = s.handle(.mouse(MouseEvent(.press, column: a.x, row: a.y / 2)))
    _ = s.handle(.mouse(MouseEvent(.drag, column: b.x, row: b.y / 2)))
    _ = s.handle(.mouse(MouseEvent(.release, column: b.x, row: b.y / 2)))
    #expect(s.history.undoSteps.count == 1)
    #expect((1...5).allSatisfy { s.labels[$0, 1] == PanopticLabel(classIndex: road) })
    let before = s.viewport.scale
    _ = s.handle(.mouse(MouseEvent(.wheelUp, column: a.x, row: a.y / 2)))
    #expect(s.viewport.scale < before)
  }

  @Test func screenShowsStatusHelpAndSurvivesTinySizes() {
    var s = editor()
    _ = s.run(.setClass("car"))
    _ = s.run(.fill(8, 3))
    _ = s.run(.goto(8, 3))
    var screen = EditorScreen()
    let g = screen.render(s)
    #expect(g.width == 60 && g.height == 20)
    let status = g.text(row: 18)
    #expect(status.contains(" 8,3       car #1 [1002]"))
    #expect(status.contains("[+]"))
    #expect(g.text(row: 19).hasPrefix("filled car #1"))
    _ = s.run(.help)
    let help = screen.render(s)
    #expect((0..<20).contains { help.text(row: $0).contains("tool fill") })
    for (c, r) in [(1, 1), (20, 5), (19, 4), (80, 24)] {
      _ = s.handle(.resize(columns: c, rows: r))
      let t = screen.render(s)
      #expect(t.width == c && t.height == r)
    }
    _ = s.handle(.resize(columns: 10, rows: 3))
    #expect(screen.render(s).text(row: 0).hasPrefix("terminal t"))
  }
}

@Suite("Command language and keymaps")
struct CommandLanguageTests {
  @Test func parsesEveryDocumentedCommand() throws {
    for text in [
      "class car", "class 2", "brush 7", "brush +1", "brush round", "tool fill", "tolerance 20", "fill 3 4",
      "paint 1 2 3 4", "rect 0 0 5 5", "poly 0 0 4 0 4 4", "erase 1 1", "pick 2 2", "relabel 3 person",
      "relabel @road sky", "merge 1 2", "delete 4", "renumber", "undo", "redo", "goto 5 5", "zoom 2", "zoom fit",
      "w", "w out.png", "w!", "q", "q!", "wq", "x", "overlay labels", "opacity 0.3", "colorby class",
      "connectivity 8", "fillby label", "preserve on", "new", "instance 3", "select 2", "pan 1 1", "move 1 0",
    ] {
      _ = try CommandParser.parse(text)
    }
  }

  @Test func errorsSayWhatIsWrong() {
    func message(_ t: String) -> String {
      do {
        _ = try CommandParser.parse(t)
        return "ok"
      } catch { return error.description }
    }
    #expect(message("fill 1") == "fill takes 2 numbers, got 1")
    #expect(message("fill a b") == "fill: \"a\" is not a whole number")
    #expect(message("poly 1 2 3 4") == "poly needs at least 3 points")
    #expect(message("jump") == "unknown command \"jump\" (try :help)")
    #expect(message("connectivity 6") == "connectivity is 4 or 8")
    #expect(message("delete car") == "delete: \"car\" is neither an instance id (1, 2, …) nor @class")
  }

  @Test func scriptsSplitOnSemicolonsAndSkipComments() {
    let items = CommandParser.parseScript("class car; fill 1 2 # first car\n\n# note\nw")
    #expect(items.map(\.text) == ["class car", "fill 1 2", "w"])
    #expect(items.map(\.line) == [1, 1, 4])
  }

  @Test func keymapFilesReportBadLinesWithNumbers() {
    let base = Keymap.builtIn(named: "default")!
    #expect(throws: PanopticError.usage("my.keymap:2: unknown key \"<Nope>\" (write keys like a, <C-r>, <Left>, <Space>)")) {
      try base.applying("x tool erase\n<Nope> undo", source: "my.keymap")
    }
    #expect(throws: PanopticError.usage("my.keymap:1: unknown command \"teleport\" (try :help)")) {
      try base.applying("x teleport", source: "my.keymap")
    }
    let custom = try! base.applying("# mine\nx tool erase\nunmap q\nmap <C-x> q!", source: "my.keymap")
    #expect(custom.command(for: .char("x")) == "tool erase")
    #expect(custom.command(for: .char("q")) == nil)
    #expect(custom.command(for: .ctrl("x")) == "q!")
    #expect(custom.command(for: .char("f")) == "tool fill")
  }

  @Test func keyNotationRoundTrips() {
    for t in ["a", "A", "<C-r>", "<S-Left>", "<Space>", "<Enter>", "<Esc>", "<F1>", "<lt>", ":"] {
      #expect(Key.parse(t)?.description == t)
    }
  }

  @Test(arguments: ["default", "vim"])
  func builtInKeymapsAreTheFilesInKeymaps(name: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = try String(contentsOf: root.appendingPathComponent("keymaps/\(name).keymap"), encoding: .utf8)
    let embedded = name == "vim" ? Keymap.vimText : Keymap.defaultText
    #expect(file.trimmingCharacters(in: .newlines) == embedded.trimmingCharacters(in: .newlines))
    // And every binding parses (the help overlay lists them).
    let map = try Keymap(name: name).applying(file, source: name)
    #expect(map.bindings.count > 30)
  }

  @Test func keymapDocListsTheSameBindings() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let doc = try String(contentsOf: root.appendingPathComponent("docs/keymaps.md"), encoding: .utf8)
    for name in ["default", "vim"] {
      for b in Keymap.builtIn(named: name)!.bindings {
        #expect(doc.contains("| `\(b.key)` | `\(b.command)` |"), "docs/keymaps.md lacks \(name): \(b.key) → \(b.command)")
      }
    }
  }
}

@Suite("Flood fill")
struct FloodFillTests {
  /// Plain breadth-first reference.
  func reference(_ map: LabelMap, _ x: Int, _ y: Int, _ conn: Int) -> Set<Int> {
    let seed = map.pixels[y * map.width + x]
    var seen: Set<Int> = [y * map.width + x]
    var queue = [(x, y)]
    let steps = conn == 8
      ? [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] : [(0, -1), (-1, 0), (1, 0), (0, 1)]
    while let (cx, cy) = queue.popLast() {
      for (dx, dy) in steps {
        let nx = cx + dx, ny = cy + dy
        guard map.contains(x: nx, y: ny) else { continue }
        let i = ny * map.width + nx
        if map.pixels[i] == seed && !seen.contains(i) {
          seen.insert(i)
          queue.append((nx, ny))
        }
      }
    }
    return seen
  }

  @Test(arguments: [4, 8])
  func matchesABreadthFirstReferenceOnRandomMaps(connectivity: Int) {
    var state: UInt64 = 99
    for trial in 0..<60 {
      let w = 3 + trial % 17, h = 2 + (trial * 7) % 13
      var map = LabelMap(width: w, height: h)
      for i in 0..<(w * h) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        map.pixels[i] = UInt32((state >> 40) % 3)
      }
      let sx = trial % w, sy = trial % h
      let region = FloodFill.sameLabel(map, x: sx, y: sy, connectivity: connectivity)
      var got = Set<Int>()
      for y in 0..<h { for x in 0..<w where region.contains(x, y) { got.insert(y * w + x) } }
      #expect(got == reference(map, sx, sy, connectivity), "trial \(trial)")
      #expect(region.count == got.count)
    }
  }

  @Test func colourFillStopsAtTheTolerance() {
    var img = RGBImage(width: 6, height: 1, fill: RGB(100, 100, 100))
    img[3, 0] = RGB(100, 130, 100)
    img[4, 0] = RGB(100, 100, 100)
    let r10 = FloodFill.similarColor(img, x: 0, y: 0, tolerance: 10)
    #expect(r10.count == 3)
    let r30 = FloodFill.similarColor(img, x: 0, y: 0, tolerance: 30)
    #expect(r30.count == 6)
  }
}

@Suite("Fuzzer findings")
struct FuzzerFindingTests {
  /// FuzzCommands found `instance 0333333333333333333333` trapping on a
  /// UInt32 conversion; huge numbers are now refused by the parser and by
  /// the instance lookup.
  @Test func hugeNumbersAreRefusedNotTrapped() {
    var s = EditorState(
      labels: LabelMap(width: 4, height: 4), image: nil, catalog: coco, keymap: Keymap.builtIn(named: "default")!)
    for text in [
      "instance 0333333333333333333", "instance 70000", "select 4294967297", "delete 99999999", "move 9000000000000 0",
      "brush +9000000000000", "pan 1 -9000000000000", "opacity 1e308", "zoom 0.0000001",
    ] {
      #expect(throws: PanopticError.self, "\(text)") { try s.execute(CommandParser.parse(text)) }
    }
    #expect(s.areas.label(ofInstance: Int.max) == nil)
  }
}

extension FuzzerFindingTests {
  /// FuzzPNG found RSS climbing past 2 GB: every distinct bad value got its
  /// own problem line. Problems are now capped with a summary line.
  @Test func millionsOfBadValuesMakeABoundedProblemList() {
    let values = (0..<200_000).map { UInt32(70_000 + $0) }  // all "class id not in catalog"
    let d = CityscapesFormat.decode(
      PixelValues(width: 1000, height: 200, values: values, storage: .gray16), catalog: .cityscapes)
    #expect(d.problems.count == ProblemTally.limit + 1)
    #expect(d.problems.last?.message.hasPrefix("… and ") == true)
  }
}
