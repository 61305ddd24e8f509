import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// COCO JSONs written by other tools (issue 12): datumaro's renumbered
/// categories without colours, and keys panoptty does not know.
@Suite("COCO JSONs from other tools")
struct ForeignCOCOTests {
  /// A 4×2 map: a person, a car, two more cars, road; saved as COCO, then
  /// rewritten the way datumaro exports it: categories renumbered 1…N in
  /// order, `isthing: 0` everywhere, no `color`, plus keys of its own.
  func datumaroPair() throws -> (dir: String, map: LabelMap) {
    let dir = makeTempDir()
    let person = PanopticLabel(classIndex: 0, instance: 1).raw
    let car = { (i: Int) in PanopticLabel(classIndex: 2, instance: i).raw }
    let map = LabelMap(width: 4, height: 2, pixels: [person, car(2), car(3), car(4), 100, 100, 100, 100])
    try FileManager.default.createDirectory(atPath: dir + "/p", withIntermediateDirectories: true)
    _ = try LabelFile.write(map, catalog: .coco, to: dir + "/p/x.png", format: .coco)
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))) as! [String: Any]
    var renumber: [Int: Int] = [:]
    json["categories"] = (json["categories"] as! [[String: Any]]).enumerated().map { (i, c) -> [String: Any] in
      renumber[c["id"] as! Int] = i + 1
      return ["id": i + 1, "name": c["name"]!, "isthing": 0, "supercategory": ""]
    }
    var annotations = json["annotations"] as! [[String: Any]]
    annotations[0]["segments_info"] = (annotations[0]["segments_info"] as! [[String: Any]]).map { s in
      var s = s
      s["category_id"] = renumber[s["category_id"] as! Int]!
      s["attributes"] = ["occluded": false]
      return s
    }
    annotations[0]["score"] = 0.5
    json["annotations"] = annotations
    json["notes"] = "exported by datumaro"
    try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: URL(fileURLWithPath: dir + "/p.json"))
    return (dir, map)
  }

  @Test func renumberedCategoriesAreRefusedWithAHintThenReadByName() throws {
    let (dir, map) = try datumaroPair()
    // Without --classes every class is stuff: three cars would merge.
    let plain = try LabelFile.read(path: dir + "/p/x.png")
    #expect(plain.decoded.problems.contains { $0.message.contains("pass --classes coco") })
    let read = try LabelFile.read(path: dir + "/p/x.png", options: LabelFileOptions(catalog: .coco))
    #expect(read.decoded.problems.isEmpty)
    #expect(read.decoded.map == map)
  }

  @Test func aSaveKeepsTheJSONsOwnIdsAndUnknownKeys() throws {
    let (dir, map) = try datumaroPair()
    let read = try LabelFile.read(path: dir + "/p/x.png", options: LabelFileOptions(catalog: .coco))
    var edited = read.decoded.map
    edited[0, 1] = PanopticLabel(classIndex: 0, instance: 5)  // a new person
    _ = try LabelFile.write(
      edited, catalog: .coco, to: dir + "/p/x.png", format: .coco, annotations: dir + "/p.json",
      keepingIDs: read.fileIDs.knownIDs)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))) as! [String: Any]
    #expect(json["notes"] as? String == "exported by datumaro")
    let ann = (json["annotations"] as! [[String: Any]])[0]
    #expect(ann["score"] as? Double == 0.5)
    let segs = ann["segments_info"] as! [[String: Any]]
    let personID = (json["categories"] as! [[String: Any]]).first { $0["name"] as? String == "person" }!["id"] as! Int
    #expect(personID == 1)
    let carID = (json["categories"] as! [[String: Any]]).first { $0["name"] as? String == "car" }!["id"] as! Int
    #expect(carID == 3)
    // Category ids stay the JSON's (datumaro's road is not COCO's 149).
    let roadID = (json["categories"] as! [[String: Any]]).first { $0["name"] as? String == "road" }!["id"] as! Int
    #expect(Set(segs.map { $0["category_id"] as! Int }) == [personID, carID, roadID])
    #expect(segs.filter { $0["category_id"] as! Int == personID }.count == 2)
    // Segments that survived keep their attributes; the new one has none.
    #expect(segs.count == 6)
    #expect(segs.filter { $0["attributes"] != nil }.count == 5)
    let back = try LabelFile.read(path: dir + "/p/x.png", options: LabelFileOptions(catalog: .coco))
    #expect(back.decoded.problems.isEmpty)
    #expect(back.decoded.map == edited)
  }
}
