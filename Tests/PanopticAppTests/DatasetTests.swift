import Foundation
import PanopticApp
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
}
