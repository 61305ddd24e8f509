import Foundation
import Synchronization
import PanopticModel
import Testing

@testable import PanopticIO

/// A COCO batch writes its PNGs as it goes and its JSON at the end, alongside whatever else
/// writes that dataset: it must neither replace another writer's JSON nor remove their files.
@Suite("COCO batch writer")
struct COCOBatchWriterTests {
  static let map: LabelMap = {
    var m = LabelMap(width: 4, height: 2)
    m[0, 0] = PanopticLabel(classIndex: 2, instance: 1)
    return m
  }()

  func contents(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

  /// `frame_078590` and `frame_148196` hash to one image_id. Given in either order, a batch
  /// now numbers them alike (in file-name order) and says which moved: in input order, ground
  /// truth and predictions converted in different orders swapped ids and scored PQ 0.
  @Test func collidingNamesGetTheSameIdsInAnyOrder() throws {
    func ids(_ names: [String]) throws -> ([String: Int], [String]) {
      let dir = makeTempDir()
      try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
      let writer = try COCOBatchWriter(jsonPath: dir + "/set.json")
      for (i, n) in names.enumerated() { try writer.add(Self.map, catalog: .coco, pngPath: dir + "/set/\(n).png", index: i) }
      _ = try writer.finish()
      let index = try COCOIndex.build(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/set.json"))))
      var out: [String: Int] = [:]
      for a in index.annotations { out[a.fileName!] = a.imageID?.intValue }
      return (out, writer.moved)
    }
    let (one, moved) = try ids(["frame_078590", "frame_148196"])
    let (other, _) = try ids(["frame_148196", "frame_078590"])
    #expect(one == other && Set(one.values).count == 2)
    #expect(moved == ["frame_148196.png is \(one["frame_148196.png"]!), as frame_078590.png is \(one["frame_078590.png"]!)"])
  }

  /// The JSON is made under the COCO lock: a single-file convert holding it (having read "no
  /// JSON") finishes first, and the batch then finds the JSON there and does not replace it.
  /// It used to write without the lock, and the convert renamed its JSON over the batch's.
  @Test func theJSONWaitsForTheLockAndReplacesNothing() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let writer = try COCOBatchWriter(jsonPath: dir + "/set.json")
    try writer.add(Self.map, catalog: .coco, pngPath: dir + "/set/a.png", index: 0)
    let lock = try COCOJSONLock(json: dir + "/set.json", display: "set.json")
    let finished = Mutex<Result<Int, PanopticError>?>(nil)
    let thread = Thread {
      let r: Result<Int, PanopticError>
      do throws(PanopticError) { r = .success(try writer.finish()) } catch { r = .failure(error) }
      finished.withLock { $0 = r }
    }
    thread.start()
    Thread.sleep(forTimeInterval: 0.3)
    #expect(!FileManager.default.fileExists(atPath: dir + "/set.json"), "the batch wrote its JSON past the lock")
    // The other writer's JSON, made while it holds the lock.
    _ = FileManager.default.createFile(atPath: dir + "/set.json", contents: Data("theirs".utf8))
    lock.release()
    for _ in 0..<100 where finished.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.05) }
    let result = try #require(finished.withLock { $0 })
    #expect(throws: PanopticError.self) { try result.get() }
    #expect(contents(dir + "/set.json") == "theirs")
  }

  /// The clean-up after a JSON that cannot be written removes the batch's own PNGs only: one
  /// another process wrote over since is theirs (it was removed by name).
  @Test func theCleanUpLeavesAFileAnotherWriterReplaced() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let writer = try COCOBatchWriter(jsonPath: dir + "/set.json")
    try writer.add(Self.map, catalog: .coco, pngPath: dir + "/set/a.png", index: 0)
    try writer.add(Self.map, catalog: .coco, pngPath: dir + "/set/b.png", index: 1)
    // Another writer replaces b.png (a new file, renamed in) and makes the JSON first.
    try Data("their b".utf8).write(to: URL(fileURLWithPath: dir + "/set/.b.tmp"))
    try FileManager.default.removeItem(atPath: dir + "/set/b.png")
    try FileManager.default.moveItem(atPath: dir + "/set/.b.tmp", toPath: dir + "/set/b.png")
    _ = FileManager.default.createFile(atPath: dir + "/set.json", contents: Data("theirs".utf8))
    #expect(throws: PanopticError.self) { try writer.finish() }
    #expect(!FileManager.default.fileExists(atPath: dir + "/set/a.png"))
    #expect(contents(dir + "/set/b.png") == "their b")
  }
}
