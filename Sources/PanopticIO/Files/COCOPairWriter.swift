import PanopticModel
import SystemPackage

/// A COCO save: the PNG of segment ids and its entry in the annotations
/// JSON, written as one commit (issue 9 items 5–7 and 16, issue 11 §2).
///
/// 1. Both destinations are checked before anything is written: folders
///    exist and are writable, the JSON is a regular file or absent, and a
///    JSON path the user did not give is not put into `/` or a folder they
///    cannot write (the hint says which flag names it).
/// 2. The JSON's lock is taken and any commit a crash left is finished.
/// 3. The JSON is read as it is now (mapped, indexed) and the save planned
///    (`COCOSavePlan`: ids kept, new ids fresh, only this image's entries
///    spliced).
/// 4. Both new files are staged and fsync'ed, then committed together
///    (`COCOPairCommit`), and the JSON's sidecar index refreshed.
///
/// Every error names the file it is about; an error about the PNG is left
/// for the caller to prefix with the PNG's path, as for every other format.
enum COCOPairWriter {
  /// What an existing JSON object is when none of its keys is one of COCO's (a labelme file,
  /// another tool's settings): adding `images` and `annotations` to it would be a silent edit
  /// of somebody else's file. Nil for a COCO JSON, a partial one, or `{}`.
  static func foreignObject(_ index: COCOIndex) -> String? {
    let coco: Set<String> = ["info", "licenses", "images", "annotations", "categories"]
    let keys = index.topLevel.map(\.key)
    guard !keys.isEmpty, !keys.contains(where: coco.contains) else { return nil }
    return keys.contains("shapes") ? "a labelme file" : "a JSON object with no info, images, annotations or categories"
  }

  static func write(
    _ map: LabelMap, catalog: ClassCatalog, to pngPath: String, annotations: String?, photo: String?,
    keepingIDs: [UInt32: Int], imageID: COCOImageID? = nil, compression: PNGCompression
  ) throws(PanopticError) -> LabelWriteReport {
    let jsonPath = annotations ?? COCOAnnotationsFile.impliedPath(of: pngPath)
    let png = try absoluteTarget(pngPath)
    let json: String
    do {
      json = try absoluteTarget(jsonPath)
    } catch {
      throw error.prefixed(jsonPath)
    }
    let pngStatus = try checkDestination(png, display: nil, implied: false)
    _ = try checkDestination(json, display: jsonPath, implied: annotations == nil)
    guard png != json else { throw .usage("the PNG and its annotations JSON cannot be the same file") }

    let lock = try COCOJSONLock(json: json, display: jsonPath)
    defer { lock.release() }
    do {
      try COCOPairCommit.recover(json: json)
    } catch {
      throw error.prefixed(jsonPath)
    }
    // Read after taking the lock: another writer may have saved meanwhile.
    let jsonStatus = try checkDestination(json, display: jsonPath, implied: false)
    var document: COCOJSONDocument?
    do throws(PanopticError) {
      if jsonStatus != nil { document = try COCOJSONDocument(path: json, maxStreamBytes: .max) }
      if let document, let what = Self.foreignObject(document.index) {
        throw PanopticError.badAnnotations(
          "\(what), not a COCO panoptic JSON; panoptty does not add COCO entries to it (name another annotations file)")
      }
    } catch {
      throw error.prefixed(jsonPath)
    }
    let pngName = COCOAnnotationsFile.savedName(of: pngPath, json: jsonPath, index: document?.index)
    // The entry of that name is another PNG's when the JSON's own folder holds a different file
    // under it: replacing it left that file described by this one's segments (a convert into a
    // dataset's JSON from elsewhere did, and the image's labels and crash journal were lost).
    if let index = document?.index, (try? index.annotationPosition(forFileName: pngName)) ?? nil != nil,
      let folder = COCOAnnotationsFile.pngFolder(ofJSON: json)
    {
      let listed = "/" + (folder + pngName.split(separator: "/").map(String.init)).joined(separator: "/")
      if let there = FileIdentity.of(listed), FileIdentity.of(png).map({ !there.isSameFile(as: $0) }) ?? true {
        throw .conflict(
          "\(jsonPath) lists \(pngName) for \(listed), another file, and this save would replace that image's entry; write into \(FileNames.folder(listed)) or into another JSON")
      }
    }
    let plan: COCOSavePlan
    do {
      plan = try COCOSavePlan(
        map: map, catalog: catalog,
        pngName: pngName, photoName: photo.map(FileNames.lastComponent),
        keepingIDs: keepingIDs, imageID: imageID, into: document, jsonPath: jsonPath)
    } catch {
      if case .cannotEncode = error { throw error }
      throw error.prefixed(jsonPath)
    }

    let code = plan.code
    let stagedPNG = try StagedFile.create(for: png, existing: pngStatus) { (fd) throws(PanopticError) in
      try LabelFile.encodeRows(map, to: fd, wide: true, text: nil, compression: compression) { code[$0] ?? 0 }
    }
    let stagedJSON: StagedFile
    do {
      let name = FileNames.lastComponent(jsonPath)
      stagedJSON = try StagedFile.create(for: json, existing: jsonStatus) { (fd) throws(PanopticError) in
        try plan.write(to: fd, context: "cannot write \(name)")
      }
    } catch {
      stagedPNG.discard()
      throw error.prefixed(jsonPath)
    }
    try COCOPairCommit.commit([stagedPNG, stagedJSON], json: json, display: jsonPath)
    refreshSidecar(plan, json: json)
    return LabelWriteReport(
      path: pngPath, format: .coco, widened: false, annotationsPath: jsonPath, notes: [],
      fileIDs: FileIDScheme(format: .coco, knownIDs: code.mapValues(Int.init)))
  }

  /// The absolute path a write of `path` lands on (a symlink's target).
  static func absoluteTarget(_ path: String) throws(PanopticError) -> String {
    FileNames.absolute(try AtomicFile.resolvedTarget(path)).string
  }

  /// Checks that `path` can be replaced by a rename; returns its status (nil
  /// when it does not exist yet). `display` names the JSON in messages (nil
  /// for the PNG, which the caller names). An `implied` JSON (the
  /// panopticapi sibling of the PNG's folder, not given by the user) must not
  /// land in `/` or in a folder the user cannot write (issue 9 item 16).
  static func checkDestination(_ path: String, display: String?, implied: Bool) throws(PanopticError) -> FileStatus? {
    func failure(_ message: String) -> PanopticError { .io(display.map { "\($0): \(message)" } ?? message) }
    let folder = FileNames.folder(path)
    guard let status = try SystemCall.stat(folder) else { throw failure(AtomicFile.missingFolder(folder)) }
    guard status.isDirectory else { throw failure("\(folder) is not a folder") }
    if implied, let display {
      let hint = "pass the JSON's path with --out-annotations FILE (convert) or --annotations FILE (edit)"
      if (SystemCall.realPath(folder) ?? folder) == "/" {
        throw .usage("\(display): the COCO JSON beside the output folder would be written into /; \(hint)")
      }
      if let why = SystemCall.writeDenial(folder) {
        throw .usage("\(display): cannot write into the folder \(folder) (\(why)); \(hint)")
      }
    }
    if let why = SystemCall.writeDenial(folder) { throw failure("cannot write into the folder \(folder): \(why)") }
    guard let existing = try SystemCall.stat(path) else { return nil }
    if existing.isDirectory { throw failure("is a folder, not a file") }
    guard existing.isRegular else {
      throw failure("not a regular file (a COCO PNG and its JSON are replaced together, never written in place)")
    }
    if display != nil, let why = SystemCall.writeDenial(path) {
      throw failure("cannot be written (\(why), mode \(String(existing.mode & 0o777, radix: 8)))")
    }
    return existing
  }

  /// Stores the new JSON's index (no rescan: the splice computed it), or
  /// removes a sidecar a shrunken file left. Never fails the save.
  static func refreshSidecar(_ plan: COCOSavePlan, json: String) {
    guard plan.outputByteCount >= COCOJSONDocument.sidecarMinimumBytes else {
      COCOJSONDocument.removeSidecar(jsonPath: json)
      return
    }
    guard let file = try? MappedFile.open(json, maxStreamBytes: 0), file.bytes.count == plan.outputByteCount,
      let index = plan.updatedIndex ?? (try? COCOJSONDocument.scan(file))
    else { return }
    COCOJSONDocument.storeSidecar(index, for: file, jsonPath: json)
  }
}
