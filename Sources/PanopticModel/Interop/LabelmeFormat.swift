/// labelme's JSON (`imageWidth`, `imageHeight`, `shapes[]`), read into a
/// label map.
///
/// Each shape is painted in file order, as labelme's own `shapes_to_label`
/// paints it: `label` is the class, and shapes with the same label and
/// `group_id` are one instance (a thing shape without `group_id` is an
/// instance of its own); stuff shapes merge per class. Polygons and
/// rectangles are filled exactly as Pillow fills them for labelme
/// (`PillowPolygon`; the editor's own `Raster.polygon` differs on about 1 %
/// of the pixels, along edges). `circle` shapes are filled as discs of the
/// rounded radius, close to but not Pillow's ellipse. `line`, `linestrip` and `point` have no
/// area and are skipped with a note (`shapes_to_label` would paint them as
/// 10-pixel strokes and 5-pixel discs, which are not segments); `mask`
/// shapes are refused (not read).
///
/// A thing shape marked crowd (`flags.crowd`, or `crowd` in its
/// description: what the writer puts there) is its class's crowd region.
/// Writing is in `LabelmeExport.swift`.
public enum LabelmeFormat {
  public static func importFile(
    _ json: JSONValue, catalog: ClassCatalog, sizeRefusal: (Int, Int) -> PanopticError? = { _, _ in nil }
  ) throws(PanopticError) -> ImportedLabels {
    guard let o = json.objectValue, let shapes = o["shapes"]?.arrayValue else {
      throw .badAnnotations("not a labelme file: expected an object with a \"shapes\" list")
    }
    guard let w = o["imageWidth"]?.intValue, let h = o["imageHeight"]?.intValue, w > 0, h > 0, w <= 1 << 20, h <= 1 << 20
    else {
      throw .badAnnotations("imageWidth and imageHeight must be positive integers")
    }
    if let refusal = sizeRefusal(w, h) { throw refusal }
    var painter = SegmentPainter(width: w, height: h, catalog: catalog)
    var groups: [String: PanopticLabel] = [:]
    var skipped: [String: Int] = [:]
    for (i, v) in shapes.enumerated() {
      guard let shape = v.objectValue else { throw .badAnnotations("shape \(i + 1) is \(v.kindName), not an object") }
      let source = "shape \(i + 1)"
      guard let name = shape["label"]?.stringValue else { throw .badAnnotations("\(source) has no label") }
      let type = shape["shape_type"]?.stringValue ?? "polygon"
      if ["line", "linestrip", "point", "points"].contains(type) {
        skipped[type, default: 0] += 1
        continue
      }
      let points = try readPoints(shape["points"], source: source)
      let region: Region
      switch type {
      case "polygon", "oriented_rectangle":
        guard points.count >= 3 else { throw .badAnnotations("\(source): a polygon needs 3 points or more, it has \(points.count)") }
        region = PillowPolygon.fill(points, width: w, height: h)
      case "rectangle":
        guard points.count == 2 else { throw .badAnnotations("\(source): a rectangle needs 2 points, it has \(points.count)") }
        region = PillowPolygon.rectangle(points[0], points[1], width: w, height: h)
      case "circle":
        guard points.count == 2 else { throw .badAnnotations("\(source): a circle needs 2 points, it has \(points.count)") }
        let (dx, dy) = (points[1].x - points[0].x, points[1].y - points[0].y)
        let r = Int((dx * dx + dy * dy).squareRoot().rounded()), center = Point(Int(points[0].x.rounded()), Int(points[0].y.rounded()))
        var disc = Raster.bounded([center], pad: r, width: w, height: h)
        Raster.dab(into: &disc, center: center, radius: r, shape: .round)
        region = disc
      default:
        throw .badAnnotations("\(source): shape_type \"\(type)\" is not read (polygon, rectangle and circle are)")
      }
      let index: Int
      do {
        index = try painter.classIndex(named: name)
      } catch {
        throw error.prefixed(source)
      }
      let label: PanopticLabel
      if catalog[index].isThing && isCrowd(shape) {
        label = try painter.newLabel(classIndex: index, crowd: true)
      } else if catalog[index].isThing, let group = shape["group_id"], group != .null {
        let key = "\(index)/" + (group.intValue.map(String.init) ?? group.stringValue ?? group.kindName)
        if let known = groups[key] {
          label = known
        } else {
          label = try painter.newLabel(classIndex: index)
          groups[key] = label
        }
      } else {
        label = try painter.newLabel(classIndex: index)
      }
      painter.paint(label, region: region, source: source)
    }
    var notes: [String] = []
    if !skipped.isEmpty {
      let kinds = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      notes.append("skipped \(skipped.values.reduce(0, +)) shapes without an area (\(kinds))")
    }
    notes += painter.notes(segmentWord: "shape")
    return ImportedLabels(map: painter.map, catalog: catalog, notes: notes)
  }

  /// Whether parsed JSON looks like a labelme file.
  public static func looksLikeFile(_ json: JSONValue) -> Bool {
    guard let o = json.objectValue else { return false }
    return o["shapes"] != nil && o["imageHeight"] != nil
  }

  /// `[[x, y], …]` with numbers.
  private static func readPoints(_ value: JSONValue?, source: String) throws(PanopticError) -> [(x: Double, y: Double)] {
    guard let list = value?.arrayValue else { throw .badAnnotations("\(source) has no points list") }
    var out: [(x: Double, y: Double)] = []
    for p in list {
      guard let xy = p.arrayValue, xy.count == 2, let x = number(xy[0]), let y = number(xy[1]),
        abs(x) < 1e7, abs(y) < 1e7
      else {
        throw .badAnnotations("\(source): every point must be [x, y] with numbers")
      }
      out.append((x, y))
    }
    return out
  }

  /// A JSON number as a Double (labelme writes floats).
  private static func number(_ v: JSONValue) -> Double? {
    guard let text = v.numberValue?.text else { return nil }
    return Double(text)
  }
}
