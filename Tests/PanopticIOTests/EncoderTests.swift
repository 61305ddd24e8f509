import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

@Suite("Shared encoder: files on disk")
struct EncoderTests {
  @Test func widensPast65InstancesAndSaysSo() throws {
    let dir = makeTempDir()
    var map = LabelMap(width: 20, height: 10, filledWith: PanopticLabel(classIndex: 100))
    for i in 0..<70 { map[i % 20, i / 20] = PanopticLabel(classIndex: i % 80, instance: i + 1) }
    let report = try LabelFile.write(map, catalog: .coco, to: dir + "/w.png", format: .offset)
    #expect(report.widened)
    #expect(report.notes.first?.contains("wrote 8-bit RGB") == true)
    let back = try LabelFile.read(path: dir + "/w.png")
    #expect(back.header.colorType == 2 && back.header.bitDepth == 8)
    #expect(back.decoded.format == .offset)
    #expect(back.decoded.map == map)
    #expect(back.decoded.map.maxInstance == 70)
  }

  @Test func fileWithoutTextChunkReadsWithDefaults() throws {
    let dir = makeTempDir()
    let map = LabelMap(width: 3, height: 1, pixels: [PanopticLabel(classIndex: 2, instance: 1).raw, PanopticLabel.void.raw, 100])
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/a.png", format: .offset)
    let withChunk = try LabelFile.read(path: dir + "/a.png")
    #expect(withChunk.detection == "tEXt chunk")
    #expect(withChunk.header.text == "format=offset;offset=1000;void=133;catalog=coco")
    // A 16-bit gray PNG as another tool would write it: offset values, no tEXt chunk.
    let fmt = OffsetFormat(catalog: .coco)
    try LabelFile.writeRows(map, to: dir + "/plain.png", wide: false, text: nil, compression: .labels) {
      UInt32(fmt.value(of: $0))
    }
    let plain = try LabelFile.read(path: dir + "/plain.png")
    #expect(plain.header.text == "")
    #expect(plain.detection == "gray PNG without tEXt chunk whose values fit only the offset format")
    #expect(plain.decoded.format == .offset)
    #expect(plain.decoded.map == map)
    #expect(plain.decoded.problems.isEmpty)
    // Cityscapes files panoptty writes say so in the chunk; one from another
    // tool (no chunk) is recognised by its name.
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/b_instanceIds.png", format: .cityscapes)
    let tagged = try LabelFile.read(path: dir + "/b_instanceIds.png")
    #expect(tagged.detection == "tEXt chunk" && tagged.decoded.format == .cityscapes)
    let code = try CityscapesFormat.table(map, catalog: .coco)
    try LabelFile.writeRows(map, to: dir + "/c_instanceIds.png", wide: false, text: nil, compression: .labels) { code[$0] ?? 0 }
    let cs = try LabelFile.read(path: dir + "/c_instanceIds.png")
    #expect(cs.detection.contains("_instanceIds"))
    #expect(cs.decoded.format == .cityscapes)
    let forced = try LabelFile.read(path: dir + "/a.png", options: LabelFileOptions(format: .offset))
    #expect(forced.detection == "--format")
    #expect(forced.decoded.map == map)
  }

  @Test func failedWriteLeavesNothingBehind() throws {
    let dir = makeTempDir()
    let map = LabelMap(width: 2, height: 2, filledWith: PanopticLabel(classIndex: 79, instance: 1))
    #expect(throws: PanopticError.self) {
      try LabelFile.write(map, catalog: .coco, to: dir + "/x.png", format: .cityscapes)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    #expect(throws: PanopticError.io("the folder \(dir)/missing does not exist; make it first (mkdir -p \(dir)/missing)")) {
      try LabelFile.write(LabelMap(width: 1, height: 1), catalog: .coco, to: dir + "/missing/x.png", format: .offset)
    }
  }

  @Test func overwriteKeepsPermissionsAndReplacesAtomically() throws {
    let dir = makeTempDir()
    let path = dir + "/p.png"
    _ = try LabelFile.write(LabelMap(width: 4, height: 4), catalog: .coco, to: path, format: .offset)
    chmod(path, 0o640)
    let map = LabelMap(width: 4, height: 4, filledWith: PanopticLabel(classIndex: 120))
    _ = try LabelFile.write(map, catalog: .coco, to: path, format: .offset)
    var st = stat()
    stat(path, &st)
    #expect(st.st_mode & 0o777 == 0o640)
    #expect(try LabelFile.read(path: path).decoded.map == map)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.png"])
  }

  @Test func cocoWriteUpdatesOneAnnotationAndKeepsTheRest() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let a = LabelMap(width: 2, height: 1, pixels: [PanopticLabel(classIndex: 2, instance: 1).raw, 100])
    let b = LabelMap(width: 1, height: 1, filledWith: PanopticLabel(classIndex: 0, instance: 1))
    _ = try LabelFile.write(a, catalog: .coco, to: dir + "/set/1.png", format: .coco)
    _ = try LabelFile.write(b, catalog: .coco, to: dir + "/set/2.png", format: .coco)
    _ = try LabelFile.write(b, catalog: .coco, to: dir + "/set/1.png", format: .coco)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/set.json"))) as! [String: Any]
    let anns = json["annotations"] as! [[String: Any]]
    #expect(anns.count == 2)
    #expect((json["categories"] as! [Any]).count == 133)
    #expect((json["images"] as! [[String: Any]]).map { $0["id"] as! Int }.sorted() == [1, 2])
    #expect(try LabelFile.read(path: dir + "/set/1.png").decoded.map == b)
  }

  @Test func cityscapesFilesRoundTrip() throws {
    let dir = makeTempDir()
    var map = LabelMap(width: 8, height: 4, filledWith: PanopticLabel(classIndex: 7))
    for x in 0..<3 { map[x, 1] = PanopticLabel(classIndex: 26, instance: 4) }
    map[5, 2] = PanopticLabel(classIndex: 24, instance: 2)
    map[6, 3] = PanopticLabel(classIndex: 26)
    map[7, 3] = .void
    let path = dir + "/x_gtFine_instanceIds.png"
    _ = try LabelFile.write(map, catalog: .cityscapes, to: path, format: .cityscapes)
    let (pv, hdr) = try PNGCodec.readValues(path: path)
    #expect(hdr.bitDepth == 16)
    #expect(Set(pv.values) == [7, 26000, 24000, 26, 0])
    let back = try LabelFile.read(path: path)
    #expect(back.decoded.format == .cityscapes)
    #expect(samePartition(back.decoded.map.pixels, map.pixels))
  }

  /// The same labels written in every format and read back show the same
  /// picture: the viewer never depends on how a file stores ids. (This target
  /// cannot link the renderer; colour-by-class cells are a function of the
  /// class per pixel, so that is what is compared, pixel for pixel.)
  @Test func everyFormatReadsBackTheSameClassesPerPixel() throws {
    let dir = makeTempDir()
    let scene = DemoScene.generate(width: 48, height: 32)
    // The demo's classes (person, car, road, sky, …) all fit Cityscapes' 16 bits.
    let map = scene.labels
    #expect(map.pixels.contains { !PanopticLabel.isVoid($0) && PanopticLabel.classPart($0) == 2 })
    try FileManager.default.createDirectory(atPath: dir + "/c", withIntermediateDirectories: true)
    for (format, path) in [(LabelFormat.offset, dir + "/o.png"), (.coco, dir + "/c/c.png"), (.cityscapes, dir + "/x_instanceIds.png")] {
      let report = try LabelFile.write(map, catalog: .coco, to: path, format: format)
      #expect(report.format == format)
      var options = LabelFileOptions()
      if format == .cityscapes { options.catalog = .coco }
      let back = try LabelFile.read(path: path, options: options)
      #expect(back.decoded.format == format)
      #expect(back.decoded.problems.isEmpty, "\(format): \(back.decoded.problems)")
      let got = back.decoded.map
      // Offset and COCO keep the instance ids; Cityscapes renumbers them in
      // (class, k) order but keeps every class, crowd and segment.
      if format != .cityscapes { #expect(got == map, "\(format)") }
      #expect(samePartition(got.pixels, map.pixels), "\(format)")
      for i in 0..<map.pixels.count {
        let a = PanopticLabel(raw: map.pixels[i]), b = PanopticLabel(raw: got.pixels[i])
        guard a.isVoid == b.isVoid, a.isVoid || (a.classIndex == b.classIndex && (a.instance == 0) == (b.instance == 0)) else {
          Issue.record("\(format): pixel \(i) is \(b), wrote \(a)")
          break
        }
      }
    }
  }
}
