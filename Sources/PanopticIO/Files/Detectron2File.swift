import PanopticModel

/// detectron2 `panoptic_seg` dumps on disk. detectron2 writes no file
/// itself: users save the two outputs, so panoptty reads what numpy and
/// `json` write — `X.npy` (`np.save`) or `X.npz` (`np.savez_compressed`)
/// and `segments_info` as `X.json` beside it (`json.dump(segments_info)`,
/// or an object with a `segments_info` list), or the JSON `--annotations` names.
enum Detectron2File {
  /// Whether `path` is a numpy file (by name; its bytes are checked on reading).
  static func isDump(_ path: String) -> Bool { path.hasSuffix(".npy") || path.hasSuffix(".npz") }

  static func read(path: String, options: LabelFileOptions) throws(PanopticError) -> LoadedLabelFile {
    let bytes = try BinaryFile.read(path, limit: options.limits.maxFileBytes)
    let pv = try NumpyFile.readIDs(bytes, limits: options.limits)
    let jsonPath = options.annotations ?? FileNames.deletingExtension(path) + ".json"
    guard try SystemCall.stat(jsonPath) != nil else {
      throw .badAnnotations(
        "a detectron2 id map needs its segments_info: save it as \(jsonPath) (json.dump(segments_info)) or pass --annotations FILE")
    }
    let segments: [Detectron2Segment]
    do {
      segments = try parseSegments(try BinaryFile.read(jsonPath, limit: 1 << 28))
    } catch {
      throw error.prefixed(jsonPath)
    }
    let catalog = options.catalog ?? .coco
    let header = PNGHeader(width: pv.width, height: pv.height, bitDepth: 32, colorType: -1)
    return LoadedLabelFile(
      decoded: Detectron2Dump.decode(pv, segments: segments, catalog: catalog), header: header, offsetFormat: nil,
      annotationsPath: jsonPath, detection: "numpy file with segments_info \(jsonPath)")
  }

  static func parseSegments(_ bytes: [UInt8]) throws(PanopticError) -> [Detectron2Segment] {
    let root: JSONValue
    do {
      root = try JSONValue.parse(bytes)
    } catch {
      throw .badAnnotations(COCOJSONError.syntaxText(error))
    }
    guard let list = root.arrayValue ?? root.objectValue?["segments_info"]?.arrayValue else {
      throw .badAnnotations("expected the segments_info list (or an object with \"segments_info\")")
    }
    var out: [Detectron2Segment] = []
    for (i, item) in list.enumerated() {
      guard let o = item.objectValue, let id = o["id"]?.intValue, let cat = o["category_id"]?.intValue else {
        throw .badAnnotations("segments_info[\(i)] has no integer \"id\" and \"category_id\"")
      }
      var thing: Bool?
      switch o["isthing"] {
      case .bool(let b)?: thing = b
      case .number?: thing = o["isthing"]?.intValue.map { $0 != 0 }
      default: thing = nil
      }
      out.append(Detectron2Segment(id: id, categoryID: cat, isThing: thing))
    }
    return out
  }
}
