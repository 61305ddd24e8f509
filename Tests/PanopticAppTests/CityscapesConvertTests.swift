import Foundation
import PanopticApp
import PanopticIO
import PanopticModel
import Testing

/// `convert X_gtFine_instanceIds.png OUT.png --to coco` writes what
/// cityscapesScripts' `createPanopticImgs` writes, so its evaluator accepts it.
@Suite("Cityscapes → COCO through convert")
struct CityscapesConvertTests {
  func freshFolder() -> String {
    let dir = NSTemporaryDirectory() + "panoptty-cstest-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  // road, a car, a caravan (ignored in evaluation) and the ego vehicle.
  func writeInput(_ dir: String) throws -> String {
    var map = LabelMap(width: 4, height: 2, filledWith: PanopticLabel(classIndex: 7))
    map[1, 0] = PanopticLabel(classIndex: 26, instance: 1)
    map[2, 0] = PanopticLabel(classIndex: 29, instance: 2)
    map[0, 1] = PanopticLabel(classIndex: 1)
    let path = dir + "/frankfurt_000000_000294_gtFine_instanceIds.png"
    _ = try LabelFile.write(map, catalog: .cityscapes, to: path, format: .cityscapes)
    return path
  }

  func convert(_ input: String, _ output: String, ids: CityscapesCategoryIDs? = nil) throws -> [String: Any] {
    let r = ConvertRunner.Request(
      inputs: [input], output: output, target: .labels(.coco), outAnnotations: nil, outOffset: 1000, outVoid: nil,
      options: .init(), cityscapesIDs: ids)
    let result = try ConvertRunner.single(r)
    #expect(result.notes.count == 1)
    #expect(result.notes.first?.hasSuffix("2 pixels of classes Cityscapes does not evaluate (ego vehicle, caravan) written as void, as createPanopticImgs does") == true)
    let json = COCOAnnotationsFile.siblingPath(of: output)
    return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
  }

  @Test func imageIDCategoriesAndIDsAsCreatePanopticImgs() throws {
    let dir = freshFolder()
    let input = try writeInput(dir)
    try FileManager.default.createDirectory(atPath: dir + "/pred", withIntermediateDirectories: false)
    let json = try convert(input, dir + "/pred/out.png")
    let annotation = (json["annotations"] as! [[String: Any]])[0]
    #expect(annotation["image_id"] as? String == "frankfurt_000000_000294")
    let image = (json["images"] as! [[String: Any]])[0]
    #expect(image["id"] as? String == "frankfurt_000000_000294")
    #expect(image["file_name"] as? String == "frankfurt_000000_000294_leftImg8bit.png")
    let categories = json["categories"] as! [[String: Any]]
    #expect(categories.count == 19)
    #expect(categories.contains { $0["id"] as? Int == 26 && $0["name"] as? String == "car" && $0["supercategory"] as? String == "vehicle" })
    let segments = (annotation["segments_info"] as! [[String: Any]]).map { ($0["id"] as! Int, $0["category_id"] as! Int) }
    #expect(segments.map { $0.0 } == [7, 26000] && segments.map { $0.1 } == [7, 26])
    // The PNG: ignored classes are id 0.
    let back = try LabelFile.read(path: dir + "/pred/out.png")
    #expect(back.decoded.map.pixels.filter(PanopticLabel.isVoid).count == 2)
  }

  @Test func trainIdCategoriesOnRequest() throws {
    let dir = freshFolder()
    let input = try writeInput(dir)
    try FileManager.default.createDirectory(atPath: dir + "/pred", withIntermediateDirectories: false)
    let json = try convert(input, dir + "/pred/out.png", ids: .train)
    let categories = json["categories"] as! [[String: Any]]
    #expect(categories.compactMap { $0["id"] as? Int }.sorted() == Array(0...18))
    let annotation = (json["annotations"] as! [[String: Any]])[0]
    let segments = (annotation["segments_info"] as! [[String: Any]]).map { ($0["id"] as! Int, $0["category_id"] as! Int) }
    #expect(segments.map { $0.0 } == [7, 26000] && segments.map { $0.1 } == [0, 13])
  }

  @Test func cityscapesIDsNeedCOCOAndCityscapesLabels() throws {
    let dir = freshFolder()
    let input = try writeInput(dir)
    let toOffset = ConvertRunner.Request(
      inputs: [input], output: dir + "/o.png", target: .labels(.offset), outAnnotations: nil, outOffset: 1000, outVoid: nil,
      options: .init(), cityscapesIDs: .train)
    #expect {
      _ = try ConvertRunner.single(toOffset)
    } throws: { error in
      (error as? AppFailure)?.line == "--cityscapes-ids train sets the categories of a COCO file; it needs --to coco"
    }
  }
}
