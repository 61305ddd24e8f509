import Foundation
import Testing

/// Golden files under Tests/PanopticRenderTests/Golden. A golden that differs
/// or is missing fails the test; `UPDATE_GOLDEN=1 swift test` writes them
/// instead (then review the diff before committing).
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

  /// Why `text` does not match the golden at `url`, or nil when it does (or
  /// was just written because `update` is set).
  static func mismatch(_ text: String, at url: URL, update: Bool) -> String? {
    let name = url.lastPathComponent
    if update {
      do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return nil
      } catch {
        return "cannot write golden \(name): \(error)"
      }
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "golden \(name) is missing; run with UPDATE_GOLDEN=1 to create it, then review it"
    }
    if text == expected { return nil }
    return "golden \(name) differs; rerun with UPDATE_GOLDEN=1 to accept\n--- expected\n\(expected)\n--- got\n\(text)"
  }
}

/// Compares `text` with `Golden/<name>.txt`.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = Golden.directory.appendingPathComponent(name + ".txt")
  if let why = Golden.mismatch(text, at: url, update: Golden.updating) {
    Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation)
  }
}

@Suite("Golden helper")
struct GoldenHelperTests {
  @Test func aMissingGoldenFailsUnlessUpdating() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
    let url = dir.appendingPathComponent("new.txt")
    let why = try #require(Golden.mismatch("abc", at: url, update: false))
    #expect(why.contains("missing"))
    #expect(!FileManager.default.fileExists(atPath: url.path), "checking must not write the golden")
    #expect(Golden.mismatch("abc", at: url, update: true) == nil)
    #expect(try String(contentsOf: url, encoding: .utf8) == "abc")
    #expect(Golden.mismatch("abc", at: url, update: false) == nil)
    #expect(Golden.mismatch("abd", at: url, update: false)?.contains("differs") == true)
    try? FileManager.default.removeItem(at: dir)
  }

  /// Every golden file belongs to a test (a renamed test would otherwise
  /// leave a stale golden that checks nothing).
  @Test func everyGoldenFileIsUsed() throws {
    let used = Set(RendererTests.goldenNames.map { $0 + ".txt" })
    let present = Set(try FileManager.default.contentsOfDirectory(atPath: Golden.directory.path))
    #expect(present == used)
  }
}
