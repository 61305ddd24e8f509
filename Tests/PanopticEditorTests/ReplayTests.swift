import PanopticModel
import Testing

@testable import PanopticEditor

/// Crash recovery: `LabelDocument.replay` applies a journal all or nothing,
/// and only after every delta was checked against the map and catalog.
@Suite("Journal replay")
struct ReplayTests {
  static let carRaw = PanopticLabel(classIndex: car, instance: 1).raw
  static let roadRaw = PanopticLabel(classIndex: road).raw
  static let void = PanopticLabel.voidClass

  /// A 10×10 document with a car in the top-left corner, already saved.
  static func document() -> LabelDocument {
    var map = LabelMap(width: 10, height: 10)
    for x in 0..<3 { map[x, 0] = PanopticLabel(raw: carRaw) }
    return LabelDocument(labels: map, catalog: coco)
  }

  static func step(_ runs: [(Int, Int, UInt32, UInt32)], _ description: String = "edit") -> HistoryStep {
    HistoryStep(
      description: description,
      delta: EditDelta(unvalidatedRuns: runs.map { EditDelta.Run(start: $0.0, length: $0.1, before: $0.2, after: $0.3) }))
  }

  /// A fine step: pixels 10…14 from void to road.
  static let good = step([(10, 5, void, roadRaw)])

  struct Snapshot: Equatable {
    var labels: LabelMap
    var history: History
    var areas: LabelAreas
    var dirty: Bool
    init(_ d: LabelDocument) {
      labels = d.labels
      history = d.history
      areas = d.areas
      dirty = d.isDirty
    }
  }

  static func expectRefused(
    _ events: [JournalEvent], _ why: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var d = document()
    let before = Snapshot(d)
    let error = #expect(throws: PanopticError.self, sourceLocation: sourceLocation) { try d.replay(events) }
    #expect(error?.description.contains(why) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    #expect(Snapshot(d) == before, "a refused journal changed the document", sourceLocation: sourceLocation)
    #expect(d.takeJournalEvents().isEmpty, sourceLocation: sourceLocation)
  }

  @Test func deltasOutsideTheMapAreRefused() {
    for runs in [[(95, 10, Self.void, Self.roadRaw)], [(100, 1, Self.void, Self.roadRaw)], [(-1, 2, Self.void, Self.roadRaw)],
                 [(0, 0, Self.void, Self.roadRaw)], [(1, Int.max, Self.void, Self.roadRaw)],
                 [(Int.max, 1, Self.void, Self.roadRaw)]] {
      Self.expectRefused([.step(Self.step(runs))], "lies outside the 100-pixel map")
      Self.expectRefused([.step(Self.good), .extend(Self.step(runs).delta)], "journal record 2")
      Self.expectRefused([.savedUndo(Self.step(runs))], "lies outside")
      Self.expectRefused([.savedRedo(Self.step(runs))], "lies outside")
    }
  }

  @Test func classesOutsideTheCatalogAreRefused() {
    let unknown = PanopticLabel.pack(classIndex: 133, instance: 0)
    let farOut = PanopticLabel.pack(classIndex: 0xFFFE, instance: 9)
    Self.expectRefused([.step(Self.step([(10, 1, Self.void, unknown)]))], "class index 133 is not in the coco catalog")
    Self.expectRefused([.step(Self.step([(10, 1, Self.void, farOut)]))], "class index 65534")
    // The value put back by undo is checked as well as the new one.
    Self.expectRefused([.step(Self.step([(10, 1, unknown, Self.roadRaw)]))], "class index 133")
    Self.expectRefused([.step(Self.good), .savedRedo(Self.step([(50, 1, Self.void, unknown)]))], "journal record 2")
  }

  @Test func stuffWithAnInstanceIsRefused() {
    let roadWithInstance = PanopticLabel.pack(classIndex: UInt32(road), instance: 4)
    Self.expectRefused([.step(Self.step([(10, 1, Self.void, roadWithInstance)]))], "stuff class \"road\" has instance 4")
    Self.expectRefused([.extend(Self.step([(10, 1, Self.void, roadWithInstance)]).delta)], "has instance 4")
  }

  @Test func stepsThatDoNotMatchTheMapAreRefusedWithNothingApplied() {
    // Pixel 10 is void, not a car.
    Self.expectRefused([.step(Self.step([(10, 1, Self.carRaw, Self.roadRaw)]))], "does not match the labels it was made on")
    // A good first step, then a bad one: the good one is not applied either.
    Self.expectRefused(
      [.step(Self.good), .step(Self.step([(0, 3, Self.roadRaw, Self.void)]))], "journal record 2 does not match")
    Self.expectRefused([.extend(Self.good.delta)], "journal record 1 extends an edit that is not there")
    Self.expectRefused([.undo], "undoes more than it did")
    Self.expectRefused([.step(Self.good), .redo], "redoes more than it undid")
    Self.expectRefused([.step(Self.good), .undo, .undo], "journal record 3 undoes more")
    // Undo of a step the map no longer shows (a later step overwrote it
    // without being undone first) is refused too.
    Self.expectRefused([.savedUndo(Self.good), .undo], "undoes more than it did")
  }

  /// Drives an editor through every kind of history change, then replays
  /// its journal onto the labels as they were opened: same pixels, same
  /// undo and redo stacks, same dirty state, same areas.
  @Test func aValidJournalReplaysToTheLiveState() throws {
    let start = asciiMap(
      """
      ....rrrr....
      ....rrrr....
      ............
      ............
      ............
      ............
      ............
      ............
      """, ["r": PanopticLabel(classIndex: road)])
    var live = makeEditor(labels: start)
    try run(&live, "class car; fill 8 3; class person; fillby label; fill 0 7; undo; class sky; rect 0 0 1 1")
    try run(&live, "relabel @sky road; undo; undo; redo; class car; brush 0; tool brush")
    // A mouse drag: one step extended by every segment.
    _ = live.run(.goto(Point(2, 5)))
    let a = live.view.viewport.screenPoint(imageX: 2, imageY: 5)
    let b = live.view.viewport.screenPoint(imageX: 9, imageY: 5)
    _ = live.handle(.mouse(MouseEvent(.press, column: a.x, row: a.y / 2, lowerHalf: a.y % 2 == 1)))
    _ = live.handle(.mouse(MouseEvent(.drag, column: (a.x + b.x) / 2, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    _ = live.handle(.mouse(MouseEvent(.drag, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    _ = live.handle(.mouse(MouseEvent(.release, column: b.x, row: b.y / 2, lowerHalf: b.y % 2 == 1)))
    try run(&live, "renumber; undo")
    let events = live.takeJournalEvents()
    #expect(events.contains { if case .extend = $0 { return true } else { return false } })
    #expect(events.contains(.undo) && events.contains(.redo))
    #expect(live.takeJournalEvents().isEmpty)

    var recovered = makeEditor(labels: start)
    try recovered.replay(events)
    #expect(recovered.labels == live.labels)
    #expect(recovered.document.history == live.document.history)
    #expect(recovered.document.areas == live.document.areas)
    #expect(recovered.isDirty == live.isDirty && recovered.isDirty)
    #expect(recovered.document.nextInstanceID == live.document.nextInstanceID)
    #expect(recovered.takeJournalEvents().isEmpty)
    // Undo works as before, all the way back to the file as opened.
    while !live.document.history.undoSteps.isEmpty {
      try run(&live, "undo")
      try run(&recovered, "undo")
      #expect(recovered.labels == live.labels)
    }
    #expect(recovered.labels == start)
    #expect(!recovered.isDirty)
  }

  /// After a save the journal restarts from the saved file with the history
  /// as `savedUndo`/`savedRedo` records: undo still reaches past the save,
  /// and the saved state counts as clean.
  @Test func historyFromBeforeASaveSurvivesReplay() throws {
    var live = makeEditor()
    try run(&live, "class road; rect 0 0 3 3; class sky; rect 5 5 8 7; rect 0 6 2 7; undo")
    live.didSave("saved")
    let base = live.labels
    let history = live.historyRecords()
    _ = live.takeJournalEvents()
    #expect(history.count == 3)
    try run(&live, "class car; fill 10 1")
    let events = history + live.takeJournalEvents()

    var recovered = makeEditor(labels: base)
    try recovered.replay(events)
    #expect(recovered.labels == live.labels)
    #expect(recovered.document.history == live.document.history)
    #expect(recovered.isDirty && live.isDirty)
    try run(&live, "undo")
    try run(&recovered, "undo")
    #expect(!recovered.isDirty && !live.isDirty)
    try run(&live, "undo; undo")
    try run(&recovered, "undo; undo")
    #expect(recovered.labels == live.labels)
    #expect(recovered.labels == LabelMap(width: 12, height: 8))
    #expect(recovered.isDirty)
  }

  /// `savedUndo`/`savedRedo` records are put on the stacks without checking
  /// that they fit the map (only their size and labels are checked). One
  /// that does not fit is accepted, and undoing it later writes pixels the
  /// step never changed and leaves the areas out of step with the map.
  @Test(.bug(id: 8, "replay accepts saved-history (H) steps that do not fit the map"))
  func savedHistoryThatDoesNotFitTheMapIsRefused() throws {
    var d = Self.document()
    let before = Snapshot(d)
    // Says pixels 0…2 went from void to road; the map has car #1 there.
    let foreign = Self.step([(0, 3, Self.void, Self.roadRaw)])
    do {
      try d.replay([.savedUndo(foreign)])
    } catch {
      #expect(Snapshot(d) == before)
      return
    }
    Issue.record("a saved step that does not fit the map was accepted")
    _ = try? d.undo()
    #expect(d.areas == LabelAreas(d.labels), "areas no longer match the pixels after undoing it")
  }

  @Test func anEmptyJournalChangesNothing() throws {
    var d = Self.document()
    let before = Snapshot(d)
    try d.replay([])
    #expect(Snapshot(d) == before)
  }
}
