import Foundation
import PanopticIO
import PanopticModel
import Testing

@Suite("Catalog files")
struct CatalogFileTests {
  func message(_ json: String) -> String {
    do {
      _ = try CatalogFile.parse(json: Data(json.utf8), name: "t")
      return "no error"
    } catch {
      return error.description
    }
  }

  @Test func catalogParserNamesTheBadField() {
    #expect(message("[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,3]}]") == "no error")
    #expect(message("{").hasPrefix("not valid JSON"))
    #expect(message("[]") == "the category list is empty")
    #expect(message("{\"x\": 1}") == "expected a list of categories or an object with \"categories\"")
    #expect(message("[5]") == "category #1 is not an object")
    #expect(message("[{\"id\":\"x\"}]") == "category #1 \"id\" must be a whole number between -9223372036854775808 and 9223372036854775807, not \"x\"")
    #expect(message("[{\"id\":1.5}]") == "category #1 \"id\" must be a whole number between -9223372036854775808 and 9223372036854775807, not 1.5")
    #expect(message("[{\"id\":1e30}]") == "category #1 \"id\" must be a whole number between -9223372036854775808 and 9223372036854775807, not 1e30", "a number past 64 bits is shown, not called 'no integer'")
    #expect(message("[{\"name\":\"a\"}]") == "category #1 has no \"id\"")
    #expect(message("[{\"id\":1,\"isthing\":1}]") == "category id 1 has no \"name\"")
    #expect(
      message("[{\"id\":1,\"name\":\"a\",\"isthing\":2,\"color\":[1,2,3]}]") == "category \"a\" has no \"isthing\" of 0 or 1")
    #expect(
      message("[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2]}]")
        == "category \"a\" has no \"color\" of three values 0-255")
    #expect(
      message("[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,256]}]")
        == "category \"a\" has no \"color\" of three values 0-255")
    #expect(
      message(
        "[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,3]},{\"id\":1,\"name\":\"b\",\"isthing\":1,\"color\":[1,2,3]}]"
      ) == "category id 1 appears twice")
  }

  @Test func aWholeCOCOFileGivesItsCategoriesInOrder() throws {
    let json = """
      {"categories": [
        {"id": 7, "name": "cat", "isthing": 1, "color": [1, 2, 3], "supercategory": "animal"},
        {"id": 3, "name": "grass", "isthing": 0, "color": [0, 255, 0]}]}
      """
    let cat = try CatalogFile.parse(json: Data(json.utf8), name: "mine")
    #expect(cat.name == "mine")
    #expect(cat.classes == [
      ClassInfo(id: 7, name: "cat", kind: .thing, color: RGB(1, 2, 3), supercategory: "animal"),
      ClassInfo(id: 3, name: "grass", kind: .stuff, color: RGB(0, 255, 0)),
    ])
    #expect(cat.index(ofID: 3) == 1)
  }

  @Test func loadTakesBuiltInNamesAndFiles() throws {
    #expect(try CatalogFile.load("coco") == .coco)
    #expect(try CatalogFile.load("Cityscapes") == .cityscapes)
    let dir = makeTempDir()
    try "[{\"id\":1,\"name\":\"a\",\"isthing\":1,\"color\":[1,2,3]}]".write(
      toFile: dir + "/my-classes.json", atomically: true, encoding: .utf8)
    let cat = try CatalogFile.load(dir + "/my-classes.json")
    #expect(cat.name == "my-classes" && cat.count == 1)
    #expect(throws: PanopticError.self) { try CatalogFile.load(dir + "/absent.json") }
  }
}
