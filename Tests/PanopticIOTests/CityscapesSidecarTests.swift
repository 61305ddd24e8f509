import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// A Cityscapes `*_instanceIds.png` is written with its `*_labelIds.png` and
/// `*_labelTrainIds.png`, so the files training code reads never go stale.
@Suite("Cityscapes: labelIds and labelTrainIds beside instanceIds")
struct CityscapesSidecarTests {
  let cs = ClassCatalog.cityscapes
  // r road, c a car, e ego vehicle, '.' void.
  func scene(car: Character = "c") -> LabelMap {
    let legend: [Character: PanopticLabel] = [
      "r": PanopticLabel(classIndex: 7), "c": PanopticLabel(classIndex: 26, instance: 1),
      "e": PanopticLabel(classIndex: 1), ".": .void,
    ]
    let art = ["rrc.", "eeec"].map { String($0.map { $0 == "c" ? car : $0 }) }
    var map = LabelMap(width: 4, height: 2)
    for (y, row) in art.enumerated() { for (x, ch) in row.enumerated() { map[x, y] = legend[ch]! } }
    return map
  }

  func values(_ path: String) throws -> (PixelValues, PNGHeader) { try PNGCodec.readValues(path: path) }

  /// `json2instanceImg` leaves gaps in k (a hidden car's number is skipped):
  /// an edit must not renumber the cars the rest of the dataset refers to.
  @Test func instanceNumbersWithGapsSurviveAWrite() throws {
    let dir = makeTempDir()
    let path = dir + "/x_000001_000019_gtFine_instanceIds.png"
    // road, car 26000, car 26005, bicycle 33003, written as another tool would (no chunk).
    let values: [UInt32] = [7, 26000, 26005, 33003]
    var art = LabelMap(width: 4, height: 1)
    for x in 0..<4 { art[x, 0] = PanopticLabel(classIndex: 0, instance: x + 1) }
    let code = Dictionary(uniqueKeysWithValues: (0..<4).map { (art[$0, 0].raw, values[$0]) })
    try LabelFile.writeRows(art, to: path, wide: false, text: nil, compression: .labels) { code[$0]! }
    let read = try LabelFile.read(path: path)
    #expect(read.decoded.format == .cityscapes)
    var map = read.decoded.map
    map = LabelMap(width: 5, height: 1, pixels: map.pixels + [PanopticLabel(classIndex: 26, instance: 9).raw])
    _ = try LabelFile.write(map, catalog: cs, to: path, format: .cityscapes, keepingIDs: read.fileIDs.knownIDs)
    let (back, _) = try self.values(path)
    // Kept as read; the new car takes the class's largest k + 1.
    #expect(back.values == [7, 26000, 26005, 33003, 26006])
  }

  /// A kept 26999 (the largest k there is) left no "largest + 1" for a new car, and every new
  /// car was refused as "more than 1000 instances": a new one takes the smallest free k.
  @Test func aKeptTopNumberLeavesRoomForNewInstances() throws {
    var map = LabelMap(width: 3, height: 1)
    map[0, 0] = PanopticLabel(classIndex: 26, instance: 1)
    map[1, 0] = PanopticLabel(classIndex: 26, instance: 2)
    map[2, 0] = PanopticLabel(classIndex: 26, instance: 3)
    let keeping = [map[0, 0].raw: 26000, map[1, 0].raw: 26999]
    let code = try CityscapesFormat.table(map, catalog: cs, keeping: keeping)
    #expect([code[map[0, 0].raw], code[map[1, 0].raw], code[map[2, 0].raw]] == [26000, 26999, 26001])
  }

  @Test func writesLabelIdsAndTrainIdsBeside() throws {
    let dir = makeTempDir()
    let path = dir + "/x_000001_000019_gtFine_instanceIds.png"
    let report = try LabelFile.write(scene(), catalog: cs, to: path, format: .cityscapes)
    #expect(report.sidecars == [dir + "/x_000001_000019_gtFine_labelIds.png", dir + "/x_000001_000019_gtFine_labelTrainIds.png"])
    #expect(report.formatSummary == "(cityscapes, with x_000001_000019_gtFine_labelIds.png and x_000001_000019_gtFine_labelTrainIds.png)")
    let (label, header) = try values(report.sidecars[0])
    #expect(header.bitDepth == 8 && header.colorType == 0 && header.text == "")
    #expect(label.values == [7, 7, 26, 0, 1, 1, 1, 26])
    #expect(try values(report.sidecars[1]).0.values == [0, 0, 13, 255, 255, 255, 255, 13])
    // Not a panoptic file: refused by its name, never read as one.
    #expect(throws: PanopticError.self) { _ = try LabelFile.read(path: report.sidecars[0]) }
    #expect(try LabelFile.read(path: path).decoded.map == scene())
  }

  @Test func aSaveRewritesThemWithTheLabels() throws {
    let dir = makeTempDir()
    let path = dir + "/a_gtFine_instanceIds.png"
    _ = try LabelFile.write(scene(), catalog: cs, to: path, format: .cityscapes)
    _ = try LabelFile.write(scene(car: "r"), catalog: cs, to: path, format: .cityscapes)
    #expect(try values(dir + "/a_gtFine_labelIds.png").0.values == [7, 7, 7, 0, 1, 1, 1, 7])
    #expect(try values(dir + "/a_gtFine_labelTrainIds.png").0.values == [0, 0, 0, 255, 255, 255, 255, 0])
    let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
    #expect(left.isEmpty, "temporary files left: \(left)")
  }

  @Test func otherNamesGetNoSemanticFiles() throws {
    let dir = makeTempDir()
    let report = try LabelFile.write(scene(), catalog: cs, to: dir + "/scene.png", format: .cityscapes)
    #expect(report.sidecars.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["scene.png"])
  }

  /// Staged together: a semantic file that cannot be written (a folder is in
  /// its place) fails the save, and the instanceIds file keeps its old labels.
  @Test func aFailedSemanticFileLeavesAllThreeAsTheyWere() throws {
    let dir = makeTempDir()
    let path = dir + "/b_gtFine_instanceIds.png"
    _ = try LabelFile.write(scene(), catalog: cs, to: path, format: .cityscapes)
    try FileManager.default.removeItem(atPath: dir + "/b_gtFine_labelTrainIds.png")
    try FileManager.default.createDirectory(atPath: dir + "/b_gtFine_labelTrainIds.png", withIntermediateDirectories: false)
    #expect {
      _ = try LabelFile.write(scene(car: "r"), catalog: cs, to: path, format: .cityscapes)
    } throws: { error in
      (error as? PanopticError)?.description == "\(dir)/b_gtFine_labelTrainIds.png: is a folder, not a file"
    }
    #expect(try LabelFile.read(path: path).decoded.map == scene())
    #expect(try values(dir + "/b_gtFine_labelIds.png").0.values == [7, 7, 26, 0, 1, 1, 1, 26])
  }
}
