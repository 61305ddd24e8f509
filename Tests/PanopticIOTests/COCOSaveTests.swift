import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// A JSON on disk as text.
func readText(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
func writeText(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }

/// A 4×2 map: a car, a second car, road and void.
func cocoTestMap() -> LabelMap {
  let car1 = PanopticLabel(classIndex: 2, instance: 1).raw
  let car2 = PanopticLabel(classIndex: 2, instance: 2).raw
  let road = PanopticLabel(classIndex: ClassCatalog.coco.index(ofID: 149)!).raw
  return LabelMap(width: 4, height: 2, pixels: [car1, car1, car2, road, road, road, road, PanopticLabel.voidClass])
}

@Suite("COCO saves: entries, ids and layout")
struct COCOSaveTests {
  @Test func aResaveKeepsEverySegmentsIDAndNewOnesCollideWithNothing() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let png = dir + "/set/x.png"
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: png, format: .coco)
    // Someone renumbers the ids in the JSON and the PNG (ids are opaque).
    var json = try readText(dir + "/set.json")
    json = json.replacingOccurrences(of: "\"id\":1003", with: "\"id\":77")
    try writeText(json, dir + "/set.json")
    let map = cocoTestMap()
    let roadID = UInt32(ClassCatalog.coco.index(ofID: 149)! + 1)
    let ids = map.pixels.map { p -> UInt32 in
      p == map.pixels[0] ? 77 : p == map.pixels[2] ? 2003 : p == map.pixels[3] ? roadID : 0
    }
    try writePNG(ids, width: 4, height: 2, to: png)
    let loaded = try LabelFile.read(path: png)
    #expect(loaded.decoded.problems.isEmpty, "\(loaded.decoded.problems)")
    // Edit: the second car becomes a third instance; save keeping the file's ids.
    var edited = loaded.decoded.map
    let car3 = PanopticLabel(classIndex: 2, instance: 3)
    edited[2, 0] = car3
    let report = try LabelFile.write(
      edited, catalog: .coco, to: png, format: .coco, keepingIDs: loaded.decoded.fileIDs)
    let entry = try #require(try COCOAnnotationsFile.load(path: dir + "/set.json").annotation(forFileName: "x.png"))
    // Order kept (77, 150), the removed 2003 dropped, the new car appended with an id nobody had.
    #expect(entry.segments.map(\.id) == [Int(roadID), 77, 3003])
    #expect(report.fileIDs.fileID(of: car3) == 3003)
    #expect(report.fileIDs.fileID(of: PanopticLabel(raw: loaded.decoded.map[0, 0].raw)) == 77)
  }

  @Test func unknownKeysAndTheLayoutSurviveAndTheRestIsByteIdentical() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/pred", withIntermediateDirectories: true)
    let before = """
      {
        "info": {"note": "made by another tool"},
        "images": [
          {
            "id": 1,
            "file_name": "a.jpg",
            "width": 4,
            "height": 2,
            "license": 3
          }
        ],
        "annotations": [
          {
            "file_name": "a.png",
            "image_id": 1,
            "segments_info": [
              {
                "id": 1003,
                "category_id": 3,
                "iscrowd": 0,
                "area": 2,
                "bbox": [0, 0, 2, 1],
                "score": 0.93
              }
            ],
            "reviewer": "kim"
          }
        ],
        "categories": \(String(decoding: JSONWriter().bytes(of: ClassCatalog.coco.cocoCategoriesJSON), as: UTF8.self))
      }

      """
    try writeText(before, dir + "/pred.json")
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/pred/a.png", format: .coco)
    let after = try readText(dir + "/pred.json")
    #expect(after.contains("\"score\": 0.93"))
    #expect(after.contains("\"reviewer\": \"kim\""))
    #expect(after.contains("\"license\": 3"))
    #expect(after.contains("      \"segments_info\": [\n        {\n          \"id\": 1003,"))
    // Everything before the images entry and after the annotation entry is unchanged.
    let head = before.prefix(upTo: before.range(of: "    {\n      \"id\": 1")!.lowerBound)
    let tail = before.suffix(from: before.range(of: "\n  ],\n  \"categories\"")!.lowerBound)
    #expect(after.hasPrefix(head) && after.hasSuffix(tail))
    // And the file still reads back as the map.
    #expect(try LabelFile.read(path: dir + "/pred/a.png").decoded.map == cocoTestMap())
  }

  @Test func newEntriesGetIntegerIDsAndThePhotosName() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/p", withIntermediateDirectories: true)
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/p/000042.png", format: .coco, photo: "/x/shot.png")
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/p/street.png", format: .coco)
    // Saving again with another photo (here the label PNG itself, as `edit
    // p/000042.png` does) keeps the entry's file_name.
    _ = try LabelFile.write(
      cocoTestMap(), catalog: .coco, to: dir + "/p/000042.png", format: .coco, photo: dir + "/p/000042.png")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))) as! [String: Any]
    let images = json["images"] as! [[String: Any]]
    #expect(images.map { $0["file_name"] as! String } == ["shot.png", "street.jpg"])
    let ids = (json["annotations"] as! [[String: Any]]).map { $0["image_id"] as! Int }
    #expect(ids[0] == 42 && ids[1] != 42 && ids[1] > 0)
    #expect(images.map { $0["id"] as! Int } == ids)
  }

  @Test func duplicateFileNamesAreRefusedNamingBothAndNothingIsWritten() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/d", withIntermediateDirectories: true)
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/d/x.png", format: .coco)
    var root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/d.json"))) as! [String: Any]
    var annotations = root["annotations"] as! [[String: Any]]
    var twin = annotations[0]
    twin["image_id"] = 2
    annotations.append(twin)
    root["annotations"] = annotations
    let json = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    try writeText(json, dir + "/d.json")
    let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/d/x.png"))
    let error = #expect(throws: PanopticError.self) {
      try LabelFile.write(LabelMap(width: 4, height: 2), catalog: .coco, to: dir + "/d/x.png", format: .coco)
    }
    let text = error?.description ?? ""
    #expect(text.contains("annotations[0]") && text.contains("annotations[1]") && text.contains("x.png"), "\(text)")
    #expect(!text.contains("\n"))
    #expect(try readText(dir + "/d.json") == json)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/d/x.png")) == png)
  }

  @Test func aMissingJSONFolderIsNamedAndNothingIsWritten() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    let error = #expect(throws: PanopticError.self) {
      try LabelFile.write(
        cocoTestMap(), catalog: .coco, to: dir + "/out/x.png", format: .coco, annotations: dir + "/nodir/p.json")
    }
    #expect(error?.description.contains("nodir") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == [])
  }

  @Test func aJSONWithoutCategoriesGetsThemAndCategoriesWithoutColoursRead() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/c", withIntermediateDirectories: true)
    try writeText("{\"annotations\": []}\n", dir + "/c.json")
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/c/1.png", format: .coco)
    var text = try readText(dir + "/c.json")
    #expect(text.hasPrefix("{\"annotations\": [{\"segments_info\": "))
    #expect(text.contains("\"categories\": [{\"color\": [220, 20, 60]"))
    // Strip every colour: the catalog is still read, with colours generated.
    text = text.replacingOccurrences(of: #""color": \[\d+, \d+, \d+\], "#, with: "", options: .regularExpression)
    try writeText(text, dir + "/c.json")
    let catalog = try #require(try COCOAnnotationsFile.load(path: dir + "/c.json").catalog())
    #expect(catalog.hasSameClasses(as: .coco))
    #expect(try LabelFile.read(path: dir + "/c/1.png").decoded.map == cocoTestMap())
    let parsed = try CatalogFile.parse(json: Data(#"[{"id": 1, "name": "a", "isthing": 1}]"#.utf8), name: "t")
    #expect(parsed.count == 1 && parsed[0].color != RGB(0, 0, 0))
  }
}

/// Writes an 8-bit RGB PNG of ids (R + 256 G + 65536 B).
func writePNG(_ ids: [UInt32], width: Int, height: Int, to path: String) throws {
  let map = LabelMap(width: width, height: height, pixels: ids)
  try LabelFile.writeRows(map, to: path, wide: true, text: nil, compression: .labels) { $0 }
}

/// A COCO dataset whose `file_name`s hold a subfolder (`val/x.png` in `set/val/x.png`, with
/// `set.json` beside `set/`), as panopticapi reads them: such files used to be unreadable
/// ("no annotation with file_name x.png") and a save added a second entry under the bare name.
@Suite("COCO file names with subfolders (files)")
struct COCOSubfolderTests {
  /// Segment ids saved as 16-bit gray (`cv2.imwrite` of a uint16 array) in the COCO layout were
  /// read as offset labels (every class shifted, void a crowd region) and validate passed them.
  @Test func aGrayPNGTheCOCOJSONListsIsRefusedNotReadAsOffset() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set", withIntermediateDirectories: true)
    let png = dir + "/set/x.png"
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: png, format: .coco)
    try LabelFile.writeRows(LabelMap(width: 4, height: 2, pixels: [1003, 1003, 2003, 150, 150, 150, 150, 0]), to: png,
      wide: false, text: nil, compression: .labels) { $0 }
    #expect(throws: PanopticError.self) { _ = try LabelFile.read(path: png) }
    do {
      _ = try LabelFile.read(path: png)
    } catch {
      #expect(error.description.contains("lists as a COCO panoptic PNG"), "\(error)")
    }
    // Named a format, it is read as the user says.
    #expect(throws: Never.self) { _ = try LabelFile.read(path: png, options: LabelFileOptions(format: .offset)) }
  }

  /// A PNG written from elsewhere into a dataset's JSON under a name the JSON already lists for
  /// another file of its folder replaced that image's entry: the image's own PNG then read as
  /// 35 problems, and its crash journal could no longer be replayed.
  @Test func aSaveDoesNotTakeOverTheEntryOfAnotherFileOfTheFolder() throws {
    let dir = makeTempDir()
    for f in ["/set", "/other"] { try FileManager.default.createDirectory(atPath: dir + f, withIntermediateDirectories: true) }
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/set/x.png", format: .coco)
    let json = try readText(dir + "/set.json")
    let other = LabelMap(width: 4, height: 2, filledWith: PanopticLabel(classIndex: 2, instance: 1))
    let error = #expect(throws: PanopticError.self) {
      _ = try LabelFile.write(other, catalog: .coco, to: dir + "/other/x.png", format: .coco, annotations: dir + "/set.json")
    }
    #expect(error?.description.contains("another file") == true, "\(String(describing: error))")
    #expect(try readText(dir + "/set.json") == json)
    #expect(try LabelFile.read(path: dir + "/set/x.png").decoded.map == cocoTestMap())
    // The file itself, saved again, keeps its entry.
    #expect(throws: Never.self) { _ = try LabelFile.write(other, catalog: .coco, to: dir + "/set/x.png", format: .coco) }
  }

  @Test func aPNGBelowTheFolderIsReadAndSavedUnderItsListedName() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/set/val", withIntermediateDirectories: true)
    let png = dir + "/set/val/x.png"
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: png, format: .coco, annotations: dir + "/set.json")
    let entries = { () throws -> [String] in
      try COCOAnnotationsFile.listedPNGNames(json: dir + "/set.json")
    }
    #expect(try entries() == ["val/x.png"])
    // Read with no --annotations: the JSON two levels up lists it.
    let loaded = try LabelFile.read(path: png)
    #expect(loaded.annotationsPath == dir + "/set.json")
    #expect(loaded.decoded.map == cocoTestMap())
    // A save finds its own entry; a new PNG beside it joins the same JSON.
    var edited = loaded.decoded.map
    edited[3, 0] = PanopticLabel(classIndex: 2, instance: 3)
    _ = try LabelFile.write(edited, catalog: .coco, to: png, format: .coco, keepingIDs: loaded.decoded.fileIDs)
    _ = try LabelFile.write(cocoTestMap(), catalog: .coco, to: dir + "/set/val/y.png", format: .coco)
    #expect(try entries() == ["val/x.png", "val/y.png"])
    #expect(!FileManager.default.fileExists(atPath: dir + "/set/val.json"))
    #expect(try LabelFile.read(path: png).decoded.map == edited)
  }
}
