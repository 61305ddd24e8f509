/// Writing labelme JSON, so work can continue in labelme.
///
/// labelme has polygons only, without holes, painted by `shapes_to_label` in
/// file order (later over earlier). So every 4-connected piece of every
/// segment becomes one polygon round its outside (`PixelOutline`), and the
/// pieces are written largest enclosed area first: a piece inside another's
/// hole encloses strictly less, so it comes later and paints the hole back.
/// Equal areas never overlap, so ties go stuff first, then by label. What
/// cannot be said this way — void inside a segment's outline — is counted by
/// painting the written polygons back with Pillow's rule (`PillowPolygon`)
/// and comparing, so the writer can say how many pixels differ.
extension LabelmeFormat {
  /// A labelme document and how far it is from the map it was made from.
  public struct Export: Sendable {
    public var json: JSONValue
    public var shapeCount: Int
    /// Pixels whose label differs when the shapes are painted back as
    /// labelme paints them (void holes inside segments).
    public var differingPixels: Int
  }

  /// The labelme version written in `version` (the schema of labelme 5.x).
  public static let writtenVersion = "5.4.1"

  /// `map` as one labelme file naming the photo `imagePath`: one polygon per
  /// 4-connected piece, `label` = class name, `group_id` = the instance of a
  /// thing (null for stuff and crowd), crowd marked by `flags.crowd` and
  /// `description: "crowd"`.
  public static func export(_ map: LabelMap, catalog: ClassCatalog, imagePath: String) -> Export {
    let w = map.width, h = map.height
    let (pieces, owner) = PixelOutline.pieces(of: map)
    var shapes: [(label: UInt32, points: [(x: Int, y: Int)], region: Region)] = []
    for (i, piece) in pieces.enumerated() {
      let points = PixelOutline.outline(of: Int32(i), start: piece.start, owner: owner, width: w, height: h)
      let region = PillowPolygon.fill(points.map { (Double($0.x), Double($0.y)) }, width: w, height: h)
      shapes.append((piece.label, points, region))
    }
    func isStuff(_ raw: UInt32) -> Bool { !catalog[Int(PanopticLabel.classPart(raw))].isThing }
    shapes.sort { a, b in
      if a.region.count != b.region.count { return a.region.count > b.region.count }
      if isStuff(a.label) != isStuff(b.label) { return isStuff(a.label) }
      return a.label < b.label
    }
    var painted = [UInt32](repeating: PanopticLabel.void.raw, count: w * h)
    var out: [JSONValue] = []
    for s in shapes {
      s.region.forEachRun { y, x0, x1 in
        guard y >= 0, y < h else { return }
        for x in max(0, x0)...min(w - 1, x1) where x0 <= x1 { painted[y * w + x] = s.label }
      }
      out.append(.object(shape(PanopticLabel(raw: s.label), s.points, catalog: catalog)))
    }
    var differ = 0
    for i in 0..<min(painted.count, map.pixels.count) where painted[i] != map.pixels[i] { differ += 1 }
    let doc = JSONObject([
      "version": .string(writtenVersion), "flags": .object(JSONObject()), "shapes": .array(out),
      "imagePath": .string(imagePath), "imageData": .null, "imageHeight": .int(h), "imageWidth": .int(w),
    ])
    return Export(json: .object(doc), shapeCount: out.count, differingPixels: differ)
  }

  private static func shape(_ label: PanopticLabel, _ points: [(x: Int, y: Int)], catalog: ClassCatalog) -> JSONObject {
    let info = catalog[label.classIndex]
    let crowd = info.isThing && label.instance == 0
    return JSONObject([
      "label": .string(info.name),
      "points": .array(points.map { .array([.int($0.x), .int($0.y)]) }),
      "group_id": info.isThing && !crowd ? .int(label.instance) : .null,
      "description": .string(crowd ? "crowd" : ""),
      "shape_type": .string("polygon"),
      "flags": .object(crowd ? JSONObject(["crowd": .bool(true)]) : JSONObject()),
      "mask": .null,
    ])
  }

  /// Whether a shape marks a crowd region: `flags.crowd` true, or `crowd`
  /// in its description (what the writer puts on crowd regions; a person
  /// can also type it in labelme's description box).
  static func isCrowd(_ shape: JSONObject) -> Bool {
    if shape["flags"]?.objectValue?["crowd"] == .bool(true) { return true }
    return shape["description"]?.stringValue?.lowercased().contains("crowd") ?? false
  }
}
