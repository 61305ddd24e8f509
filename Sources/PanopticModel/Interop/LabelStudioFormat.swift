/// Label Studio's JSON export with brush (`brushlabels`) results, both ways.
///
/// Import: one task (the export is a list of tasks; a single task object is
/// taken too), its one annotation (or the one marked `ground_truth` when
/// there are several), every brush result a segment: class by name from the
/// catalog, things numbered 1, 2, 3 … in result order, stuff merged per class,
/// alpha > 0 = painted, later results over earlier ones (Label Studio draws
/// them on top). A thing result whose region note (`meta.text`) says "crowd"
/// is the class's crowd region, which is how export keeps crowd.
///
/// Export: one task whose one annotation holds one brush result per segment,
/// masks encoded as `mask2rle(mask * 255)` would encode them, with the
/// control names of Label Studio's "semantic segmentation with masks"
/// template (`tag` on `image`).
public enum LabelStudioFormat {
  /// The control and object names of Label Studio's brush template.
  public static let fromName = "tag", toName = "image"

  /// `sizeRefusal` is asked before anything is allocated (the IO layer's
  /// decode limits): a 200 KB RLE can claim a billion pixels.
  /// `taskID` picks one task of a many-task export (Label Studio exports
  /// whole projects); without it the export must hold one task.
  public static func importTask(
    _ json: JSONValue, catalog: ClassCatalog, taskID: Int? = nil,
    sizeRefusal: (Int, Int) -> PanopticError? = { _, _ in nil }
  ) throws(PanopticError) -> ImportedLabels {
    let task = try chooseTask(json, id: taskID)
    let (results, chose) = try annotationResults(task)
    var notes = chose.map { [$0] } ?? []
    var brushes: [(index: Int, result: JSONObject)] = []
    var skipped: [String: Int] = [:]
    for (i, r) in results.enumerated() {
      guard let o = r.objectValue else { throw .badAnnotations("result \(i + 1) is \(r.kindName), not an object") }
      let type = o["type"]?.stringValue?.lowercased() ?? "?"
      if type == "brushlabels" { brushes.append((i, o)) } else { skipped[type, default: 0] += 1 }
    }
    if !skipped.isEmpty {
      let kinds = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      notes.append("skipped \(skipped.values.reduce(0, +)) results that are not brush masks (\(kinds)); a label map holds masks only")
    }
    guard let first = brushes.first else {
      throw .badAnnotations("the annotation has no brush results (type brushlabels); nothing to convert")
    }
    let (width, height) = try size(of: first.result, name: name(first.index, first.result))
    if let refusal = sizeRefusal(width, height) { throw refusal }
    var painter = SegmentPainter(width: width, height: height, catalog: catalog)
    for (i, r) in brushes {
      let source = name(i, r)
      let (w, h) = try size(of: r, name: source)
      guard w == width && h == height else {
        throw .sizeMismatch("\(source) is \(w)×\(h), but the first brush result is \(width)×\(height)")
      }
      guard let value = r["value"]?.objectValue else { throw .badAnnotations("\(source) has no value object") }
      let format = value["format"]?.stringValue ?? "rle"
      guard format == "rle" else { throw .badAnnotations("\(source): brush format \"\(format)\" is not rle") }
      guard let labels = value["brushlabels"]?.arrayValue, labels.count == 1, let className = labels[0].stringValue else {
        throw .badAnnotations("\(source) needs exactly one class in value.brushlabels")
      }
      let index: Int
      do {
        index = try painter.classIndex(named: className)
      } catch {
        throw error.prefixed(source)
      }
      let alpha: [UInt8]
      do {
        alpha = try BrushRLE.decodeAlpha(try rleBytes(value["rle"]), pixelCount: width * height)
      } catch {
        throw error.prefixed(source)
      }
      let crowd = r["meta"]?.objectValue?["text"]?.arrayValue?.contains { $0.stringValue?.lowercased() == "crowd" } ?? false
      let label = try painter.newLabel(classIndex: index, crowd: crowd)
      painter.paint(label, mask: alpha, source: source)
    }
    notes += painter.notes(segmentWord: "brush result")
    return ImportedLabels(map: painter.map, catalog: catalog, notes: notes)
  }

  /// One brush result per segment (void left out), in label order: stuff by
  /// class, then things by instance, so things come back with the same
  /// instance order.
  public static func export(_ map: LabelMap, catalog: ClassCatalog, imageName: String) -> JSONValue {
    var runs: [UInt32: [(start: Int, count: Int)]] = [:]
    var order: [UInt32] = []
    map.pixels.withUnsafeBufferPointer { px in
      var i = 0
      while i < px.count {
        let v = px[i]
        var end = i + 1
        while end < px.count && px[end] == v { end += 1 }
        if !PanopticLabel.isVoid(v) {
          if runs[v] == nil { order.append(v) }
          runs[v, default: []].append((i, end - i))
        }
        i = end
      }
    }
    var results: [JSONValue] = []
    for raw in order.sorted() {
      let label = PanopticLabel(raw: raw)
      let info = catalog[label.classIndex]
      let rle = BrushRLE.encode(runs: runs[raw]!, pixelCount: map.pixelCount)
      var o = JSONObject([
        "id": .string("seg\(results.count + 1)"), "type": .string("brushlabels"),
        "from_name": .string(fromName), "to_name": .string(toName),
        "original_width": .int(map.width), "original_height": .int(map.height), "image_rotation": .int(0),
        "value": .object(
          JSONObject([
            "format": .string("rle"), "rle": .array(rle.map { .int(Int($0)) }),
            "brushlabels": .array([.string(info.name)]),
          ])),
      ])
      if info.isThing && label.instance == 0 { o["meta"] = .object(JSONObject(["text": .array([.string("crowd")])])) }
      results.append(.object(o))
    }
    let annotation = JSONObject(["result": .array(results), "ground_truth": .bool(false)])
    let task = JSONObject([
      "data": .object(JSONObject(["image": .string(imageName)])), "annotations": .array([.object(annotation)]),
    ])
    return .array([.object(task)])
  }

  /// Whether parsed JSON looks like a Label Studio export: tasks (objects
  /// with `annotations` and `data`), alone or in a list.
  public static func looksLikeExport(_ json: JSONValue) -> Bool {
    let task = json.arrayValue?.first ?? json
    guard let o = task.objectValue else { return false }
    return o["annotations"] != nil && o["data"] != nil
  }

  private static func chooseTask(_ json: JSONValue, id: Int?) throws(PanopticError) -> JSONObject {
    let tasks: [JSONValue]
    if let o = json.objectValue, o["annotations"] != nil {
      tasks = [json]
    } else if let list = json.arrayValue {
      tasks = list
    } else {
      throw .badAnnotations("not a Label Studio export: expected a list of tasks with annotations")
    }
    if let id {
      guard let task = tasks.compactMap(\.objectValue).first(where: { $0["id"]?.intValue == id }) else {
        throw .badAnnotations("the export has no task with id \(id)")
      }
      return task
    }
    guard tasks.count == 1, let task = tasks[0].objectValue else {
      if tasks.isEmpty { throw .badAnnotations("the export holds no tasks") }
      let ids = tasks.prefix(5).compactMap { $0.objectValue?["id"]?.intValue }.map(String.init)
      throw .badAnnotations(
        "the export holds \(tasks.count) tasks (ids \(ids.joined(separator: ", "))\(tasks.count > 5 ? ", …" : "")); name one with --task ID")
    }
    return task
  }

  /// The results of the task's one usable annotation, and a note when a
  /// choice was made among several.
  private static func annotationResults(_ task: JSONObject) throws(PanopticError) -> ([JSONValue], String?) {
    let tid = task["id"].map { "task \($0.intValue.map(String.init) ?? "?")" } ?? "the task"
    guard let all = task["annotations"]?.arrayValue else { throw .badAnnotations("\(tid) has no annotations list") }
    let live = all.compactMap(\.objectValue).filter { $0["was_cancelled"] != .bool(true) }
    var chosen = live.first
    var note: String?
    if live.count > 1 {
      let truth = live.filter { $0["ground_truth"] == .bool(true) }
      guard truth.count == 1 else {
        throw .badAnnotations(
          "\(tid) has \(live.count) annotations and \(truth.count) marked ground truth; mark one as ground truth or export one")
      }
      chosen = truth[0]
      note = "\(tid) has \(live.count) annotations: read the one marked ground truth"
    }
    guard let chosen else { throw .badAnnotations("\(tid) has no annotation (cancelled ones are not read)") }
    guard let results = chosen["result"]?.arrayValue else { throw .badAnnotations("\(tid): the annotation has no result list") }
    return (results, note)
  }

  private static func name(_ index: Int, _ r: JSONObject) -> String {
    "result \(index + 1)" + (r["id"]?.stringValue.map { " (id \($0))" } ?? "")
  }

  private static func size(of r: JSONObject, name: String) throws(PanopticError) -> (Int, Int) {
    guard let w = r["original_width"]?.intValue, let h = r["original_height"]?.intValue, w > 0, h > 0,
      w <= 1 << 20, h <= 1 << 20
    else {
      throw .badAnnotations("\(name) has no usable original_width and original_height")
    }
    return (w, h)
  }

  private static func rleBytes(_ value: JSONValue?) throws(PanopticError) -> [UInt8] {
    guard let list = value?.arrayValue else { throw .badAnnotations("value.rle is not a list of bytes") }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(list.count)
    for v in list {
      guard let n = v.intValue, n >= 0, n <= 255 else { throw .badAnnotations("value.rle holds \(v.numberValue?.text ?? v.kindName), not a byte 0–255") }
      bytes.append(UInt8(n))
    }
    return bytes
  }
}
