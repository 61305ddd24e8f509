import Foundation
import PanopticApp
import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender
import Testing

/// The interactive loop, in-process: keys into a fake terminal, frames and
/// files out.
@Suite("Editor loop on a fake terminal")
struct EditorLoopTests {
  /// Runs the loop; `batch` events are handled per frame (1: a frame after
  /// every event, to look at each screen).
  func run(_ folder: TestFolder, _ terminal: FakeTerminal, keymap: String = "default", signal: Int32 = 0, batch: Int = 1)
    throws -> (EditorLoop<FakeTerminal>.Ending, EditorState, EditSession)
  {
    let session = try folder.session()
    var state = session.makeState(
      keymap: Keymap.builtIn(named: keymap)!, columns: 80, rows: 24, colorMode: terminal.colorMode, unicode: true)
    var loop = EditorLoop(terminal: terminal, session: session, pendingSignal: { signal })
    loop.maxEventsPerFrame = batch
    let ending = loop.run(&state)
    return (ending, state, session)
  }

  @Test func fillSaveQuitWritesTheFileAndShowsTheStatus() throws {
    let folder = try TestFolder()
    let t = FakeTerminal()
    t.type([.char(":")])
    t.type("class car")
    t.type([.enter, .char(":")])
    t.type("goto 20 40")
    t.type([.enter, .char(" "), .ctrl("s")])
    t.pending.append(.key(.char("q")))
    let before = try folder.read()
    let (ending, state, _) = try run(folder, t)
    #expect(ending == .quit)
    let after = try folder.read()
    #expect(after != before)
    let label = after[20, 40]
    #expect(state.catalog.describe(label).hasPrefix("car #"))
    #expect(!state.isDirty)
    #expect(t.frames.first?.force == true)
    #expect(t.screenText.joined().contains("wrote"))
  }

  @Test func aPasteIsAppliedAtOnceAndDrawnOnce() throws {
    let folder = try TestFolder()
    let t = FakeTerminal()
    t.type([.char(":")])
    t.type(String(repeating: "x", count: 5000))
    t.pending.append(.key(.escape))
    t.pending.append(.key(.char("q")))
    let (ending, _, _) = try run(folder, t, batch: 4096)
    #expect(ending == .quit)
    // The first frame, then one per batch of queued events: never one per character.
    #expect(t.frames.count <= 4)
  }

  @Test func aSignalStopsTheLoopAndKeepsTheEditsInTheJournal() throws {
    let folder = try TestFolder()
    let t = FakeTerminal()
    t.type([.char("f"), .char(" ")])
    var stop: Int32 = 0
    t.whenIdle = { stop = 15 }
    let session = try folder.session()
    var state = session.makeState(
      keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    var loop = EditorLoop(terminal: t, session: session, pendingSignal: { stop })
    let ending = loop.run(&state)
    #expect(ending == .signal(15))
    session.abandon()
    #expect(state.isDirty)
    #expect(FileManager.default.fileExists(atPath: session.journalPath))
    // The next session replays it to the same labels.
    let again = try folder.session()
    var recovered = again.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    let decision = try again.recoveryDecision(
      flags: .init(recover: true, discard: false), interactive: false, state: recovered)
    #expect(decision == .replay)
    try again.apply(decision, to: &recovered)
    #expect(recovered.labels == state.labels)
    #expect(recovered.document.history.undoSteps.count == state.document.history.undoSteps.count)
  }

  /// The terminal sends Ctrl-C as SIGINT: on the `:` line it leaves the line, as the keymap
  /// says (it ended the session). Elsewhere it still stops the editor, keeping the journal.
  @Test func ctrlCOnTheCommandLineLeavesTheLineNotTheEditor() throws {
    let folder = try TestFolder()
    let t = FakeTerminal()
    t.type(":class ca")
    var stop: Int32 = 0
    t.whenIdle = {
      stop = 2
      t.type("q")
    }
    let session = try folder.session()
    var state = session.makeState(
      keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    var loop = EditorLoop(
      terminal: t, session: session, pendingSignal: { stop },
      takeInterrupt: {
        guard stop == 2 else { return false }
        stop = 0
        return true
      })
    #expect(loop.run(&state) == .quit)
    #expect(state.mode == .normal)
    #expect(state.currentClass.name != "cat")
    session.finish()
    // In normal mode the same signal ends the loop.
    let again = try folder.session()
    var other = again.makeState(
      keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    let idle = FakeTerminal()
    idle.whenIdle = { stop = 2 }
    var loop2 = EditorLoop(terminal: idle, session: again, pendingSignal: { stop }, takeInterrupt: { false })
    #expect(loop2.run(&other) == .signal(2))
    again.finish()
  }

  @Test func aTerminalThatGoesAwayEndsTheLoop() throws {
    let (ending, _, _) = try run(try TestFolder(), FakeTerminal())
    #expect(ending == .hungUp)
  }

  @Test func aResizeRedrawsEverythingAtTheNewSize() throws {
    let t = FakeTerminal()
    t.pending = [.resize(columns: 120, rows: 40), .key(.char("q"))]
    _ = try run(try TestFolder(), t)
    let last = try #require(t.frames.last)
    #expect(last.force)
    #expect(last.grid.width == 120 && last.grid.height == 40)
  }

  @Test func monoDrawsNoColourAnywhere() throws {
    let t = FakeTerminal(colorMode: .mono)
    // An error message, the side panel's swatches, the help overlay, a quit prompt.
    t.type("XfQ?")
    t.type([.escape, .char("x"), .char(" "), .char("q")])
    t.pending.append(.key(.char("y")))
    _ = try run(try TestFolder(), t)
    #expect(t.frames.count > 3)
    for frame in t.frames {
      for cell in frame.grid.cells {
        #expect(cell.fg == .terminalDefault && cell.bg == .terminalDefault, "a coloured cell in mono: \(cell)")
      }
    }
  }

  @Test func theStatusLineShowsTheIdTheFileUses() throws {
    let folder = try TestFolder()
    // A COCO pair whose segment ids are not panoptty's own numbering.
    try FileManager.default.createDirectory(atPath: folder.path + "/pan", withIntermediateDirectories: true)
    let coco = folder.path + "/pan/demo.png"
    _ = try LabelFile.write(try folder.read(), catalog: .coco, to: coco, format: .coco)
    let json = folder.path + "/pan.json"
    var text = try String(contentsOfFile: json, encoding: .utf8)
    let loaded = try LabelFile.read(path: coco)
    let carID = try #require(loaded.decoded.fileIDs.first { loaded.decoded.catalog.describe(PanopticLabel(raw: $0.key)) == "car #1" }?.value)
    text = text.replacingOccurrences(of: "\"id\":\(carID),", with: "\"id\":4242,")
    try text.write(toFile: json, atomically: true, encoding: .utf8)
    // Rewrite the PNG's pixels of that segment to the new id.
    var ids = try PNGCodec.readValues(path: coco).0
    for i in ids.values.indices where ids.values[i] == UInt32(carID) { ids.values[i] = 4242 }
    try writeRGBIds(ids, to: coco)
    let session = try EditSession(image: folder.image, labels: coco, options: .init(), readOnly: false)
    var state = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 120, rows: 30, colorMode: .truecolor, unicode: true)
    let car = try #require(try LabelFile.read(path: coco).decoded.map.pixels.firstIndex { session.catalog.describe(PanopticLabel(raw: $0)) == "car #1" })
    _ = try state.execute(.goto(Point(car % 64, car / 64)))
    var screen = EditorScreen()
    let grid = screen.render(state)
    let status = grid.text(row: grid.height - 2)
    #expect(status.contains("car #1 [4242]"), "status: \(status)")
    session.finish()
  }

  /// Writes an RGB id map (R + 256·G + 65536·B) as a plain PNG.
  func writeRGBIds(_ pv: PixelValues, to path: String) throws {
    var img = RGBImage(width: pv.width, height: pv.height)
    for (i, v) in pv.values.enumerated() {
      img[i % pv.width, i / pv.width] = RGB(UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF))
    }
    try ImageFile.writePNG(img, to: path)
  }
}
