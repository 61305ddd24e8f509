@testable import PanopticModel
import Testing

/// The ADE20K-150 and Mapillary Vistas v2.0 catalogs against their sources
/// (Mask2Former's ADE20K_150_CATEGORIES; mmsegmentation's MapillaryDataset_v2
/// and Mapillary's config_v2.0.json, see BuiltInCatalogs+Mapillary.swift).
@Suite("Built-in catalogs: ADE20K-150 and Mapillary Vistas v2.0")
struct BuiltInCatalogTests {
  @Test func ade20kHas150ClassesWithThePanopticSplit() {
    let c = ClassCatalog.ade20k
    #expect(c.name == "ade20k")
    #expect(c.count == 150)
    #expect(c.classes.filter(\.isThing).count == 100)
    #expect(c.classes.map(\.id) == Array(0..<150))
  }

  @Test(arguments: [
    (0, "wall", ClassKind.stuff, RGB(120, 120, 120)),
    (6, "road, route", .stuff, RGB(140, 140, 140)),
    (7, "bed", .thing, RGB(204, 5, 255)),
    (8, "window ", .thing, RGB(230, 230, 230)),
    (12, "person", .thing, RGB(150, 5, 61)),
    (20, "car", .thing, RGB(0, 102, 200)),
    (48, "skyscraper", .stuff, RGB(140, 140, 140)),
    (149, "flag", .thing, RGB(92, 0, 255)),
  ])
  func ade20kMatchesMask2Former(id: Int, name: String, kind: ClassKind, color: RGB) {
    let c = ClassCatalog.ade20k
    let i = c.index(ofID: id)
    #expect(i == id)
    guard let i else { return }
    #expect(c[i].name == name)
    #expect(c[i].kind == kind)
    #expect(c[i].color == color)
  }

  @Test func mapillaryHas124ClassesAs70Things46Stuff8VoidOrCrowd() {
    let c = ClassCatalog.mapillary
    #expect(c.name == "mapillary")
    #expect(c.count == 124)
    #expect(c.classes.map(\.id) == Array(0..<124))
    // 70 evaluated instance classes plus the two unevaluated "Ambiguous" signs.
    #expect(c.classes.filter(\.isThing).count == 72)
    #expect(c.classes.allSatisfy { $0.supercategory.contains("--") })
  }

  @Test(arguments: [
    (0, "Bird", "animal--bird", ClassKind.thing, RGB(165, 42, 42)),
    (21, "Road", "construction--flat--road", .stuff, RGB(128, 64, 128)),
    (30, "Person", "human--person--individual", .thing, RGB(220, 20, 60)),
    (31, "Person Group", "human--person--person-group", .stuff, RGB(220, 20, 60)),
    (45, "Lane Marking - Crosswalk", "marking--discrete--crosswalk-zebra", .thing, RGB(255, 255, 255)),
    (108, "Car", "object--vehicle--car", .thing, RGB(0, 0, 142)),
    (111, "On Rails", "object--vehicle--on-rails", .thing, RGB(0, 80, 100)),
    (117, "Water Valve", "object--water-valve", .thing, RGB(170, 170, 170)),
    (123, "Unlabeled", "void--unlabeled", .stuff, RGB(0, 0, 0)),
  ])
  func mapillaryMatchesV2Config(id: Int, name: String, machineName: String, kind: ClassKind, color: RGB) {
    let c = ClassCatalog.mapillary
    guard let i = c.index(ofID: id) else {
      Issue.record("no id \(id)")
      return
    }
    #expect(c[i].name == name)
    #expect(c[i].supercategory == machineName)
    #expect(c[i].kind == kind)
    #expect(c[i].color == color)
  }

  @Test func namesAndIdsAreUniqueInEveryBuiltIn() {
    for name in ClassCatalog.builtInNames {
      guard let c = ClassCatalog.builtIn(named: name) else {
        Issue.record("\(name) is listed but not built in")
        continue
      }
      #expect(Set(c.classes.map(\.id)).count == c.count, "\(name): ids")
      #expect(Set(c.classes.map(\.name)).count == c.count, "\(name): names")
    }
  }

  @Test func builtInFindsThemByName() {
    #expect(ClassCatalog.builtIn(named: "ade20k") == .ade20k)
    #expect(ClassCatalog.builtIn(named: "ADE20K") == .ade20k)
    #expect(ClassCatalog.builtIn(named: "mapillary") == .mapillary)
    #expect(ClassCatalog.builtIn(named: "Mapillary-v2") == .mapillary)
    #expect(ClassCatalog.builtIn(named: "mapillary-v1.2") == nil)
    #expect(ClassCatalog.builtInNames == ["coco", "cityscapes", "ade20k", "mapillary"])
  }

  @Test func classesResolveByShortNames() {
    let ade = ClassCatalog.ade20k
    #expect(ade.resolve("window") == 8)  // the name has Mask2Former's trailing space
    #expect(ade.resolve("road") == 6)
    #expect(ade.resolve("pot") == 125)  // exact beats "pot" inside toilet's synonyms
    let mv = ClassCatalog.mapillary
    #expect(mv.resolve("car") == 108)
    #expect(mv.resolve("water_valve") == 117)
    #expect(mv.describe(PanopticLabel(classIndex: 108, instance: 3)) == "Car #3")
  }

  /// A misspelt class gets the names it was probably meant to be (it got nothing:
  /// "persn" contains no class name's letters in a row).
  @Test func aMisspeltClassGetsSuggestions() {
    let coco = ClassCatalog.coco
    #expect(coco.suggestions(for: "persn") == ["person"])
    #expect(coco.suggestions(for: "@persn") == ["person"], "a region reference with a typo")
    #expect(coco.suggestions(for: "cra").contains("car"))
    #expect(coco.suggestions(for: "bicylce") == ["bicycle"])
    #expect(coco.suggestions(for: "unicorn").isEmpty)
    #expect(coco.suggestions(for: "sky").first == "sky-other-merged", "substrings still come first")
    #expect(coco.noSuchClass("persn").description == "no class \"persn\" in coco (did you mean person?)")
    #expect(coco.suggestions(for: " ").isEmpty && coco.suggestions(for: "").isEmpty, "blank: no guesses")
    #expect(coco.suggestions(for: String(repeating: "x", count: 100_000)).isEmpty)
    #expect(coco.noSuchClass(String(repeating: "x", count: 1000)).description.count < 100, "a huge name is not echoed whole")
    // A custom class named with `_` is found by that name (typing `_` for a space also
    // matched only names with spaces: `class x_y` said "no class x_y (did you mean x_y?)").
    let custom = ClassCatalog(name: "cat", classes: [
      ClassInfo(id: 1, name: "x_y", kind: .thing, color: RGB(1, 2, 3)),
      ClassInfo(id: 2, name: "traffic light", kind: .thing, color: RGB(4, 5, 6)),
    ])
    #expect(custom.resolve("x_y") == 0 && custom.resolve("x y") == 0 && custom.resolve("X_Y") == 0)
    #expect(custom.resolve("traffic_light") == 1)
    #expect(ClassCatalog.editDistance("abc", "acb", limit: 3) == 1)
    #expect(ClassCatalog.editDistance("kitten", "sitting", limit: 5) == 3)
    #expect(ClassCatalog.editDistance("a", "abcdef", limit: 2) == 3, "stops past the limit")
  }
}
