import Foundation
import PanopticModel
import PanopticIO
import Testing

@Suite("Real COCO panoptic samples", .enabled(if: SharedData.available, SharedData.absentReason))
struct SampleInteropTests {
  static let files = ["000000142238", "000000439180"]

  @Test(arguments: zip(files, [(18, 1), (32, 2)]))
  func decodeMatchesTheJSONSegmentForSegment(name: String, expected: (segments: Int, crowd: Int)) throws {
    let loaded = try LabelFile.read(path: SharedData.path("panoptic_examples/\(name).png"))
    #expect(loaded.decoded.format == .coco)
    #expect(loaded.decoded.catalog.name == "coco")
    // The decoder checks area and bbox of every segment against the JSON.
    #expect(loaded.decoded.problems.isEmpty, "\(loaded.decoded.problems)")
    // (SegmentReport is the renderer's; this target reads the segments itself.)
    let decoded = loaded.decoded
    let segments = decoded.map.segments().filter { !$0.label.isVoid }
    #expect(segments.count == expected.segments)
    #expect(segments.filter { decoded.catalog[$0.label.classIndex].isThing && $0.label.instance == 0 }.count == expected.crowd)
    // And the ids are the JSON's own.
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.sample.appendingPathComponent("panoptic_examples.json"))) as! [String: Any]
    let ann = (json["annotations"] as! [[String: Any]]).first { ($0["file_name"] as! String) == "\(name).png" }!
    let infos = ann["segments_info"] as! [[String: Any]]
    #expect(infos.count == expected.segments)
    var byID: [Int: Segment] = [:]
    for seg in segments { byID[try #require(decoded.fileIDs[seg.label.raw], "\(seg.label) has no file id")] = seg }
    for s in infos {
      let seg = try #require(byID[s["id"] as! Int])
      #expect(seg.area == s["area"] as! Int)
      #expect(seg.bbox.asArray == s["bbox"] as! [Int])
      #expect(decoded.catalog[seg.label.classIndex].id == s["category_id"] as! Int)
      #expect((decoded.catalog[seg.label.classIndex].isThing && seg.label.instance == 0) == ((s["iscrowd"] as! Int) == 1))
    }
  }

  @Test(arguments: files)
  func cocoToOffsetToCOCOKeepsEverySegmentAndPixel(name: String) throws {
    let dir = makeTempDir()
    let original = try LabelFile.read(path: SharedData.path("panoptic_examples/\(name).png")).decoded
    let offsetPath = dir + "/\(name).png"
    let w = try LabelFile.write(original.map, catalog: original.catalog, to: offsetPath, format: .offset)
    #expect(!w.widened)
    let viaOffset = try LabelFile.read(path: offsetPath)
    #expect(viaOffset.header.bitDepth == 16 && viaOffset.header.colorType == 0)
    #expect(viaOffset.header.text == "format=offset;offset=1000;void=133;catalog=coco")
    #expect(viaOffset.decoded.map == original.map)
    try FileManager.default.createDirectory(atPath: dir + "/pred", withIntermediateDirectories: true)
    let cocoPath = dir + "/pred/\(name).png"
    let report = try LabelFile.write(viaOffset.decoded.map, catalog: .coco, to: cocoPath, format: .coco)
    #expect(report.annotationsPath == dir + "/pred.json")
    let back = try LabelFile.read(path: cocoPath)
    #expect(back.decoded.problems.isEmpty)
    #expect(back.decoded.map == original.map)
    // Same partition of pixels as the original ids, segment for segment.
    let (origPV, _) = try PNGCodec.readValues(path: SharedData.path("panoptic_examples/\(name).png"))
    let (backPV, hdr) = try PNGCodec.readValues(path: cocoPath)
    #expect(hdr.bitDepth == 8 && hdr.colorType == 2)
    #expect(samePartition(origPV.values, backPV.values))
  }

  @Test(arguments: files)
  func twoChannelFilesDecodeToTheSameSegmentation(name: String) throws {
    let coco = try LabelFile.read(path: SharedData.path("panoptic_examples/\(name).png")).decoded
    let twoCh = try LabelFile.read(path: SharedData.path("panoptic_examples_2ch_format/\(name).png"))
    #expect(twoCh.decoded.format == .coco2ch)
    #expect(twoCh.decoded.problems.isEmpty)
    #expect(samePartition(coco.map.pixels, twoCh.decoded.map.pixels))
    // Classes agree pixel for pixel, and crowd stays crowd.
    for i in stride(from: 0, to: coco.map.pixels.count, by: 7) {
      let a = PanopticLabel(raw: coco.map.pixels[i])
      let b = PanopticLabel(raw: twoCh.decoded.map.pixels[i])
      #expect(a.isVoid == b.isVoid)
      if !a.isVoid {
        #expect(a.classIndex == b.classIndex)
        #expect((a.instance == 0) == (b.instance == 0))
      }
    }
  }
}

/// True when two id maps split the pixels into exactly the same segments
/// (a bijection between their ids).
func samePartition(_ a: [UInt32], _ b: [UInt32]) -> Bool {
  guard a.count == b.count else { return false }
  var ab: [UInt32: UInt32] = [:]
  var ba: [UInt32: UInt32] = [:]
  for i in 0..<a.count {
    if let m = ab[a[i]], m != b[i] { return false }
    if let m = ba[b[i]], m != a[i] { return false }
    ab[a[i]] = b[i]
    ba[b[i]] = a[i]
  }
  return true
}
