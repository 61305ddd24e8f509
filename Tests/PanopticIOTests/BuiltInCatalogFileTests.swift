import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// ADE20K-150 and Mapillary Vistas v2.0 labels on disk: the offset tEXt chunk
/// names the catalog, so a file reads back with it without `--classes`.
@Suite("Built-in catalogs on disk: ade20k, mapillary")
struct BuiltInCatalogFileTests {
  /// wall, a person (thing, index 12) and a flag (index 149, the last) crowd.
  static func adeMap() -> LabelMap {
    var map = LabelMap(width: 6, height: 3, filledWith: PanopticLabel(classIndex: 0))
    for x in 0..<3 { map[x, 1] = PanopticLabel(classIndex: 12, instance: 2) }
    map[4, 2] = PanopticLabel(classIndex: 149)
    map[5, 2] = PanopticLabel(classIndex: 149, instance: 7)
    map[5, 0] = .void
    return map
  }

  @Test func ade20kOffsetFileReadsBackWithItsCatalog() throws {
    let dir = makeTempDir()
    let map = Self.adeMap()
    _ = try LabelFile.write(map, catalog: .ade20k, to: dir + "/a.png", format: .offset)
    let back = try LabelFile.read(path: dir + "/a.png")
    #expect(back.header.text == "format=offset;offset=1000;void=150;catalog=ade20k")
    #expect(back.decoded.format == .offset)
    #expect(back.decoded.map == map)
    #expect(back.decoded.problems.isEmpty)
    #expect(back.decoded.catalog == .ade20k)
    #expect(ClassCatalog.ade20k.describe(back.decoded.map[0, 1]) == "person #2")
  }

  @Test func classesNamesTheBuiltIns() throws {
    #expect(try CatalogFile.load("ade20k") == .ade20k)
    #expect(try CatalogFile.load("mapillary") == .mapillary)
    #expect(try CatalogFile.load("mapillary-v2") == .mapillary)
  }

  @Test func mapillaryOffsetFileReadsBackWithItsCatalog() throws {
    let dir = makeTempDir()
    var map = LabelMap(width: 4, height: 2, filledWith: PanopticLabel(classIndex: 21))
    map[1, 1] = PanopticLabel(classIndex: 108, instance: 1)
    map[2, 1] = PanopticLabel(classIndex: 30, instance: 2)
    map[3, 1] = PanopticLabel(classIndex: 123)
    _ = try LabelFile.write(map, catalog: .mapillary, to: dir + "/m.png", format: .offset)
    let back = try LabelFile.read(path: dir + "/m.png")
    #expect(back.header.text == "format=offset;offset=1000;void=124;catalog=mapillary")
    #expect(back.decoded.map == map)
    #expect(back.decoded.problems.isEmpty)
    #expect(back.decoded.catalog == .mapillary)
  }

  /// ADE20K's category ids start at 0 (Mask2Former's panoptic JSON): the
  /// COCO writer and reader keep wall (id 0) a class, not void.
  @Test func ade20kCOCOFileKeepsCategoryZero() throws {
    let dir = makeTempDir()
    let map = Self.adeMap()
    try FileManager.default.createDirectory(atPath: dir + "/p", withIntermediateDirectories: true)
    _ = try LabelFile.write(map, catalog: .ade20k, to: dir + "/p/x.png", format: .coco)
    let back = try LabelFile.read(path: dir + "/p/x.png", options: LabelFileOptions(catalog: .ade20k))
    #expect(back.decoded.format == .coco)
    #expect(back.decoded.problems.isEmpty)
    #expect(samePartition(back.decoded.map.pixels, map.pixels))
    #expect(back.decoded.map[0, 0] == PanopticLabel(classIndex: 0))
    #expect(back.decoded.map[5, 0] == .void)
  }
}
