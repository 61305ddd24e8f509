import PanopticModel
import PanopticSelection
import Testing

@testable import PanopticEditor

/// Smart selection through the editor: the picture shows a preview cut at the
/// detail the screen can show, `accept` paints the full-resolution answer.
@Suite("Smart selection in the editor")
struct SmartSelectionTests {
  /// A 400×300 photo: a red disk of radius 80 on green, with a fixed texture.
  static let photo: RGBImage = {
    var bytes = [UInt8](repeating: 0, count: 400 * 300 * 3)
    for y in 0..<300 {
      for x in 0..<400 {
        let inside = (x - 200) * (x - 200) + (y - 150) * (y - 150) <= 80 * 80
        let j = UInt8((x * 7 + y * 13) % 23)
        let c: [UInt8] = inside ? [190 + j, 60 + j, 50] : [60, 120 + j, 70 + j]
        for i in 0..<3 { bytes[(y * 400 + x) * 3 + i] = c[i] }
      }
    }
    return RGBImage(width: 400, height: 300, bytes: bytes)
  }()

  /// The editor on that photo with no labels, fitted to a 60×20 terminal.
  static func editor() -> EditorState {
    EditorState(
      labels: LabelMap(width: 400, height: 300), image: photo, catalog: coco,
      keymap: Keymap.builtIn(named: "default")!, columns: 60, rows: 20)
  }

  /// The disk's left half labelled car, preserve on, and a person selection pending over the
  /// whole disk (a box and an include on the free half).
  static func personBesideALabelledHalfInPreserveMode() throws -> EditorState {
    var s = editor()
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.rect(Point(100, 50), Point(199, 250)))
    _ = try s.execute(.setClass("person"))
    _ = try s.execute(.preserve(true))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(250, 150)))
    return s
  }

  @Test func thePictureShowsThePreviewAndAcceptPaintsTheFullMask() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("person"))
    // 201×201 px: cut on level 2, and at fit zoom a half cell covers more than 2 photo pixels.
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    #expect(s.view.viewport.scale >= 2)
    let preview = try #require(s.selectionPreview)
    let full = try #require(s.selectionMask)
    let differ = preview.bytes != full.bytes
    #expect(differ)
    #expect(StatusLine.text(s).contains("smart \(preview.pixelCount)px"))
    _ = try s.execute(.accept(add: false))
    var painted = 0, mismatched = 0
    for y in 0..<300 {
      for x in 0..<400 {
        let isPainted = !s.labels[x, y].isVoid
        if isPainted { painted += 1 }
        if isPainted != full.contains(x: x, y: y) { mismatched += 1 }
      }
    }
    #expect(painted == full.pixelCount && mismatched == 0)
    // Zoomed to single pixels the preview is the full answer.
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    _ = try s.execute(.zoom(.to(1)))
    let same = s.selectionPreview?.bytes == s.selectionMask?.bytes
    #expect(s.view.viewport.scale <= 1 && same)
  }

  /// Preserve mode keeps labelled pixels, so the selection works around them: the tint, the
  /// status line's count and what `accept` paints are the same pixels. (Before, the tint and
  /// the count took the labelled half of the disk, and accept then painted the other half.)
  @Test func inPreserveModeTheSelectionLeavesLabelledPixelsOut() throws {
    var s = try Self.personBesideALabelledHalfInPreserveMode()
    let full = try #require(s.selectionMask)
    let preview = try #require(s.selectionPreview)
    var labelledTaken = 0, rightHalf = 0
    for y in 0..<300 {
      for x in 0..<400 where full.contains(x: x, y: y) || preview.contains(x: x, y: y) {
        if !s.labels[x, y].isVoid { labelledTaken += 1 } else if x >= 200 { rightHalf += 1 }
      }
    }
    #expect(labelledTaken == 0)
    #expect(rightHalf > 8000)  // the disk's free half (about 10,000 px) is still found
    #expect(StatusLine.text(s).contains("smart \(preview.pixelCount)px"))
    _ = try s.execute(.accept(add: false))
    let person = try #require(coco.resolve("person"))
    var painted = 0
    for y in 0..<300 { for x in 0..<400 where s.labels[x, y].classIndex == person && !s.labels[x, y].isVoid { painted += 1 } }
    #expect(painted == full.pixelCount)
    // Overwrite mode: the same clicks take the labelled half too.
    _ = try s.execute(.undo)
    _ = try s.execute(.preserve(false))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(250, 150)))
    let over = try #require(s.selectionMask)
    #expect(over.contains(x: 150, y: 150) && over.pixelCount > full.pixelCount + 8000)
  }

  /// The kept pixels follow the labels while a selection is pending: an undo (or a fill, a
  /// drag) changes what preserve keeps, and the tint, the count and accept follow. (Before, the
  /// count stayed at the old kept pixels and Enter painted twice as much.)
  @Test func keptPixelsFollowAnUndoWhileASelectionIsPending() throws {
    var s = try Self.personBesideALabelledHalfInPreserveMode()
    let before = try #require(s.selectionMask)
    #expect(!before.contains(x: 150, y: 150))
    _ = s.handle(.key(.char("u")))  // undo the car, by key, with the selection pending
    #expect(s.labels[150, 150].isVoid)
    let after = try #require(s.selectionMask)
    #expect(after.contains(x: 150, y: 150) && after.pixelCount > before.pixelCount + 8000)
    let preview = try #require(s.selectionPreview)
    #expect(StatusLine.text(s).contains("smart \(preview.pixelCount)px"))
    _ = try s.execute(.accept(add: false))
    var painted = 0
    for y in 0..<300 { for x in 0..<400 where !s.labels[x, y].isVoid { painted += 1 } }
    #expect(painted == after.pixelCount)
  }

  /// An include on a labelled pixel in preserve mode says why nothing was selected.
  @Test func anIncludeOnAKeptPixelSaysWhyTheSelectionIsEmpty() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.rect(Point(0, 0), Point(399, 299)))
    _ = try s.execute(.preserve(true))
    _ = try s.execute(.include(Point(200, 150)))
    _ = try s.execute(.accept(add: false))
    #expect(s.message.text.contains("labelled pixels, which preserve mode keeps"))
  }

  /// A plain accept says it accepted: "selected car #2" read as a pick of an existing segment.
  @Test func acceptSaysAccepted() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    let n = try #require(s.selectionMask).pixelCount
    _ = try s.execute(.accept(add: false))
    #expect(s.message.text == "accepted car #1 (\(n) px)")
  }

  /// `accept add` says what it added and what the instance holds now (it said "selected
  /// car #1 (N px)" with only the added pixels, which read as the instance's size).
  @Test func acceptAddSaysWhatItAddedAndTheNewSize() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.rect(Point(0, 0), Point(9, 9)))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    let added = try #require(s.selectionMask).pixelCount
    _ = try s.execute(.accept(add: true))
    #expect(s.message.text == "added to car #1 (\(added) px); now \(added + 100) px")
  }

  /// `accept add` joins a thing instance. With a stuff class it says so in words (before, it
  /// asked to choose an instance, which a stuff class cannot have), and the selection stays
  /// pending for a plain `accept`.
  @Test func acceptAddWithAStuffClassSaysPlainAcceptPaintsIt() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("grass-merged"))
    _ = try s.execute(.include(Point(200, 150)))
    #expect(throws: PanopticError.usage("accept add joins a thing instance, and grass-merged is stuff: plain accept paints it as grass-merged")) {
      _ = try s.execute(.accept(add: true))
    }
    #expect(!s.selection.isEmpty)
    _ = try s.execute(.accept(add: false))
    #expect(s.labels[200, 150].isVoid == false)
  }
  /// An accept that finds nothing keeps the box and clicks: they are what the next include
  /// builds on (it used to drop them, and a carefully drawn box was gone).
  @Test func anEmptyAcceptKeepsTheBoxAndClicksPending() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("car"))
    _ = try s.execute(.rect(Point(0, 0), Point(399, 299)))
    _ = try s.execute(.preserve(true))
    _ = try s.execute(.setClass("person"))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    _ = try s.execute(.accept(add: false))
    #expect(s.message.text.contains("Esc drops"))
    #expect(s.selection.input.box == SelectionBox(x0: 100, y0: 50, x1: 300, y1: 250))
    #expect(s.selection.input.clicks.count == 1)
    // Nothing would be lost by leaving it: a script may end there.
    #expect(!s.hasUnacceptedSelection)
    _ = try s.execute(.preserve(false))
    #expect(s.hasUnacceptedSelection)
    _ = try s.execute(.accept(add: false))
    #expect(s.labels[200, 150].classIndex == person)
    #expect(s.selection.isEmpty)
  }

  /// The cut works inside the box: a click outside it is refused in words, not taken silently.
  @Test func aClickOutsideTheBoxIsRefusedAndSaysWhy() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("person"))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    #expect(
      throws: PanopticError.usage(
        "include 350,20 is outside the box 100,50–300,250, where the selection is made; click inside it, or draw a box that holds it")
    ) { _ = try s.execute(.include(Point(350, 20))) }
    #expect(s.selection.input.clicks.isEmpty)
  }

  /// `q` says "accept it (Enter)"; with the fill tool chosen meanwhile, Enter filled the lawn at
  /// the cursor as a new person instead (a stranger's walkthrough, 57,856 px of grass).
  @Test func enterAcceptsAPendingSelectionWhateverTheTool() throws {
    var s = Self.editor()
    _ = try s.execute(.setClass("person"))
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    _ = try s.execute(.setTool(.fill))
    #expect(s.message.text.hasPrefix("the smart selection stays pending (Enter accepts it, Esc rejects it); fill:"))
    _ = try s.execute(.goto(Point(10, 10)))
    _ = try s.execute(.finish)
    #expect(s.selection.isEmpty)
    #expect(s.labels[200, 150].classIndex == person)
    #expect(s.labels[10, 10].isVoid, "nothing was filled at the cursor")
    // BS drops the last pending click whatever the tool, as its hint says.
    _ = try s.execute(.box(Point(100, 50), Point(300, 250)))
    _ = try s.execute(.include(Point(200, 150)))
    _ = try s.execute(.setTool(.fill))
    _ = try s.execute(.removeVertex)
    #expect(s.selection.input.clicks.isEmpty && s.selection.input.box != nil, "\(s.message.text)")
    _ = try s.execute(.reject)
    // With nothing pending, Enter is the tool's again.
    _ = try s.execute(.finish)
    #expect(s.labels[10, 10].classIndex == person)
  }
}
