import Foundation
@testable import PanopticApp
import PanopticEditor
import PanopticIO
import PanopticModel
import Testing

/// Dataset mode without a terminal: the folder walk, shards, the status
/// file, and the runner driven through a fake terminal.
@Suite("Dataset mode")
struct DatasetTests {
  /// A folder with three photos a.png, b.png, c.png (no labels yet).
  static func folder() throws -> TestFolder {
    let t = try TestFolder()
    for n in ["a", "b", "c"] { try FileManager.default.copyItem(atPath: t.image, toPath: t.path + "/\(n).png") }
    try FileManager.default.removeItem(atPath: t.image)
    try FileManager.default.removeItem(atPath: t.labels)
    return t
  }

  @Test func photosInNameOrderLabelsBesideThemShardsSplitThem() throws {
    let t = try Self.folder()
    let d = try Dataset(folder: t.path)
    #expect(d.items.map(\.name) == ["a.png", "b.png", "c.png"])
    #expect(d.items[1].labels == t.path + "/b_labels.png")
    #expect(try Dataset(folder: t.path, shard: Shard("2/2")).items.map(\.name) == ["b.png"])
    #expect(try Dataset(folder: t.path, shard: Shard("1/2")).items.map(\.name) == ["a.png", "c.png"])
    #expect(Shard("0/3") == nil && Shard("4/3") == nil && Shard("x") == nil)
    #expect(throws: AppFailure.self) { try Dataset(folder: t.path + "/a.png") }
  }

  @Test func marksLandInTheStatusFileAndTheLastOneWins() throws {
    let t = try Self.folder()
    try DatasetStatusFile.mark(folder: t.path, image: "b.png", state: "review")
    try DatasetStatusFile.mark(folder: t.path, image: "a.png", state: "done")
    try DatasetStatusFile.mark(folder: t.path, image: "b.png", state: "done")
    let s = try DatasetStatusFile.read(folder: t.path)
    #expect(s["a.png"]?.state == "done" && s["b.png"]?.state == "done" && s["c.png"] == nil)
    #expect(s["a.png"]?.when.hasPrefix(DatasetStatusFile.today()) == true)
    let d = try Dataset(folder: t.path)
    // Marked done (by anyone) takes an image off the to-do list, labels or not.
    #expect((0..<3).map { d.isTodo($0, status: s) } == [false, false, true])
  }

  /// The status file is the team's: a mark rewrote it from the entries it understood, dropping
  /// comments, another tool's columns and lines it could not parse (a stranger's attack).
  @Test func aMarkChangesOnlyItsImagesLine() throws {
    let t = try Self.folder()
    let path = t.path + "/" + DatasetStatusFile.name
    let before = """
      # panoptty dataset status: image\tstate\twho\twhen (UTC)
      # reviewed by Ann on Friday
      a.png\tdone\tann@box\t2026-11-20T10:00:00Z\tqa=ok\tnote
      not a status line
      b.png\treview\tbob@box\t2026-11-21T10:00:00Z\tqa=pending
      b.png\treview\tbob@box\t2026-11-22T10:00:00Z

      """
    try before.write(toFile: path, atomically: false, encoding: .utf8)
    try DatasetStatusFile.mark(folder: t.path, image: "b.png", state: "done")
    try DatasetStatusFile.mark(folder: t.path, image: "c.png", state: "skipped")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.prefix(4)) == before.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init))
    #expect(lines[4].hasPrefix("b.png\tdone\t") && lines[4].hasSuffix("\tqa=pending"), "\(lines)")
    #expect(lines[5].hasPrefix("c.png\tskipped\t") && lines.count == 7 && lines[6].isEmpty, "\(lines)")
    #expect(try DatasetStatusFile.read(folder: t.path)["b.png"]?.state == "done")
  }

  /// `status` showed an image whose editor stopped with edits in a crash journal as plain
  /// "labels / todo": someone could start it over while the work waited in the journal.
  @Test func statusNamesImagesWithUnsavedWorkInACrashJournal() throws {
    let t = try Self.folder()
    _ = try Self.plantUnreplayableJournal(t, "b")
    let summary = try DatasetReport.lines(try Dataset(folder: t.path), list: false)
    #expect(summary.contains { $0.hasPrefix("  unsaved   1  b.png (an editor stopped with edits in a crash journal") }, "\(summary)")
    let lines = try DatasetReport.lines(try Dataset(folder: t.path), list: true)
    #expect(lines.contains("b.png\tlabels\t-\t-\t-\tunsaved work in a crash journal"), "\(lines)")
    #expect(!lines.contains { $0.hasPrefix("a.png") && $0.contains("crash journal") })
    // --list is one tab-separated row per image and nothing else (the summary came first).
    #expect(lines.count == 3 && lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 }, "\(lines)")
  }

  @Test func aNameTheStatusFileCannotHoldIsRefusedNotMangled() throws {
    let t = try Self.folder()
    #expect(throws: PanopticError.self) { try DatasetStatusFile.mark(folder: t.path, image: "a\nb.png", state: "done") }
    #expect(throws: PanopticError.self) { try DatasetStatusFile.mark(folder: t.path, image: "a\tb.png", state: "done") }
    #expect(try DatasetStatusFile.read(folder: t.path).isEmpty)
  }

  @Test func nextSavesMarkRecordsAndToolsCarryOver() throws {
    let t = try Self.folder()
    let d = try Dataset(folder: t.path)
    let term = FakeTerminal()
    for line in ["class car", "fillby label", "fill 1 1", "mark done"] {
      term.type(":")
      term.type(line)
      term.type([.enter])
    }
    term.type(">")
    term.type(":q")
    term.type([.enter])
    do {
      try DatasetRunner.run(dataset: d, keymap: Keymap.builtIn(named: "default")!, options: .init(), readOnly: false) {
        () throws(AppFailure) in term
      }
    } catch {
      Issue.record("the dataset session ended with: \(error.line) (screen: \(term.screenText.joined(separator: " / ")))")
    }
    let a = try LabelFile.read(path: t.path + "/a_labels.png").decoded
    #expect(LabelAreas(a.map).instanceIDs == [1])
    #expect(try DatasetStatusFile.read(folder: t.path)["a.png"]?.state == "done")
    let last = term.screenText.joined(separator: "\n")
    #expect(last.contains("img 2/3"), "\(last)")
    #expect(last.contains("car new#1"), "\(last)")
  }

  /// Plants a journal on photo `name` of the folder whose base is another file, and whose
  /// edit fits neither the labels there now nor their end (as if they changed since the
  /// crash): one the dataset cannot replay.
  static func plantUnreplayableJournal(_ t: TestFolder, _ name: String) throws -> EditJournal {
    let labels = t.path + "/\(name)_labels.png"
    let road = PanopticLabel(classIndex: ClassCatalog.coco.index(ofID: 149)!)
    _ = try LabelFile.write(LabelMap(width: 64, height: 48, filledWith: road), catalog: .coco, to: labels, format: .offset)
    let elsewhere = FileIdentity(device: 1, inode: 2, size: 3, mtimeNanoseconds: 4)
    let journal = try EditJournal(
      labelPath: labels,
      header: JournalHeader(labelName: "\(name)_labels.png", width: 64, height: 48, base: elsewhere, started: 0))
    let car = PanopticLabel(classIndex: 2, instance: 1).raw
    try journal.append([.step(HistoryStep(description: "x", delta: EditDelta(unvalidatedRuns: [.init(start: 0, length: 4, before: PanopticLabel.voidClass, after: car)])))])
    return journal
  }

  /// Runs dataset mode on the folder with `keys` typed, then `:q`.
  static func runDataset(_ t: TestFolder, typing keys: String, columns: Int) -> FakeTerminal {
    let term = FakeTerminal(columns: columns, rows: 30)
    term.type(keys + ":q")
    term.type([.enter])
    do {
      try DatasetRunner.run(dataset: try Dataset(folder: t.path), keymap: Keymap.builtIn(named: "default")!, options: .init(), readOnly: false) {
        () throws(AppFailure) in term
      }
    } catch {
      Issue.record("the dataset session ended with: \(error.line)")
    }
    return term
  }

  /// `>` past the last image that opens stays there and says so; it used to wrap round to the
  /// first image (and `<` to the last).
  @Test func steppingPastTheLastImageThatOpensNeverWrapsRound() throws {
    let t = try Self.folder()
    _ = try Self.plantUnreplayableJournal(t, "c")
    let term = Self.runDataset(t, typing: ">>", columns: 300)
    let rows = term.screenText.suffix(2)
    #expect(rows.first?.contains("img 2/3") == true, "\(rows)")
    #expect(rows.last?.hasPrefix("no later image can be opened; skipped c.png") == true, "\(rows)")
    #expect(DatasetRunner.searchOrder(from: 1, step: 1, count: 4, wraps: false) == [1, 2, 3, 0])
    #expect(DatasetRunner.searchOrder(from: 1, step: -1, count: 4, wraps: false) == [1, 0, 2, 3])
    #expect(DatasetRunner.searchOrder(from: 3, step: 1, count: 4, wraps: true) == [3, 0, 1, 2])
  }

  /// A photo whose crash journal cannot be replayed (here: its label file changed since) is
  /// skipped with the one-photo command that decides it. (It ended the whole session, and the
  /// message offered --discard-recovery, which dataset mode refuses.)
  @Test func aJournalThatCannotBeReplayedSkipsThatPhotoOnly() throws {
    let t = try Self.folder()
    let a = t.path + "/a_labels.png"
    let journal = try Self.plantUnreplayableJournal(t, "a")
    let term = Self.runDataset(t, typing: "", columns: 600)  // wide enough for the whole note
    let screen = term.screenText.joined(separator: "\n")
    #expect(screen.contains("img 2/3"), "\(screen)")
    #expect(screen.contains("skipped a.png:"), "\(screen)")
    // The note names the one-photo command that drops the journal (and says it once).
    #expect(screen.contains("; to drop that journal: panoptty edit \(t.path)/a.png --labels \(a) --discard-recovery"), "\(screen)")
    #expect(screen.components(separatedBy: "--discard-recovery").count == 2, "\(screen)")
    // ... and the one that keeps its work in a copy, once too.
    #expect(screen.contains("; to keep its work in a copy: panoptty edit \(t.path)/a.png --labels \(a) --recover-to COPY.png"), "\(screen)")
    #expect(screen.components(separatedBy: "--recover-to").count == 2, "\(screen)")
    #expect(FileManager.default.fileExists(atPath: journal.path), "the journal is the user's to decide about")
  }
}

/// Cityscapes' two parallel trees as one dataset, and `next problem`.
@Suite("Dataset mode: Cityscapes and problems")
struct CityscapesDatasetTests {
  /// `root/leftImg8bit/val/{aachen: 2 photos, bonn: 1}`, no gtFine yet.
  static func tree() throws -> (TestFolder, String) {
    let t = try TestFolder()
    let fm = FileManager.default
    let root = t.path + "/cs"
    for (city, n) in [("aachen", 2), ("bonn", 1)] {
      let dir = root + "/leftImg8bit/val/" + city
      try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for k in 1...n { try fm.copyItem(atPath: t.image, toPath: dir + "/\(city)_000000_00000\(k)_leftImg8bit.png") }
    }
    return (t, root)
  }

  @Test func eitherTreeAtSplitOrCityOpensTheSameImagesAndStatusFile() throws {
    let (t, root) = try Self.tree()
    _ = t
    let split = try Dataset.open(root + "/gtFine/val", images: nil, shard: nil)
    #expect(split.kind == .cityscapes)
    #expect(split.folder == root + "/gtFine/val")
    #expect(
      split.items.map(\.name) == [
        "aachen/aachen_000000_000001_leftImg8bit.png", "aachen/aachen_000000_000002_leftImg8bit.png",
        "bonn/bonn_000000_000001_leftImg8bit.png",
      ])
    #expect(split.items[2].labels == root + "/gtFine/val/bonn/bonn_000000_000001_gtFine_instanceIds.png")
    let city = try Dataset.open(root + "/leftImg8bit/val/bonn/", images: nil, shard: nil)
    #expect(city.folder == split.folder && city.items == [split.items[2]])
    #expect(Dataset.isDataset(root + "/gtFine/val"))
    // The tree itself: which split?
    #expect(throws: AppFailure.self) { try Dataset.open(root + "/gtFine", images: nil, shard: nil) }
    // --images belongs to a COCO JSON only.
    #expect(throws: AppFailure.self) { try Dataset.open(root + "/gtFine/val", images: t.path, shard: nil) }
  }

  @Test func aNewLabelFileNamedInstanceIdsIsCityscapesWithCityscapesClasses() throws {
    let t = try TestFolder()
    let f = try NewLabelFile.format(path: t.path + "/x_gtFine_instanceIds.png", options: .init())
    #expect(f.format == .cityscapes && f.catalog.name == "cityscapes")
    #expect(try NewLabelFile.format(path: t.path + "/x_labels.png", options: .init()).format == .offset)
    #expect(throws: PanopticError.self) { try NewLabelFile.format(path: t.path + "/x_gtFine_labelIds.png", options: .init()) }
  }

  @Test func nextProblemFindsAStrayPieceAndSaysWhere() throws {
    let (t, root) = try Self.tree()
    let d = try Dataset.open(root + "/gtFine/val", images: nil, shard: nil)
    #expect(d.nextProblem(after: 0, options: .init()) == nil)
    try FileManager.default.createDirectory(atPath: root + "/gtFine/val/bonn", withIntermediateDirectories: true)
    let session = try EditSession(image: d.items[2].photo, labels: d.items[2].labels, options: .init(), readOnly: false)
    var state = session.makeState(keymap: Keymap.builtIn(named: "default")!, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    for line in ["class car", "rect 2 2 9 9", "pick 3 3", "brush 1", "paint 30 30"] {
      _ = try state.execute(try CommandParser.parse(line))
    }
    _ = try session.save(state.labels, to: nil, force: false)
    session.finish()
    _ = t
    let found = try #require(d.nextProblem(after: 0, options: .init()))
    #expect(found.index == 2)
    #expect(found.problem.at == Point(29, 29))
    #expect(found.problem.text.contains("car #1 has a stray piece of 9 px at 29,29"))
  }
}

@Suite("eval of label folders: pairing")
struct LabelFolderEvalKeyTests {
  @Test func toolsSuffixesAreIgnoredWhenPairing() {
    #expect(LabelFolderEval.key("frankfurt/f_000000_000294_gtFine_instanceIds.png") == "frankfurt/f_000000_000294")
    #expect(LabelFolderEval.key("frankfurt/f_000000_000294_labels.png") == "frankfurt/f_000000_000294")
    #expect(LabelFolderEval.key("a_leftImg8bit.png") == "a")
    #expect(LabelFolderEval.key("plain.png") == "plain")
    // Only one suffix goes: a name that merely ends like one keeps the rest.
    #expect(LabelFolderEval.key("x_labels_labels.png") == "x_labels")
  }
}
