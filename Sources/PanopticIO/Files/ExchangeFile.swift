import PanopticModel

/// Other tools' annotation files on disk: reading them into a label map and
/// writing one out (atomically, like every file panoptty writes). The
/// decoding rules are in `PanopticModel` (`LabelStudioFormat`, …); this is
/// where the bytes, the size limits and the folders are.
public enum ExchangeFile {
  /// What decides `--from` when it is not given: a folder holding
  /// `labelmap.txt` is CVAT; a JSON file is Label Studio when it is a list of
  /// tasks, labelme when it has `shapes` and the image size. Nil: not one of
  /// them (the caller reads the input as a label PNG).
  public static func detect(_ path: String, limits: DecodeLimits = .standard) -> ExchangeFormat? {
    if Folders.isStream(path) { return nil }  // reading would consume it
    if Folders.isFolder(path) {
      return Folders.exists(path + "/labelmap.txt") ? .cvat : nil
    }
    if isCVATMask(path) { return .cvat }
    guard let head = try? self.head(of: path), startsLikeJSON(head) else { return nil }
    guard let json = try? readJSON(path, limits: limits) else { return nil }
    if LabelStudioFormat.looksLikeExport(json) { return .labelStudio }
    if LabelmeFormat.looksLikeFile(json) { return .labelme }
    return nil
  }

  /// Reads `path` as `format` into a label map of `catalog`'s classes;
  /// `task` picks a Label Studio task by id.
  public static func read(
    _ path: String, as format: ExchangeFormat, catalog: ClassCatalog, task: Int? = nil, limits: DecodeLimits = .standard
  ) throws(PanopticError) -> ImportedLabels {
    let refusal: (Int, Int) -> PanopticError? = { w, h in limits.refusal(width: w, height: h, bytesPerPixel: 4) }
    switch format {
    case .labelStudio:
      return try LabelStudioFormat.importTask(
        try readJSON(path, limits: limits), catalog: catalog, taskID: task, sizeRefusal: refusal)
    case .labelme where task != nil, .cvat where task != nil:
      throw .usage("--task picks a Label Studio task; this is \(format.rawValue)")
    case .labelme:
      return try LabelmeFormat.importFile(try readJSON(path, limits: limits), catalog: catalog, sizeRefusal: refusal)
    case .cvat:
      return try readCVAT(path, catalog: catalog, limits: limits)
    }
  }

  /// Writes `map` as `format` to `path` (Label Studio: a file, `-` is
  /// standard output; CVAT: the export folder). `stem` names the photo
  /// (`STEM.jpg` in Label Studio's task and labelme's `imagePath`, the image
  /// name in CVAT's folder). Returns what the user should hear about what
  /// the format could not hold (labelme: pixels its polygons paint
  /// differently).
  @discardableResult
  public static func write(
    _ map: LabelMap, catalog: ClassCatalog, as format: ExchangeFormat, to path: String, stem: String
  ) throws(PanopticError) -> [String] {
    guard map.width > 0 && map.height > 0 else { throw .cannotEncode("the label map is empty") }
    if format != .cvat { try refuseReplacing(path, with: format) }
    switch format {
    case .labelStudio:
      var bytes = JSONWriter(layout: .minified).bytes(of: LabelStudioFormat.export(map, catalog: catalog, imageName: stem + ".jpg"))
      bytes.append(0x0A)
      try AtomicFile.write(bytes: bytes, to: path)
    case .labelme:
      let export = LabelmeFormat.export(map, catalog: catalog, imagePath: stem + ".jpg")
      var bytes = JSONWriter(layout: .minified).bytes(of: export.json)
      bytes.append(0x0A)
      try AtomicFile.write(bytes: bytes, to: path)
      return [
        "\(export.differingPixels) pixels differ from the labels when labelme paints the \(export.shapeCount) polygons"
          + " (void holes inside segments / boundary rounding)"
      ]
    case .cvat:
      guard path != "-" && !Folders.isStream(path) else { throw .usage("a CVAT export is a folder; name one") }
      try writeCVAT(map, catalog: catalog, to: path.hasSuffix("/") ? String(path.dropLast()) : path, name: stem)
    }
    return []
  }

  /// A labelme or Label Studio export replaces only an older export of its own kind for one
  /// image: it wrote over the convert's own input PNG, a photo, a COCO dataset JSON and a
  /// Label Studio file of many tasks (each left as a one-task file), all with exit 0.
  static func refuseReplacing(_ path: String, with format: ExchangeFormat) throws(PanopticError) {
    guard path != "-", !Folders.isStream(path), let status = try SystemCall.stat(path) else { return }
    guard !status.isDirectory else { throw .conflict("is a folder, not a file; name the \(format.rawValue) file to write") }
    let hint = "convert does not write over it; name a new file"
    guard let head = try? head(of: path), startsLikeJSON(head), let json = try? readJSON(path, limits: .standard) else {
      throw .conflict("is \(FileKind.picture(at: path) ?? "not a \(format.rawValue) file"), not a \(format.rawValue) export; \(hint)")
    }
    switch format {
    case .labelStudio:
      guard LabelStudioFormat.looksLikeExport(json) else {
        throw .conflict("is a JSON file that is no Label Studio export; \(hint)")
      }
      if let tasks = json.arrayValue, tasks.count > 1 {
        throw .conflict("is a Label Studio export of \(tasks.count) tasks, and this writes one; \(hint) (Label Studio imports several files)")
      }
    case .labelme:
      guard LabelmeFormat.looksLikeFile(json) else { throw .conflict("is a JSON file that is no labelme file; \(hint)") }
    case .cvat:
      return
    }
  }

  /// The first bytes of a file (a PNG is never read whole to be told apart from JSON).
  /// Whether bytes open a JSON object or list (after blanks and a byte-order mark).
  static func startsLikeJSON(_ head: [UInt8]) -> Bool {
    let first = head.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  static func head(of path: String) throws(PanopticError) -> [UInt8] {
    try InputFile.with(path, maxStreamBytes: 1 << 16) { (input) throws(PanopticError) -> [UInt8] in
      switch input {
      case .bytes(let b): return Array(b.prefix(256))
      case .descriptor(let fd, _):
        var buf = [UInt8](repeating: 0, count: 256)
        let n = try SystemCall.run { try buf.withUnsafeMutableBytes { try fd.read(into: $0) } }
        return Array(buf.prefix(n))
      }
    }
  }

  /// A JSON file, bounded by the decode limits' file size, parsed whole.
  static func readJSON(_ path: String, limits: DecodeLimits) throws(PanopticError) -> JSONValue {
    let bytes = try BinaryFile.read(path, limit: limits.maxFileBytes)
    do {
      return try JSONValue.parse(bytes)
    } catch {
      throw .badAnnotations(COCOJSONError.syntaxText(error))
    }
  }
}
