import Foundation
import PanopticApp
import PanopticEditor
import PanopticIO
import PanopticModel
import Testing

@Suite("Scripts and the save policy")
struct ScriptRunnerTests {
  func run(_ folder: TestFolder, _ source: String, labels: String? = nil, readOnly: Bool = false) throws -> [String] {
    let session = try folder.session(labels: labels, readOnly: readOnly)
    return try EditRunner.runScript(
      session: session, keymap: Keymap.builtIn(named: "default")!, source: source, name: "-c",
      recovery: .init(recover: false, discard: false))
  }

  @Test func wBangOverwritesAFileChangedOnDiskAndWDoesNot() throws {
    let folder = try TestFolder()
    let session = try folder.session()
    // Someone else rewrites the file after it was opened.
    _ = try LabelFile.write(LabelMap(width: 64, height: 48), catalog: .coco, to: folder.labels, format: .offset)
    var state = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    #expect(throws: AppFailure.self) {
      _ = try ScriptRunner(source: "class sky; fill 2 2; w", name: "-c").run(&state, session: session)
    }
    var forced = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    _ = try ScriptRunner(source: "class sky; fill 2 2; w!", name: "-c").run(&forced, session: session)
    #expect(try folder.read() == forced.labels)
  }

  /// A second session takes the lock before it reads the labels. (Before, it read them first:
  /// a script that read the file, then locked it after the first editor saved and quit, saved
  /// the old pixels over that save, and both said "wrote".) Shown here by a file that changed
  /// to something unreadable while the first session holds it: the second is refused for the
  /// lock, not for the file it should never have read.
  @Test func aSecondSessionIsRefusedForTheLockBeforeReadingTheLabels() throws {
    let folder = try TestFolder()
    let first = try folder.session()
    try Data("not a PNG".utf8).write(to: URL(fileURLWithPath: folder.labels))
    do {
      _ = try folder.session()
      Issue.record("a second session opened a file the first one holds")
    } catch let failure as AppFailure {
      #expect(failure.line.contains(": being edited by"), "\(failure.line)")
    }
    _ = first
  }

  /// A split, fill or accept that changed nothing says so on stderr: the script still exits 0
  /// (a later line may mend it), but it used to exit 0 in silence.
  @Test func anEditThatChangedNothingIsReported() throws {
    let folder = try TestFolder()
    let reports = try run(folder, "class car; rect 2 2 9 9; split 1; class sky; fill 30 30; reject")
    #expect(reports.first == "-c:1:26: car #1 is one piece: nothing to split", "\(reports)")
    #expect(reports.count == 2, "one note, then the save: \(reports)")
    #expect(reports.last?.hasPrefix("wrote") == true, "\(reports)")
    // The same through a tool: the fill tool's apply notes; a polygon point (an apply that
    // changes nothing by design) does not.
    let tools = try run(TestFolder(), "class sky; tool fill; goto 2 2; apply; class car; rect 2 2 9 9; tool poly; goto 1 1; apply; reject")
    #expect(tools.first == "-c:1:33: filled sky-other-merged: nothing changed", "\(tools)")
    #expect(tools.count == 2, "one note, then the save: \(tools)")
    // A split along a line says whether the line missed the instance or only grazed it
    // (both said "is one piece", which reads as if the line had been ignored).
    let blank = try TestFolder()
    let lines = try run(blank, "class car; rect 2 2 9 9\nsplit 1 0 0 0 1\nsplit 1 2 2 2 9", labels: blank.path + "/new_labels.png")
    #expect(Array(lines.prefix(2)) == [
      "-c:2: the line from (0, 0) to (0, 1) does not cross car #1: nothing to split",
      "-c:3: the line from (2, 2) to (2, 9) does not cut car #1 in two: nothing to split",
    ], "\(lines)")
  }

  /// A read-only script that edits and writes no copy says its changes went nowhere.
  @Test func aReadOnlyScriptThatSavesNothingSaysSo() throws {
    let folder = try TestFolder()
    let before = try folder.read()
    let reports = try run(folder, "class car; rect 2 2 9 9", readOnly: true)
    #expect(reports == ["-c: --read-only: the changes were not saved (w PATH saves a copy)"])
    #expect(try folder.read() == before)
  }

  @Test func wCopyWritesACopyAndTheLabelFileIsStillSaved() throws {
    let folder = try TestFolder()
    let reports = try run(folder, "class sky; fill 2 2; w \(folder.path)/copy.png; class car; fill 20 40")
    // (The demo's sky is already sky: that fill is reported as changing nothing.)
    #expect(reports.filter { $0.hasPrefix("wrote ") }.count == 2, "\(reports)")
    #expect(reports.first == "-c:1:12: filled sky-other-merged: nothing changed", "\(reports)")
    let copy = try folder.read(folder.path + "/copy.png")
    let saved = try folder.read()
    #expect(copy != saved, "the copy holds the labels as they were at `w COPY`")
    #expect(ClassCatalog.coco.describe(saved[20, 40]).hasPrefix("car #"))
  }

  @Test func theLabelFileByAnotherSpellingIsTheLabelFile() throws {
    let folder = try TestFolder()
    let other = folder.path + "/./sub/../demo_labels.png"
    try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true)
    let session = try folder.session(readOnly: true)
    var state = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    let before = try Data(contentsOf: URL(fileURLWithPath: folder.labels))
    #expect(throws: AppFailure.self) {
      _ = try ScriptRunner(source: "class sky; fill 2 2; w \(other)", name: "-c").run(&state, session: session)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder.labels)) == before)
  }

  @Test func theImageIsNeverASaveTarget() throws {
    let folder = try TestFolder()
    let before = try Data(contentsOf: URL(fileURLWithPath: folder.image))
    for cmd in ["w", "w!"] {
      #expect(throws: AppFailure.self) { _ = try run(folder, "class sky; fill 2 2; \(cmd) \(folder.image)") }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder.image)) == before)
  }

  @Test func qBangSavesNothingAndQWithChangesFails() throws {
    let folder = try TestFolder()
    let before = try folder.read()
    _ = try run(folder, "class car; fill 2 2; q!")
    #expect(try folder.read() == before)
    #expect(throws: AppFailure.self) { _ = try run(folder, "class car; fill 2 2; q") }
    #expect(try folder.read() == before)
  }

  @Test func aFailingLineSavesNothingAndNamesTheLine() throws {
    let folder = try TestFolder()
    let before = try folder.read()
    do {
      _ = try run(folder, "class sky\nfill 2 2\nfill 999 2")
      Issue.record("the script should fail")
    } catch let f as AppFailure {
      #expect(f.line == "-c:3: (999, 2) is outside the 64×48 image; nothing was saved")
    }
    #expect(try folder.read() == before)
  }

  /// A refusal only the write can see comes after the saves before it: the line said neither
  /// where it was in the script nor that the first copy had been written.
  @Test func aSaveRefusedAtWriteTimeNamesItsLineAndTheSavesBeforeIt() throws {
    let folder = try TestFolder()
    let set = folder.path + "/set", out = folder.path + "/out"
    for dir in [set, out] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    _ = try LabelFile.write(try folder.read(), catalog: .coco, to: set + "/a.png", format: .coco)
    do {
      // Two copies of one image into one JSON: the second would give its image_id two PNGs.
      let first = "class sky; fill 2 2; w \(out)/c1.png; "
      _ = try run(folder, first + "w \(out)/c2.png", labels: set + "/a.png")
      Issue.record("the second copy should be refused")
    } catch let f as AppFailure {
      let column = "class sky; fill 2 2; w \(out)/c1.png; ".count + 1
      #expect(f.line.hasPrefix("-c:1:\(column): \(out)/c2.png: "), "\(f.line)")
      #expect(f.line.contains("image_id"), "\(f.line)")
      #expect(f.line.hasSuffix("; saved before it: \(out)/c1.png"), "\(f.line)")
    }
    #expect(FileManager.default.fileExists(atPath: out + "/c1.png"))
    #expect(!FileManager.default.fileExists(atPath: out + "/c2.png"))
  }
}

@Suite("Recovery decisions")
struct RecoveryDecisionTests {
  let id = FileIdentity(device: 1, inode: 2, size: 3, mtimeNanoseconds: 4)
  func journal(base: FileIdentity?, events: [JournalEvent], w: Int = 8, h: Int = 6, damaged: Int = 0) -> EditJournal.Recovery {
    EditJournal.Recovery(
      header: JournalHeader(labelName: "l.png", width: w, height: h, base: base, started: 0), events: events, damagedRecords: damaged)
  }
  func decide(_ j: EditJournal.Recovery?, current: FileIdentity?, recover: Bool = false, discard: Bool = false,
              readOnly: Bool = false, interactive: Bool = false) -> RecoveryDecision {
    RecoveryDecision.decide(
      journal: j, journalPath: "J", labelPath: "L", current: current, width: 8, height: 6,
      flags: .init(recover: recover, discard: discard), readOnly: readOnly, interactive: interactive)
  }
  var step: JournalEvent {
    .step(HistoryStep(description: "x", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: 0xFFFF, after: 3)])))
  }

  @Test func everyCase() {
    #expect(decide(nil, current: id) == .nothing)
    #expect(decide(journal(base: id, events: [step]), current: id, readOnly: true) == .nothing)
    #expect(decide(journal(base: id, events: [step]), current: id, discard: true) == .discard)
    #expect(decide(nil, current: id, discard: true) == .discard, "--discard-recovery needs no readable journal")
    #expect(decide(journal(base: id, events: [step]), current: id, recover: true) == .replay)
    #expect(decide(journal(base: nil, events: [step]), current: nil, recover: true) == .replay)
    if case .ask(let q) = decide(journal(base: id, events: [step]), current: id, interactive: true) {
      #expect(q.contains("(1 edit)"), "\(q)")
    } else {
      Issue.record("an interactive session asks")
    }
    if case .refuse(let why) = decide(journal(base: id, events: [step]), current: id) {
      #expect(why.contains("--recover") && why.contains("--discard-recovery"))
    } else {
      Issue.record("a script refuses")
    }
    var changed = id
    changed.size = 99
    if case .refuse(let why) = decide(journal(base: id, events: [step]), current: changed, recover: true) {
      #expect(why.contains("changed on disk"))
    } else {
      Issue.record("a changed base is refused")
    }
    if case .refuse(let why) = decide(journal(base: id, events: [step], w: 10), current: id, recover: true) {
      #expect(why.contains("10×6"))
    } else {
      Issue.record("a journal for another size is refused")
    }
    let history = journal(base: id, events: [.savedUndo(HistoryStep(description: "x", delta: EditDelta()))])
    #expect(decide(history, current: id) == .restoreHistory)
    #expect(decide(history, current: changed) == .discard)
  }

  /// `--recover` with nothing to recover is refused in words, not ignored:
  /// a script would otherwise run on the saved file as if the work were back.
  @Test func recoverWithNothingToRecoverIsRefused() {
    guard case .refuse(let none) = decide(nil, current: id, recover: true) else {
      Issue.record("--recover with no journal must be refused")
      return
    }
    #expect(none == "--recover: there is no unsaved work for L (no J); run without --recover")
    let history = journal(base: id, events: [.savedUndo(HistoryStep(description: "x", delta: EditDelta()))])
    guard case .refuse(let saved) = decide(history, current: id, recover: true) else {
      Issue.record("--recover with a journal of saved edits only must be refused")
      return
    }
    #expect(saved.contains("holds only the undo history of saved edits"), "\(saved)")
    #expect(decide(nil, current: id, recover: true, readOnly: true) == .nothing)
    // A crash that cut the journal's only edit short left nothing to replay,
    // and that is not "saved history".
    var torn = journal(base: id, events: [])
    torn.tornTailBytes = 40
    guard case .refuse(let cut) = decide(torn, current: id, recover: true) else {
      Issue.record("--recover with only a torn edit must be refused")
      return
    }
    #expect(cut.contains("the only unsaved edit in J was cut short by the crash"), "\(cut)")
  }

  /// Plants a journal of `events` on the folder's label file (as the file is now).
  func plant(_ events: [JournalEvent], in folder: TestFolder) throws {
    let j = try EditJournal(
      labelPath: folder.labels,
      header: JournalHeader(labelName: "demo_labels.png", width: 64, height: 48, base: FileIdentity.of(folder.labels), started: 0))
    try j.append(events)
  }

  /// The file's bytes written back as a new file: the same pixels under a new identity, as a
  /// copy put back in place leaves them.
  func putBackACopy(of path: String) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try FileManager.default.removeItem(atPath: path)
    try bytes.write(to: URL(fileURLWithPath: path))
  }

  /// A folder whose crash journal holds one unsaved edit: pixel 0 made car #99.
  func folderWithOneCarJournaled() throws -> (TestFolder, LabelMap, UInt32) {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99).raw
    try plant([.step(HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: map[0, 0].raw, after: car)])))], in: folder)
    return (folder, map, car)
  }

  /// Runs a one-line script on the folder, recovering or not; its reports, or its failure's line.
  func script(_ folder: TestFolder, recover: Bool) throws -> Result<[String], AppFailure> {
    do {
      return .success(
        try EditRunner.runScript(
          session: try folder.session(), keymap: Keymap.builtIn(named: "default")!, source: "goto 0 0", name: "-c",
          recovery: .init(recover: recover, discard: false)))
    } catch let f as AppFailure {
      return .failure(f)
    }
  }

  /// An edit undone back to the saved labels before a Ctrl-C is no unsaved work: the next
  /// open asked "Recover it? (1 edit)" about a journal whose edits net to nothing.
  @Test func editsUndoneBackToTheSavedFileAreNoUnsavedWork() throws {
    let folder = try TestFolder()
    let session = try folder.session()
    var state = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    _ = state.runText("class car; rect 0 0 3 3")
    _ = session.record(&state)
    let outcome = try session.save(state.labels, to: nil, force: false)
    state.didSave(outcome.message, fileIDs: outcome.fileIDs)
    session.rememberSavedHistory(state)
    _ = state.runText("class sky; rect 10 10 12 12; u")
    _ = session.record(&state)
    #expect(!state.isDirty)
    session.abandon()
    #expect(FileManager.default.fileExists(atPath: session.journalPath))
    let again = try folder.session()
    let fresh = again.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    #expect(try again.recoveryDecision(flags: .init(recover: false, discard: false), interactive: true, state: fresh) == .discard)
    again.finish()
  }

  /// The session keeps to the file it opened: a folder symlink repointed meanwhile led `w!` into
  /// the other folder's labels and a quit to delete the other file's crash journal.
  @Test func aSwappedFolderLinkLeadsNoSaveAndNoQuitElsewhere() throws {
    let a = try TestFolder(), b = try TestFolder()
    let link = a.path + "-link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: a.path)
    defer { try? FileManager.default.removeItem(atPath: link) }
    let session = try EditSession(image: link + "/demo.png", labels: link + "/demo_labels.png", options: .init(), readOnly: false)
    // b's labels have a crash journal; the link now leads there.
    let victim = try EditJournal(
      labelPath: b.labels,
      header: JournalHeader(labelName: "demo_labels.png", width: 64, height: 48, base: FileIdentity.of(b.labels), started: 0))
    _ = victim
    try FileManager.default.removeItem(atPath: link)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: b.path)
    let before = try Data(contentsOf: URL(fileURLWithPath: b.labels))
    #expect(throws: PanopticError.self) { _ = try session.save(try a.read(), to: nil, force: true) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: b.labels)) == before)
    session.finish()
    #expect(FileManager.default.fileExists(atPath: EditJournal.path(for: b.labels)), "the other file's journal was deleted")
  }

  /// A script that fails saves nothing, so `--discard-recovery` must not have dropped the
  /// journal either (a typo in the script took the crashed session's edits with it).
  @Test func discardRecoveryDropsTheJournalOnlyWhenTheScriptRuns() throws {
    let (folder, map, _) = try folderWithOneCarJournaled()
    let journal = EditJournal.path(for: folder.labels)
    func run(_ source: String) throws {
      _ = try EditRunner.runScript(
        session: try folder.session(), keymap: Keymap.builtIn(named: "default")!, source: source, name: "-c",
        recovery: .init(recover: false, discard: true))
    }
    #expect(throws: AppFailure.self) { try run("clas car") }
    #expect(FileManager.default.fileExists(atPath: journal))
    try run("goto 0 0")
    #expect(!FileManager.default.fileExists(atPath: journal))
    #expect(try folder.read() == map)
  }

  /// Another identity is not yet another file: a `touch` (same pixels) still replays, and a
  /// file that already holds every journaled edit (a save killed before it removed the
  /// journal) is not called lost work. Both used to be "changed on disk … cannot be replayed",
  /// and the editor would not open the file until the journal was discarded.
  @Test func theFilesPixelsDecideWhenItsIdentityChanged() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99).raw
    let step = JournalEvent.step(HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: map[0, 0].raw, after: car)])))
    try plant([step], in: folder)
    // Same pixels, new identity (a copy put back in place).
    try putBackACopy(of: folder.labels)
    let replayed = try script(folder, recover: true).get()
    #expect(replayed.contains { $0.hasPrefix("wrote ") }, "\(replayed)")
    #expect(try folder.read()[0, 0].raw == car)
    // The file holds the end of the journal, as after a save killed before its clean-up.
    try plant([step], in: folder)
    var saved = try folder.read()
    _ = saved
    try putBackACopy(of: folder.labels)
    let opened = try script(folder, recover: false).get()
    #expect(!FileManager.default.fileExists(atPath: EditJournal.path(for: folder.labels)), "\(opened)")
    saved = try folder.read()
    #expect(saved[0, 0].raw == car)
    guard case .failure(let f) = try script(folder, recover: true) else { return }
    #expect(f.line.hasPrefix("--recover: there is no unsaved work"), "\(f.line)")
    // Pixels the journal does not touch changed too (a teammate's edit): not the base, refused.
    // (Only the touched pixels were compared, and the replay merged two objects.)
    let base = try folder.read()
    try plant([.step(HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: base[0, 0].raw, after: PanopticLabel(classIndex: 2, instance: 98).raw)])))], in: folder)
    var changed = base
    changed[40, 30] = PanopticLabel(classIndex: 2, instance: 97)
    _ = try LabelFile.write(changed, catalog: .coco, to: folder.labels, format: .offset)
    guard case .failure(let g) = try script(folder, recover: true) else {
      Issue.record("a journal on a file changed elsewhere was replayed")
      return
    }
    #expect(g.line.contains("changed on disk"), "\(g.line)")
  }

  /// A journal cut short by a crash, on a file touched since (same pixels, new identity): the
  /// edits before the tear replay as they do on the untouched file. (It was refused as
  /// "changed on disk", and the edits could only be dropped.)
  @Test func aTornJournalOnATouchedFileStillReplays() throws {
    let (folder, _, car) = try folderWithOneCarJournaled()
    let journal = EditJournal.path(for: folder.labels)
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
    try h.seekToEnd()
    try h.write(contentsOf: Data([0x50, 0x4A, 0x52, 0x00, 0x00, 0x10]))
    try h.close()
    #expect(try EditJournal.read(labelPath: folder.labels)?.tornTailBytes ?? 0 > 0)
    try putBackACopy(of: folder.labels)
    let replayed = try script(folder, recover: true).get()
    #expect(replayed.contains { $0.hasPrefix("wrote ") }, "\(replayed)")
    #expect(try folder.read()[0, 0].raw == car)
  }

  /// A journal on a file changed on disk cannot be replayed, and the work used to be lost with
  /// `--discard-recovery`, the only way on. `--recover-to COPY` puts the edits onto the file as
  /// it is now, in a new file; the label file and the journal stay as they are.
  @Test func recoverToPutsTheWorkOntoTheChangedFileInACopy() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99).raw
    try plant(
      [.step(HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 2, before: map[0, 0].raw, after: car)])))],
      in: folder)
    // A teammate changed pixel 0 (which the edit changed too) and one far from it.
    var theirs = map
    let bus = PanopticLabel(classIndex: 5, instance: 77)
    theirs[0, 0] = bus
    theirs[40, 30] = bus
    // ... and gave the edit's instance id to a person (both took "the next id").
    let person = PanopticLabel(classIndex: 0, instance: 99)
    theirs[50, 40] = person
    _ = try LabelFile.write(theirs, catalog: .coco, to: folder.labels, format: .offset)
    guard case .failure(let refused) = try script(folder, recover: true) else {
      Issue.record("a journal on a changed file was replayed")
      return
    }
    #expect(refused.line.contains("--recover-to COPY.png"), "\(refused.line)")
    let keys = Keymap.builtIn(named: "default")!
    let copy = folder.path + "/copy.png"
    let lines = try EditRunner.recoverTo(session: try folder.session(), keymap: keys, copy: copy)
    #expect(lines.contains { $0.contains("2 pixels differ; 1 pixel of them changed on disk since too") }, "\(lines)")
    #expect(lines.contains { $0.contains("car #99 is car #100") }, "\(lines)")
    let recovered = try folder.read(copy)
    let renumbered = PanopticLabel(classIndex: 2, instance: 100)
    #expect(recovered[0, 0] == renumbered && recovered[1, 0] == renumbered && recovered[40, 30] == bus && recovered[50, 40] == person)
    #expect(try folder.read() == theirs)
    #expect(FileManager.default.fileExists(atPath: EditJournal.path(for: folder.labels)))
    // Never over the label file (by any name) or a file that exists.
    for target in [folder.labels, folder.path + "/./demo_labels.png", copy] {
      #expect(throws: AppFailure.self) { _ = try EditRunner.recoverTo(session: try folder.session(), keymap: keys, copy: target) }
    }
    #expect(try folder.read() == theirs && folder.exists("copy.png"))
    // With no journal there is nothing to put anywhere.
    try EditJournal.discard(labelPath: folder.labels)
    #expect(throws: AppFailure.self) {
      _ = try EditRunner.recoverTo(session: try folder.session(), keymap: keys, copy: folder.path + "/other.png")
    }
    #expect(!folder.exists("other.png"))
  }

  /// An edit undone before the crash is no edit: its pixels keep what the file holds now. (The
  /// copy put the old sky back over a teammate's newer car, and called it your edit.)
  @Test func recoverToLeavesWhatTheEditsUndidToTheFile() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let road = PanopticLabel(classIndex: 100).raw, car = PanopticLabel(classIndex: 2, instance: 99)
    let undone = HistoryStep(description: "road", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 4, before: map[0, 0].raw, after: road)]))
    let kept = HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 100, length: 1, before: map[100, 0].raw, after: car.raw)]))
    try plant([.step(undone), .undo, .step(kept)], in: folder)
    var theirs = map
    let bus = PanopticLabel(classIndex: 5, instance: 77)
    theirs[1, 0] = bus
    _ = try LabelFile.write(theirs, catalog: .coco, to: folder.labels, format: .offset)
    let lines = try EditRunner.recoverTo(session: try folder.session(), keymap: Keymap.builtIn(named: "default")!, copy: folder.path + "/copy.png")
    // One pixel is the edits' (the car); none of it was changed on disk too.
    #expect(lines.contains { $0.hasSuffix("as it is now: 1 pixel differs") }, "\(lines)")
    let recovered = try folder.read(folder.path + "/copy.png")
    #expect(recovered[1, 0] == bus && recovered[0, 0] == map[0, 0] && recovered[100, 0] == car)
  }

  /// A folder where the journal goes is named as such, and `--discard-recovery` does not run a
  /// script past it (it exited 0 with the folder still in the way of every later open).
  @Test func aFolderAtTheJournalPathIsNamedAndNotPassed() throws {
    let folder = try TestFolder()
    let journal = EditJournal.path(for: folder.labels)
    try FileManager.default.createDirectory(atPath: journal + "/inside", withIntermediateDirectories: true)
    for discard in [false, true] {
      do {
        _ = try EditRunner.runScript(
          session: try folder.session(), keymap: Keymap.builtIn(named: "default")!, source: "goto 0 0", name: "-c",
          recovery: .init(recover: false, discard: discard))
        Issue.record("a folder at the journal path was passed (discard: \(discard))")
      } catch let f as AppFailure {
        #expect(f.line.contains("is a folder, not a crash journal; panoptty does not delete folders"), "\(f.line)")
      }
    }
    #expect(FileManager.default.fileExists(atPath: journal + "/inside"))
  }

  /// The file gave the edits' instance id to the same class elsewhere: one object or two, which
  /// only a look can tell, so the copy keeps the id and says so.
  @Test func recoverToNamesAnInstanceTheFileUsesElsewhere() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99)
    try plant(
      [.step(HistoryStep(description: "car", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 2, before: map[0, 0].raw, after: car.raw)])))],
      in: folder)
    var theirs = map
    theirs[50, 40] = car
    _ = try LabelFile.write(theirs, catalog: .coco, to: folder.labels, format: .offset)
    let lines = try EditRunner.recoverTo(session: try folder.session(), keymap: Keymap.builtIn(named: "default")!, copy: folder.path + "/copy.png")
    #expect(lines.contains { $0.hasPrefix("car #99 also labels pixels your edits did not touch") }, "\(lines)")
    let recovered = try folder.read(folder.path + "/copy.png")
    #expect(recovered[0, 0] == car && recovered[50, 40] == car)
  }

  /// A record with a sound checksum that does not fit the labels (a run past the map) is
  /// damage like a failed checksum: the good edit before it is replayed with --recover. (The
  /// whole journal was refused, even with --recover, and the good edit was lost with it.)
  @Test func aRecordThatDoesNotFitKeepsTheGoodEditsBeforeIt() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99).raw
    let good = JournalEvent.step(HistoryStep(description: "good", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: map[0, 0].raw, after: car)])))
    let bad = JournalEvent.step(HistoryStep(description: "bad", delta: EditDelta(unvalidatedRuns: [.init(start: 1_000_000_000, length: 1, before: 0, after: car)])))
    try plant([good, bad], in: folder)
    // (A refused script leaves the journal as it was.)
    guard case .failure(let f) = try script(folder, recover: false) else {
      Issue.record("a damaged journal must stop a script without --recover")
      return
    }
    #expect(f.line.contains("has 1 damaged record (it does not fit the labels: journal record 2:"), "\(f.line)")
    #expect(f.line.contains("after 1 edit of unsaved work; --recover replays what comes before the damage"), "\(f.line)")
    let reports = try script(folder, recover: true).get()
    #expect(reports.first?.hasPrefix("replayed the 1 edit in ") == true, "\(reports)")
    #expect(reports.first?.contains("dropped 1 damaged record (it does not fit the labels") == true, "\(reports)")
    #expect(try folder.read()[0, 0].raw == car)
  }

  /// Saved undo history that does not fit the file (the `H` records a journal starts with)
  /// is left out, and the edits after it are replayed. (It made every sound edit count as
  /// damage, "damaged from its first edit on", and --recover could only drop them.)
  @Test func savedHistoryThatDoesNotFitIsLeftOutAndTheEditsAreKept() throws {
    let folder = try TestFolder()
    let map = try folder.read()
    let car = PanopticLabel(classIndex: 2, instance: 99).raw
    let stranger = PanopticLabel(classIndex: 2, instance: 98).raw
    // "Saved" history whose after-pixels are not the file's.
    let saved = JournalEvent.savedUndo(HistoryStep(description: "old", delta: EditDelta(unvalidatedRuns: [.init(start: 5, length: 1, before: map[5, 0].raw, after: stranger)])))
    let good = JournalEvent.step(HistoryStep(description: "good", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 1, before: map[0, 0].raw, after: car)])))
    try plant([saved, good], in: folder)
    let reports = try script(folder, recover: true).get()
    #expect(reports.first?.contains("replayed the 1 edit in ") == true, "\(reports)")
    #expect(reports.first?.contains("the undo history from before the last save (it does not fit the file)") == true, "\(reports)")
    #expect(try folder.read()[0, 0].raw == car)
    // A bad record after them is named by its number in the file (3), not in the list left
    // once the history was taken out (2).
    let other = try TestFolder()
    let bad = JournalEvent.step(HistoryStep(description: "bad", delta: EditDelta(unvalidatedRuns: [.init(start: 1_000_000_000, length: 1, before: 0, after: car)])))
    try plant([saved, good, bad], in: other)
    guard case .failure(let f) = try script(other, recover: false) else {
      Issue.record("a damaged journal stops a script without --recover")
      return
    }
    #expect(f.line.contains("journal record 3:"), "\(f.line)")
  }

  /// A damaged journal: the message counts right, names the cause, and a
  /// script may replay the good part with --recover (it could not before:
  /// only a terminal could, and the message offered "the 0 edits").
  @Test func aDamagedJournalSaysWhatIsWrongAndScriptsCanReplayTheGoodPart() {
    var one = journal(base: id, events: [step], damaged: 1)
    guard case .refuse(let why) = decide(one, current: id) else {
      Issue.record("a script without --recover must be refused")
      return
    }
    #expect(
      why == "J has 1 damaged record (checksum failed) after 1 edit of unsaved work; --recover replays what comes before the damage, --discard-recovery drops it all")
    #expect(decide(one, current: id, recover: true) == .replay)
    one.firstDamage = .unreadable
    guard case .refuse(let tag) = decide(one, current: id) else {
      Issue.record("refused")
      return
    }
    #expect(tag.contains("not readable by this panoptty") && !tag.contains("checksum"), "\(tag)")
    if case .ask(let q) = decide(journal(base: id, events: [step, step], damaged: 3), current: id, interactive: true) {
      #expect(q.contains("(2 edits, then a damaged record and the 2 records after it (checksum failed), which cannot be replayed)"), "\(q)")
    } else {
      Issue.record("a terminal asks")
    }
    // Damage before any edit: nothing can be replayed, in a terminal either.
    for interactive in [false, true] {
      guard case .refuse(let none) = decide(journal(base: id, events: [], damaged: 2), current: id, interactive: interactive) else {
        Issue.record("a journal damaged from its first edit must be refused")
        continue
      }
      #expect(none == "J is damaged from its first edit on, a damaged record and the 1 record after it (checksum failed): nothing in it can be replayed; --discard-recovery drops it")
    }
    // ... on a file whose identity changed too (a `touch`): the damage is the reason, not the
    // file, which nothing readable can be compared with.
    let touched = FileIdentity(device: id.device, inode: id.inode, size: id.size, mtimeNanoseconds: id.mtimeNanoseconds + 1)
    guard case .refuse(let after) = decide(journal(base: id, events: [], damaged: 1), current: touched) else {
      Issue.record("refused")
      return
    }
    #expect(after.contains("is damaged from its first edit on") && !after.contains("changed on disk"), "\(after)")
  }
}