import Foundation
import PanopticApp
import PanopticIO
import PanopticModel
import Testing

@Suite("Batch: inputs, shards, items")
struct BatchTests {
  @Test func shardTakesEveryNthFromTheKth() {
    let files = (1...10).map { "f\($0)" }
    #expect(Shard("1/3")!.select(files) == ["f1", "f4", "f7", "f10"])
    #expect(Shard("3/3")!.select(files) == ["f3", "f6", "f9"])
    #expect(Shard("1/1")!.select(files) == files)
    #expect(Shard("5/4") == nil)
    #expect(Shard("0/4") == nil)
    #expect(Shard("2") == nil)
    #expect(Shard("a/b") == nil)
    #expect(Shard("1/0") == nil)
    // The shards of N together are every file exactly once.
    let all = (1...4).flatMap { Shard("\($0)/4")!.select(files) }
    #expect(all.sorted() == files.sorted())
  }

  @Test func labelPNGsInAFolderAreRecognisedByName() {
    let cocoFolders: Set<String> = ["data/panoptic_val2017"]
    func isLabel(_ p: String) -> Bool { BatchInputs.isLabelPNG(p) { cocoFolders.contains($0) } }
    #expect(isLabel("d/street_labels.png"))
    #expect(isLabel("gtFine/val/frankfurt/frankfurt_000000_000294_gtFine_instanceIds.png"))
    #expect(isLabel("data/panoptic_val2017/000000142238.png"))
    #expect(!isLabel("d/street.png"))
    #expect(!isLabel("gtFine/val/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png"))
    #expect(!isLabel("d/street_labels.jpg"))
    #expect(!isLabel("data/other/000000142238.png"))
  }

  @Test func aFolderExpandsToItsLabelFilesInByteOrderAndAnEmptyOneFails() throws {
    let folder = try TestFolder()
    let sub = folder.path + "/b"
    try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: folder.labels, toPath: sub + "/z_labels.png")
    try FileManager.default.copyItem(atPath: folder.labels, toPath: sub + "/A_labels.png")
    try FileManager.default.copyItem(atPath: folder.labels, toPath: sub + "/.hidden_labels.png")
    let empty = folder.path + "/empty"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let (files, failures) = BatchInputs.expand([folder.path, "x.png", empty])
    #expect(files == [sub + "/A_labels.png", sub + "/z_labels.png", folder.labels, "x.png"])
    #expect(failures.count == 1 && failures[0].hasPrefix(empty + ": no label PNGs"))
    #expect(BatchInputs.isSingleFile([folder.labels], shard: nil))
    #expect(!BatchInputs.isSingleFile([folder.path], shard: nil))
    #expect(!BatchInputs.isSingleFile([folder.labels], shard: Shard("1/2")))
  }

  @Test func itemsReportFailuresWithoutThrowing() throws {
    let folder = try TestFolder()
    let ok = LabelBatch.item(folder.labels, mode: .validate(json: true), options: .init())
    #expect(ok.failure == nil && ok.output.count == 1 && ok.output[0].contains("\"ok\":true"))
    let missing = LabelBatch.item(folder.path + "/nope.png", mode: .info(json: true), options: .init())
    #expect(missing.failure != nil)
    #expect(missing.output.count == 1 && missing.output[0].contains("\"error\"") && !missing.output[0].contains("\n"))
    let text = LabelBatch.item(folder.path + "/nope.png", mode: .validate(json: false), options: .init())
    #expect(text.output.isEmpty && text.failure!.contains("nope.png"))
  }

  @Test func textconvIsStableAndNamesNoPath() throws {
    let folder = try TestFolder()
    let copy = folder.path + "/copy_labels.png"
    try FileManager.default.copyItem(atPath: folder.labels, toPath: copy)
    let a = InfoReport.textconv(folder.labels, options: .init())
    #expect(a == InfoReport.textconv(copy, options: .init()))
    #expect(!a.contains(folder.path))
    let lines = a.split(separator: "\n").dropFirst(2).map { String($0.prefix { $0 != " " }) }
    #expect(lines == lines.sorted())
    #expect(InfoReport.textconv(folder.path + "/nope.png", options: .init()).hasPrefix("not readable as labels: "))
  }

  /// `set/val/x.png` listed in `set.json` as `val/x.png` (panopticapi joins the name to `set/`):
  /// a walk of the dataset, or of `set/`, used to say "no label PNGs in this folder".
  @Test func aCOCOFolderWalkFindsPNGsListedWithASubfolder() throws {
    let folder = try TestFolder()
    let root = folder.path + "/ds"
    try FileManager.default.createDirectory(atPath: root + "/set/val", withIntermediateDirectories: true)
    let map = try LabelFile.read(path: folder.labels).decoded.map
    _ = try LabelFile.write(map, catalog: .coco, to: root + "/set/val/x.png", format: .coco, annotations: root + "/set.json")
    _ = try LabelFile.write(map, catalog: .coco, to: root + "/set/val/y.png", format: .coco)
    // A PNG the JSON does not list is not taken for a label file.
    try FileManager.default.copyItem(atPath: folder.image, toPath: root + "/set/val/photo.png")
    for top in [root, root + "/set"] {
      let (files, failures) = BatchInputs.expand([top])
      #expect(files == [root + "/set/val/x.png", root + "/set/val/y.png"], "\(top)")
      #expect(failures.isEmpty, "\(failures)")
    }
    try FileManager.default.removeItem(atPath: root + "/set/val/y.png")
    let (_, failures) = BatchInputs.expand([root])
    #expect(failures == [root + "/set/val/y.png: " + root + "/set.json lists it, but it is not there"])
  }
}
