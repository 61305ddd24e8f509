import Foundation
import PanopticModel
import Testing

/// Locates `../shared/data/coco-panoptic-sample` beside the repository.
/// Tests that need it are disabled with this reason when it is absent.
enum SharedData {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let sample = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/coco-panoptic-sample")
  static var available: Bool { FileManager.default.fileExists(atPath: sample.appendingPathComponent("panoptic_examples.json").path) }
  static let absentReason: Comment = "../shared/data/coco-panoptic-sample is absent: real-COCO interop tests skipped"
  static func path(_ rel: String) -> String { sample.appendingPathComponent(rel).path }
}

/// A fresh temporary folder per test.
func makeTempDir() -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panoptty-test-\(UUID().uuidString)")
  try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir.path
}

/// Hand-made PNG bytes for malformed-input tests (libpng would refuse to
/// write most of them).
enum PNGBytes {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      c ^= UInt32(b)
      for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
    }
    return c ^ 0xFFFF_FFFF
  }

  static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)] }

  static func chunk(_ type: String, _ data: [UInt8], badCRC: Bool = false) -> [UInt8] {
    let t = Array(type.utf8)
    var crc = crc32(t + data)
    if badCRC { crc ^= 0xDEAD }
    return be32(UInt32(data.count)) + t + data + be32(crc)
  }

  static func ihdr(width: UInt32, height: UInt32, depth: UInt8 = 8, colorType: UInt8 = 0) -> [UInt8] {
    chunk("IHDR", be32(width) + be32(height) + [depth, colorType, 0, 0, 0])
  }
}
