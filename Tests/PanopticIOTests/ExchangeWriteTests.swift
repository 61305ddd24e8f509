import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// labelme and Label Studio exports replace only an older export of their own kind for one
/// image: they wrote over the convert's own input PNG, a photo, a COCO dataset JSON and a
/// Label Studio file of many tasks, all with exit 0 (a stranger's attack).
@Suite("Exchange exports write over nothing else")
struct ExchangeWriteTests {
  @Test func anExportRefusesAnotherKindOfFileAndReplacesItsOwn() throws {
    let dir = makeTempDir()
    let map = cocoTestMap()
    let png = dir + "/labels.png", coco = dir + "/coco.json"
    _ = try LabelFile.write(map, catalog: .coco, to: png, format: .offset)
    try writeText(#"{"images": [], "annotations": [], "categories": []}"#, coco)
    for (target, format) in [(png, ExchangeFormat.labelme), (coco, .labelme), (png, .labelStudio), (coco, .labelStudio)] {
      let before = try Data(contentsOf: URL(fileURLWithPath: target))
      #expect(throws: PanopticError.self) { try ExchangeFile.write(map, catalog: .coco, as: format, to: target, stem: "x") }
      #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before, "\(target) as \(format)")
    }
    // Its own kind, for one image, is an older export: replaced.
    let labelme = dir + "/x.json", studio = dir + "/tasks.json"
    try ExchangeFile.write(map, catalog: .coco, as: .labelme, to: labelme, stem: "x")
    #expect(throws: Never.self) { try ExchangeFile.write(map, catalog: .coco, as: .labelme, to: labelme, stem: "x") }
    try ExchangeFile.write(map, catalog: .coco, as: .labelStudio, to: studio, stem: "x")
    #expect(throws: Never.self) { try ExchangeFile.write(map, catalog: .coco, as: .labelStudio, to: studio, stem: "x") }
    // A Label Studio file of two tasks is not one image's export.
    let one = try readText(studio).trimmingCharacters(in: .whitespacesAndNewlines)
    try writeText("[" + one.dropFirst().dropLast() + "," + one.dropFirst().dropLast() + "]", studio)
    #expect(throws: PanopticError.self) { try ExchangeFile.write(map, catalog: .coco, as: .labelStudio, to: studio, stem: "x") }
  }
}
