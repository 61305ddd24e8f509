import Foundation
import Glibc
import PanopticModel
import Testing

@testable import PanopticIO

/// Collects values from several threads.
final class Collected<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [T] = []
  func add(_ item: T) { lock.withLock { items.append(item) } }
  var all: [T] { lock.withLock { items } }
}

@Suite("COCO saves: commit, crash recovery, locks, odd files")
struct COCOCommitTests {
  /// A folder with `p/x.png` + `p.json` holding `cocoTestMap()`, and a
  /// second version of the labels staged for it (both temporary files
  /// complete), as a save has them just before its commit record.
  func stagedPair() throws -> (dir: String, png: String, json: String, staged: [StagedFile], next: LabelMap) {
    let dir = FileNames.absolute(makeTempDir()).string
    try FileManager.default.createDirectory(atPath: dir + "/p", withIntermediateDirectories: true)
    let png = dir + "/p/x.png"
    let json = dir + "/p.json"
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: png, format: .coco)
    var next = cocoTestMap()
    next[3, 1] = PanopticLabel(classIndex: 2, instance: 9)
    let document = try COCOJSONDocument(path: json, maxStreamBytes: .max)
    let plan = try COCOSavePlan(
      map: next, catalog: .coco, pngName: "x.png", photoName: nil, keepingIDs: [:], into: document, jsonPath: json)
    let code = plan.code
    let stagedPNG = try StagedFile.create(for: png, existing: FileStatus.of(png)) { (fd) throws(PanopticError) in
      try LabelFile.encodeRows(next, to: fd, wide: true, text: nil, compression: .labels) { code[$0] ?? 0 }
    }
    let stagedJSON = try StagedFile.create(for: json, existing: FileStatus.of(json)) { (fd) throws(PanopticError) in
      try plan.write(to: fd, context: "p.json")
    }
    return (dir, png, json, [stagedPNG, stagedJSON], next)
  }

  func leftovers(_ dir: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir)
      + FileManager.default.contentsOfDirectory(atPath: dir + "/p")
    return names.filter { $0.contains(".panoptty-") && !$0.hasSuffix("-lock") }.sorted()
  }

  @Test func aCrashBetweenTheTwoRenamesIsCompletedByTheNextOpen() throws {
    let (dir, png, json, staged, next) = try stagedPair()
    let record = COCOCommitRecord(renames: staged.map { .init(temporary: $0.temporary, target: $0.target) })
    try Data(record.encoded()).write(to: URL(fileURLWithPath: COCOPairCommit.recordPath(forJSON: json)))
    // The PNG is renamed, then the process dies (its descriptors close).
    #expect(rename(staged[0].temporary, png) == 0)
    for file in staged { file.close() }
    let read = try LabelFile.read(path: png)
    #expect(read.decoded.problems.isEmpty, "\(read.decoded.problems)")
    // The new pair: a car where void was (instances are renumbered on reading).
    #expect(samePartition(read.decoded.map.pixels, next.pixels))
    #expect(read.decoded.map[3, 1].classIndex == 2)
    #expect(try leftovers(dir) == [])
  }

  @Test func aTornRecordIsRolledBack() throws {
    let (dir, png, json, staged, _) = try stagedPair()
    let record = COCOCommitRecord(renames: staged.map { .init(temporary: $0.temporary, target: $0.target) })
    let bytes = record.encoded()
    try Data(bytes.prefix(bytes.count - 9)).write(to: URL(fileURLWithPath: COCOPairCommit.recordPath(forJSON: json)))
    for file in staged { file.close() }
    #expect(try LabelFile.read(path: png).decoded.map == cocoTestMap())
    #expect(try leftovers(dir) == [])
  }

  @Test func aRecordNamingForeignFilesIsRefusedNotFollowed() throws {
    let (dir, _, json, staged, _) = try stagedPair()
    for file in staged { file.discard() }
    let victim = dir + "/victim.txt"
    try writeText("keep", victim)
    let record = COCOCommitRecord(renames: [.init(temporary: victim, target: dir + "/p/x.png")])
    try Data(record.encoded()).write(to: URL(fileURLWithPath: COCOPairCommit.recordPath(forJSON: json)))
    #expect(throws: PanopticError.self) {
      try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/p/x.png", format: .coco)
    }
    #expect(try readText(victim) == "keep")
  }

  @Test func twoWritersAtOnceKeepBothEntries() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let errors = Collected<String>()
    DispatchQueue.concurrentPerform(iterations: 2) { writer in
      for i in 0..<8 {
        do {
          _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/set/w\(writer)_\(i).png", format: .coco)
        } catch {
          errors.add("\(error)")
        }
      }
    }
    #expect(errors.all == [])
    let file = try COCOAnnotationsFile.load(path: dir + "/set.json")
    #expect(file.document.index.annotations.count == 16)
    #expect(file.document.index.images.count == 16)
    #expect(file.document.index.duplicates.isEmpty)
  }

  @Test func nonRegularAnnotationsAreRefusedAndAFIFOIsRead() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/s/x.png", format: .coco)
    let error = #expect(throws: PanopticError.self) {
      try LabelFile.read(path: dir + "/s/x.png", options: LabelFileOptions(annotations: "/dev/zero"))
    }
    #expect(error?.description.contains("/dev/zero: not a regular file") == true, "\(String(describing: error))")
    let fifo = dir + "/pipe.json"
    #expect(mkfifo(fifo, 0o600) == 0)
    let text = try readText(dir + "/s.json")
    let feeder = Thread {
      if let handle = FileHandle(forWritingAtPath: fifo) {
        handle.write(Data(text.utf8))
        handle.closeFile()
      }
    }
    feeder.start()
    let read = try LabelFile.read(path: dir + "/s/x.png", options: LabelFileOptions(annotations: fifo))
    #expect(read.decoded.map == cocoTestMap())
  }

  @Test func bigJSONsKeepAValidatedSidecarIndex() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/big", withIntermediateDirectories: true)
    let entry = #"{"segments_info": [{"id": 1003, "category_id": 3, "iscrowd": 0, "bbox": [0, 0, 2, 1], "area": 2, "note": "filler text to make the file big enough for an index"}], "file_name": "f%d.png", "image_id": %d}"#
    let entries = (1...25_000).map { entry.replacingOccurrences(of: "%d", with: String($0)) }
    let json = dir + "/big.json"
    try writeText("{\"annotations\": [" + entries.joined(separator: ", ") + "]}", json)
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/big/x.png", format: .coco)
    let sidecar = dir + "/.big.json.panoptty-index"
    #expect(FileManager.default.fileExists(atPath: sidecar))
    let cached = try COCOJSONDocument(path: json, maxStreamBytes: .max)
    #expect(cached.indexFromSidecar)
    #expect(try LabelFile.read(path: dir + "/big/x.png").decoded.map == cocoTestMap())
    // A damaged sidecar is never trusted: the file is scanned again.
    try Data("PTYCOCOX garbage".utf8).write(to: URL(fileURLWithPath: sidecar))
    let rescanned = try COCOJSONDocument(path: json, maxStreamBytes: .max)
    #expect(!rescanned.indexFromSidecar)
    #expect(try LabelFile.read(path: dir + "/big/x.png").decoded.map == cocoTestMap())
    // A stale one (the JSON changed) is rebuilt.
    try writeText(try readText(json) + " ", json)
    #expect(!(try COCOJSONDocument(path: json, maxStreamBytes: .max)).indexFromSidecar)
    #expect(try COCOJSONDocument(path: json, maxStreamBytes: .max).indexFromSidecar)
  }
}
