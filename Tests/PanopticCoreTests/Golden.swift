import Foundation
import Testing

/// Compares text with a golden file under Tests/PanopticCoreTests/Golden.
/// A missing file, or UPDATE_GOLDEN=1, writes it instead (then review the diff).
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  let url = dir.appendingPathComponent(name + ".txt")
  let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
  if update || !FileManager.default.fileExists(atPath: url.path) {
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  #expect(text == expected, "golden \(name).txt differs; rerun with UPDATE_GOLDEN=1 to accept", sourceLocation: sourceLocation)
}
