import Testing

@testable import PanopticModel

@Suite("CVAT Segmentation mask 1.1")
struct CVATTests {
  @Test func vocColorMapMatchesPascalVOC() {
    #expect(CVATFormat.vocColor(1) == RGB(128, 0, 0))
    #expect(CVATFormat.vocColor(2) == RGB(0, 128, 0))
    #expect(CVATFormat.vocColor(3) == RGB(128, 128, 0))
    #expect(CVATFormat.vocColor(15) == RGB(192, 128, 128))
  }

  @Test func labelmapParsesAndRefusesDuplicateColours() throws {
    let lm = try CVATFormat.parseLabelmap("# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:0, 0,142::\n\nroad:128,64,128::\n")
    #expect(lm.map(\.name) == ["background", "car", "road"])
    #expect(lm[1].color == RGB(0, 0, 142))
    #expect(throws: PanopticError.badAnnotations("labelmap.txt line 2: b has the colour of a (#010203)")) {
      try CVATFormat.parseLabelmap("a:1,2,3::\nb:1,2,3::\n")
    }
    #expect(throws: PanopticError.badAnnotations("labelmap.txt line 1: expected name:r,g,b:parts:actions")) {
      try CVATFormat.parseLabelmap("car\n")
    }
  }

  @Test func exportThenImportIsTheSameMap() throws {
    let map = asciiMap(
      """
      rrcc.
      rPPcd
      sssdd
      """,
      ["r": PanopticLabel(classIndex: road), "c": PanopticLabel(classIndex: car, instance: 1),
       "d": PanopticLabel(classIndex: car, instance: 3), "P": PanopticLabel(classIndex: person, instance: 2),
       "s": PanopticLabel(classIndex: sky)])
    let (text, cls, obj) = try CVATFormat.export(map, catalog: coco)
    #expect(text.hasPrefix("# label:color_rgb:parts:actions\nbackground:0,0,0::\nperson:"))
    let back = try CVATFormat.importMasks(
      labelmap: try CVATFormat.parseLabelmap(text), classImage: cls, objectImage: obj, catalog: coco)
    #expect(back.map == map)
    #expect(back.notes.isEmpty)
    // The format has no crowd flag: a crowd region goes out as an object (so
    // CVAT shows it) and comes back as an instance.
    var crowd = map
    crowd[1, 1] = PanopticLabel(classIndex: person)
    crowd[2, 1] = PanopticLabel(classIndex: person)
    let (_, cls2, obj2) = try CVATFormat.export(crowd, catalog: coco)
    let again = try CVATFormat.importMasks(
      labelmap: try CVATFormat.parseLabelmap(text), classImage: cls2, objectImage: obj2, catalog: coco)
    #expect(again.map[1, 1] == PanopticLabel(classIndex: person, instance: 2))
  }

  @Test func thingWithoutObjectIsCrowdAndUnknownColourIsRefused() throws {
    let lm = [CVATFormat.LabelColor(name: "car", color: RGB(0, 0, 142))]
    let cls = RGBImage(width: 2, height: 1, bytes: [0, 0, 142, 0, 0, 142])
    let obj = RGBImage(width: 2, height: 1, bytes: [128, 0, 0, 0, 0, 0])
    let got = try CVATFormat.importMasks(labelmap: lm, classImage: cls, objectImage: obj, catalog: coco)
    #expect(got.map.pixels == [PanopticLabel(classIndex: car, instance: 1).raw, PanopticLabel(classIndex: car).raw])
    #expect(got.notes == ["1 thing pixels have no object: read as their class's crowd region"])
    let odd = RGBImage(width: 1, height: 1, bytes: [1, 2, 3])
    #expect(throws: PanopticError.badLabels("SegmentationClass has colour #010203 at x=0 y=0, not in labelmap.txt")) {
      try CVATFormat.importMasks(labelmap: lm, classImage: odd, objectImage: nil, catalog: coco)
    }
  }
}
