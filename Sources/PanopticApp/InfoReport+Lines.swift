import PanopticIO
import PanopticModel
import PanopticRender

extension InfoReport {
  /// `json()` on one line, written by panoptty's own JSON writer (keys in
  /// the same sorted order): Foundation's serializer took 1.2 ms a file,
  /// more than reading the file.
  var jsonLine: String {
    let segments: [JSONValue] = report.rows.map { r in
      .object(
        JSONObject([
          "area": .int(r.area), "bbox": .array(r.bbox.asArray.map(JSONValue.int)), "category_id": .int(r.categoryID),
          "class_index": .int(r.label.classIndex), "id": .int(r.fileID), "instance": .int(r.label.instance),
          "iscrowd": .int(r.isCrowd ? 1 : 0), "isthing": .int(r.isThing ? 1 : 0), "name": .string(r.className),
        ]))
    }
    let root = JSONValue.object(
      JSONObject([
        "catalog": .string(loaded.decoded.catalog.name), "file": .string(path), "format": .string(loaded.decoded.format.rawValue),
        "height": .int(report.height), "segments_info": .array(segments), "void_pixels": .int(report.voidPixels),
        "width": .int(report.width),
      ]))
    return String(decoding: JSONWriter(layout: .minified).bytes(of: root), as: UTF8.self)
  }

  /// `validate --json`: one line per file with the verdict and every problem.
  public func validationJSON(problems: [String], count: ProblemCount) -> String {
    JSONLine.encode([
      "file": path, "ok": problems.isEmpty, "format": loaded.decoded.format.rawValue,
      "catalog": loaded.decoded.catalog.name, "width": report.width, "height": report.height,
      "segments": report.rows.count, "problems": problems, "problem_count": count.value,
    ])
  }

  /// `info --textconv`: a summary that changes only when the labels do —
  /// no path, no timestamps, no detection details — one line per segment
  /// sorted by class name, then instance, then id, so `git diff` of two
  /// versions of a label PNG lists exactly the segments that changed.
  public var textconv: String {
    var lines = [
      "\(report.width)x\(report.height) \(loaded.decoded.format.rawValue) catalog \(loaded.decoded.catalog.name)"
        .escapingControlCharacters,
      "void \(report.voidPixels) px",
    ]
    let rows = report.rows.sorted { a, b in
      if a.className != b.className { return a.className < b.className }
      if a.label.instance != b.label.instance { return a.label.instance < b.label.instance }
      return a.fileID < b.fileID
    }
    for r in rows {
      let kind = r.isThing ? (r.isCrowd ? " crowd" : " #\(r.label.instance)") : ""
      let box = r.bbox.asArray.map(String.init).joined(separator: " ")
      lines.append("\(r.className)\(kind) id \(r.fileID): \(r.area) px, bbox \(box)")
    }
    if !loaded.decoded.problems.isEmpty { lines.append("\(loaded.decoded.problemCount) (panoptty validate lists them)") }
    return lines.joined(separator: "\n")
  }

  /// The textconv summary of `path`; a file that cannot be read gives one
  /// line saying why (git shows it in the diff instead of failing).
  public static func textconv(_ path: String, options: LabelFileOptions) -> String {
    do throws(AppFailure) {
      return InfoReport(path: path, loaded: try LabelLoader.load(path, options: options, allowProblems: true)).textconv
    } catch {
      let prefix = path.escapingControlCharacters + ": "
      return "not readable as labels: " + (error.line.hasPrefix(prefix) ? String(error.line.dropFirst(prefix.count)) : error.line)
    }
  }
}
