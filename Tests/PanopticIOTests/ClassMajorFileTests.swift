import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

@Suite("Class-major files and 16-bit colour")
struct ClassMajorFileTests {
  let cs = ClassCatalog.cityscapes
  var scene: LabelMap {
    LabelMap(
      width: 4, height: 1,
      pixels: [
        PanopticLabel(classIndex: cs.resolve("road")!).raw,
        PanopticLabel(classIndex: cs.resolve("car")!, instance: 1).raw,
        PanopticLabel(classIndex: cs.resolve("car")!, instance: 2).raw,
        PanopticLabel(classIndex: cs.resolve("person")!).raw,
      ])
  }

  @Test func deeplab2WritesSixteenBitGrayWithItsTagAndReadsBack() throws {
    let dir = makeTempDir()
    let report = try LabelFile.write(scene, catalog: cs, to: dir + "/d.png", format: .deeplab2)
    #expect(!report.widened)
    let back = try LabelFile.read(path: dir + "/d.png")
    #expect(back.header.bitDepth == 16 && back.header.colorType == 0)
    #expect(back.header.text == "format=deeplab2;divisor=1000;void=255;catalog=cityscapes")
    #expect(back.detection == "tEXt chunk")
    #expect(back.decoded.map == scene)
    #expect(back.classMajor?.divisor == 1000)
  }

  @Test func untaggedTrainIdMapsAreReadOnlyWithFormat() throws {
    let dir = makeTempDir()
    let fmt = ClassMajorFormat(preset: .cityscapesDVPS, catalog: cs)
    let code = try fmt.table(scene, catalog: cs)
    try LabelFile.writeRows(scene, to: dir + "/u.png", wide: false, text: nil, compression: .labels) { code[$0]! }
    #expect(throws: PanopticError.self) { try LabelFile.read(path: dir + "/u.png") }
    let forced = try LabelFile.read(path: dir + "/u.png", options: LabelFileOptions(format: .cityscapesDVPS))
    #expect(forced.decoded.problems.isEmpty)
    #expect(forced.decoded.map == scene)
  }

  @Test func kittiStepRoundTripsThroughOffsetAndCOCO() throws {
    let dir = makeTempDir()
    _ = try LabelFile.write(scene, catalog: cs, to: dir + "/k.png", format: .kittiStep)
    let k = try LabelFile.read(path: dir + "/k.png")
    #expect(k.header.colorType == 2 && k.header.bitDepth == 8)
    _ = try LabelFile.write(k.decoded.map, catalog: cs, to: dir + "/o.png", format: .offset)
    let o = try LabelFile.read(path: dir + "/o.png")
    try FileManager.default.createDirectory(atPath: dir + "/c", withIntermediateDirectories: true)
    _ = try LabelFile.write(o.decoded.map, catalog: cs, to: dir + "/c/x.png", format: .coco, annotations: dir + "/c.json")
    let c = try LabelFile.read(path: dir + "/c/x.png", options: LabelFileOptions(annotations: dir + "/c.json", catalog: cs))
    _ = try LabelFile.write(c.decoded.map, catalog: cs, to: dir + "/k2.png", format: .kittiStep)
    let k2 = try LabelFile.read(path: dir + "/k2.png")
    #expect(k2.decoded.map == scene)
  }

  @Test func sixteenBitRGBIsRefusedWhateverTheFlags() throws {
    // Two pixels whose red channels differ only in the low byte (256, 300).
    let row: [UInt8] = [0, 1, 0, 0, 0, 0, 0, 1, 44, 0, 0, 0, 0]
    let z = try zlibStored(row)
    let bytes =
      PNGBytes.signature + PNGBytes.ihdr(width: 2, height: 1, depth: 16, colorType: 2) + PNGBytes.chunk("IDAT", z)
      + PNGBytes.chunk("IEND", [])
    let dir = makeTempDir()
    try Data(bytes).write(to: URL(fileURLWithPath: dir + "/rgb16.png"))
    for format in [nil, LabelFormat.coco2ch, .kittiStep, .offset] {
      #expect {
        try LabelFile.read(path: dir + "/rgb16.png", options: LabelFileOptions(format: format))
      } throws: { ($0 as? PanopticError)?.description.contains("16-bit-per-channel RGB") == true }
    }
  }

  /// A zlib stream with one stored (uncompressed) block.
  func zlibStored(_ data: [UInt8]) throws -> [UInt8] {
    var a: UInt32 = 1, b: UInt32 = 0
    for x in data { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
    let n = UInt16(data.count)
    return [0x78, 0x01, 0x01, UInt8(n & 255), UInt8(n >> 8), UInt8(~n & 255), UInt8(~n >> 8)] + data
      + PNGBytes.be32(b << 16 | a)
  }
}
