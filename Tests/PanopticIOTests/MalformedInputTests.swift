import Foundation
import PanopticModel
import PanopticIO
import Testing

/// Every bad input gets one clear line and nothing is written.
@Suite("Malformed inputs")
struct MalformedInputTests {
  /// name, file bytes (or a JSON sidecar), the error text it must produce.
  static func cases(in dir: String) -> [(String, [UInt8], String)] {
    let sig = PNGBytes.signature
    let iend = PNGBytes.chunk("IEND", [])
    // A valid 1×1 16-bit gray image to corrupt.
    let idat = PNGBytes.chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x60, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01])
    return [
      ("not-png.png", Array("hello world, not a png".utf8), "not a PNG file (bad signature)"),
      ("empty.png", [], "the file is empty (0 bytes), not a label PNG"),
      ("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8), "a JPEG photo, not a label map"),
      ("coco.json", Array(#"{"images": [], "annotations": [], "categories": []}"#.utf8), "a COCO JSON, not a label PNG"),
      ("labelme.json", Array(#"{"version": "5.4.1", "shapes": [], "imageWidth": 4, "imageHeight": 3}"#.utf8), "a labelme file, not a label PNG; turn it into one with panoptty convert"),
      ("other.json", Array(#" [1, 2, 3]"#.utf8), "a JSON file, not a label PNG; panoptty reads label PNGs"),
      ("truncated.png", sig + PNGBytes.ihdr(width: 4, height: 4, depth: 16), "truncated PNG"),
      ("bad-crc.png", sig + PNGBytes.chunk("IHDR", PNGBytes.be32(1) + PNGBytes.be32(1) + [16, 0, 0, 0, 0], badCRC: true) + idat + iend, "corrupt PNG: IHDR: CRC error"),
      ("zero.png", sig + PNGBytes.ihdr(width: 0, height: 0, depth: 16) + idat + iend, "corrupt PNG"),
      ("huge.png", sig + PNGBytes.ihdr(width: 100_000, height: 100_000, depth: 16) + idat + iend, "over the decode limits"),
      ("bad-ihdr.png", sig + PNGBytes.ihdr(width: 1, height: 1, depth: 7) + idat + iend, "corrupt PNG"),
      ("palette.png", sig + PNGBytes.ihdr(width: 1, height: 1, depth: 8, colorType: 3) + PNGBytes.chunk("PLTE", [0, 0, 0]) + idat + iend, "palette PNG"),
    ]
  }

  @Test func eachBadPNGGetsItsOwnMessage() throws {
    let dir = makeTempDir()
    for (name, bytes, expected) in Self.cases(in: dir) {
      let path = dir + "/" + name
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      do {
        _ = try LabelFile.read(path: path)
        Issue.record("\(name) was accepted")
      } catch {
        #expect(error.description.contains(expected), "\(name): \(error.description)")
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test func missingFileAndFolder() throws {
    // The OS reason stays, with its errno (a missing file is not a full disk).
    #expect(throws: PanopticError.os(OSFailure(code: ENOENT, message: "No such file or directory"))) {
      try LabelFile.read(path: "/nonexistent/x.png")
    }
    let dir = makeTempDir()
    #expect(throws: PanopticError.io("is a folder, not a file")) { try LabelFile.read(path: dir) }
  }

  @Test func cocoJSONProblems() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let map = LabelMap(width: 2, height: 1, pixels: [PanopticLabel(classIndex: 2, instance: 1).raw, 100])
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/set/a.png", format: .coco)
    let json = dir + "/set.json"
    let good = try String(contentsOfFile: json, encoding: .utf8)
    func expectRead(_ text: String, _ expected: String) {
      #expect(throws: Never.self) { try text.write(toFile: json, atomically: true, encoding: .utf8) }
      #expect(text != good, "the corruption did not change the JSON: \(expected)")
      do {
        let l = try LabelFile.read(path: dir + "/set/a.png", options: LabelFileOptions(format: .coco))
        let p = l.decoded.problems.map(\.message).joined(separator: " | ")
        #expect(p.contains(expected), "\(p)")
      } catch {
        #expect(error.description.contains(expected), "\(error)")
      }
    }
    expectRead("{not json", "not valid JSON")
    expectRead("[]", "expected a JSON object")
    expectRead(good.replacingOccurrences(of: "\"category_id\":3", with: "\"category_id\":\"car\""), "\"category_id\" must be a whole number between -9223372036854775808 and 9223372036854775807, not \"car\"")
    expectRead(good.replacingOccurrences(of: "\"category_id\":3", with: "\"category_id\":18446744073709551617"), "\"category_id\" must be a whole number between -9223372036854775808 and 9223372036854775807, not 18446744073709551617")
    expectRead(good.replacingOccurrences(of: "\"category_id\":3", with: "\"category_id\":999"), "category_id 999 is not in the")
    expectRead(good.replacingOccurrences(of: "\"id\":1003", with: "\"id\":1004"), "PNG id 1003 is not in segments_info")
    expectRead(good.replacingOccurrences(of: "\"a.png\"", with: "\"b.png\""), "has no annotation with file_name \"a.png\"")
    expectRead(good.replacingOccurrences(of: "\"area\":1,\"bbox\":[0,0,1,1],\"category_id\":3", with: "\"area\":5,\"bbox\":[0,0,1,1],\"category_id\":3"), "area is 5 in the JSON but 1 in the PNG")
  }

  @Test func rgbWithoutJSONIsAmbiguousWhenNot2Channel() throws {
    let dir = makeTempDir()
    // An 8-bit RGB file whose blue channel is used: not 2-channel, no JSON.
    let map = LabelMap(width: 70, height: 1, pixels: (0..<70).map { PanopticLabel(classIndex: 1, instance: $0 + 1).raw })
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/r.png", format: .offset)
    // Strip the tEXt chunk by re-encoding through COCO, then drop the JSON.
    try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/s/r.png", format: .coco)
    try FileManager.default.removeItem(atPath: dir + "/s.json")
    let error = #expect(throws: PanopticError.self) { try LabelFile.read(path: dir + "/s/r.png") }
    #expect(error?.description.hasPrefix("RGB PNG with no COCO annotations (looked for \(dir)/s.json)") == true, "\(String(describing: error))")
  }
}
