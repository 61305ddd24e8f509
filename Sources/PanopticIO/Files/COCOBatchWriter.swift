import Foundation
import PanopticModel

/// `convert` of many files into COCO: every PNG is written (atomically) as
/// its file is converted, on any thread, and the annotations JSON once at
/// the end, atomically, with the entries in input order — never a
/// read-modify-write of the JSON per image (issue 11 §4).
///
/// Neither the JSON nor any PNG may exist yet: a batch makes a new dataset,
/// it does not merge into one (convert one file at a time to add to an
/// existing JSON), and it writes over nothing — every file is created new,
/// atomically, so a batch into its own input folder, into another JSON's
/// folder or alongside another batch cannot destroy a file.
public final class COCOBatchWriter: @unchecked Sendable {
  public let jsonPath: String
  private let lock = NSLock()
  private var catalog: ClassCatalog?
  private var entries: [Int: (annotation: COCOAnnotation, width: Int, height: Int, photo: String?)] = [:]
  /// The PNGs this batch made (each a new file: a batch writes over nothing): removed again
  /// when the JSON cannot be written, so a full disk leaves no PNGs that no JSON describes.
  private var created: [(path: String, identity: FileIdentity?)] = []

  /// Checks that the JSON can be created (its folder exists, nothing is there yet).
  public init(jsonPath: String) throws(PanopticError) {
    self.jsonPath = jsonPath
    // (A symlink counts though its target is missing: the write would go through it.)
    if try SystemCall.stat(jsonPath, followSymlinks: false) != nil {
      throw .usage(
        "\(jsonPath) exists; converting many files to COCO makes a new dataset: convert into a new folder, or pass --out-annotations NEW.json"
      )
    }
    let folder = FileNames.folder(jsonPath)
    guard let st = try SystemCall.stat(folder), st.isDirectory else { throw .io("\(jsonPath): " + AtomicFile.missingFolder(folder)) }
  }

  /// Writes `map` as the COCO PNG `pngPath` (its name is the entry's
  /// `file_name`) and keeps its entry as number `index` of the batch. Every
  /// file must use one catalog (the JSON has one `categories` list).
  /// `keepingIDs`, `imageID` and `photoName` as in `LabelFile.write` (a
  /// Cityscapes file keeps its instanceIds values and its string id).
  public func add(
    _ map: LabelMap, catalog: ClassCatalog, pngPath: String, index: Int, keepingIDs: [UInt32: Int] = [:],
    imageID: COCOImageID? = nil, photoName: String? = nil
  ) throws(PanopticError) {
    lock.lock()
    let first = self.catalog ?? catalog
    if self.catalog == nil { self.catalog = catalog }
    lock.unlock()
    guard first.name == catalog.name || first.hasSameClasses(as: catalog) else {
      throw .usage("its classes (\(catalog.name)) differ from the batch's (\(first.name)); one COCO JSON has one catalog")
    }
    guard map.width > 0 && map.height > 0 else { throw .cannotEncode("the label map is empty") }
    try COCOSavePlan.requireUTF8(FileNames.lastComponent(pngPath), what: "its name")
    if let photoName { try COCOSavePlan.requireUTF8(photoName, what: "the photo's name \(photoName)") }
    let (code, segments) = try COCOPanoptic.table(map, catalog: catalog, keeping: keepingIDs)
    try LabelFile.writeRows(map, to: pngPath, wide: true, text: nil, compression: .labels, replacing: false) { code[$0] ?? 0 }
    // The file as written: a clean-up removes it only while it is still this one (another
    // process may have written its own file over it since).
    let identity = FileIdentity.of(pngPath)
    let name = FileNames.lastComponent(pngPath)
    let entry = COCOEntryEdit.annotation(
      replacing: nil, fileName: name, imageID: imageID ?? COCOEntryEdit.newImageID(forPNG: name, in: nil), segments: segments)
    lock.withLock {
      entries[index] = (entry, map.width, map.height, photoName)
      created.append((pngPath, identity))
    }
  }

  /// Images whose name-derived id another image of the batch had (`b.png is 956, as a.png is
  /// 955`), after `finish`: a JSON of these images without the other numbers them otherwise.
  public private(set) var moved: [String] = []

  /// Writes the JSON (atomically); image ids made unique in file-name order.
  /// Returns how many images it lists; with none it writes nothing.
  /// When the JSON cannot be written, the PNGs the batch created are removed.
  public func finish() throws(PanopticError) -> Int {
    let ordered = entries.keys.sorted().map { entries[$0]! }
    // Every file failed: no JSON, so running again once they are fixed is not refused for it.
    guard !ordered.isEmpty else { return 0 }
    // Ids are settled in file-name order, not input order: the same files given in another
    // order (ground truth `a b`, predictions `b a`) got each other's ids when two names hashed
    // alike, and pq_compute scored a perfect prediction 0.
    var owner: [Int: String] = [:]
    var usedStrings = Set<String>()
    var settled = [COCOImageID?](repeating: nil, count: ordered.count)
    moved = []
    for i in ordered.indices.sorted(by: { ordered[$0].annotation.fileName < ordered[$1].annotation.fileName }) {
      let e = ordered[i]
      var id = e.annotation.imageID
      if case .int(let base) = id {
        var n = base
        while owner[n] != nil { n = n == 0x7FFF_FFFF ? 1 : n + 1 }
        owner[n] = e.annotation.fileName
        if n != base, let other = owner[base] { moved.append("\(e.annotation.fileName) is \(n), as \(other) is \(base)") }
        id = .int(n)
      } else if case .string(let text) = id, !usedStrings.insert(text).inserted {
        throw .conflict("two images would have image_id \(id); convert them into separate JSONs")
      }
      settled[i] = id
    }
    var annotations: [JSONValue] = []
    var images: [JSONValue] = []
    for (i, var e) in ordered.enumerated() {
      let id = settled[i] ?? e.annotation.imageID
      e.annotation.imageID = id
      annotations.append(
        e.annotation.jsonValue(keyOrder: COCOEntryEdit.sortedAnnotationKeys, segmentKeyOrder: COCOEntryEdit.sortedSegmentKeys))
      let image = COCOEntryEdit.image(
        replacing: nil, id: id, pngName: e.annotation.fileName, photoName: e.photo, width: e.width, height: e.height)
      images.append(image.jsonValue(newKeyOrder: COCOEntryEdit.sortedImageKeys))
    }
    let root = JSONValue.object(
      JSONObject([
        "annotations": .array(annotations), "categories": (catalog ?? .coco).cocoCategoriesJSON, "images": .array(images),
      ]))
    do {
      // Under the JSON's lock, as every COCO writer takes it: a single-file convert that read
      // "no JSON" under the lock must not then rename its own JSON over this one.
      let lock = try COCOJSONLock(json: try COCOPairWriter.absoluteTarget(jsonPath), display: jsonPath)
      defer { lock.release() }
      // A new file only: a JSON another process wrote while the batch ran is not replaced.
      try AtomicFile.write(bytes: JSONWriter(layout: .minified).bytes(of: root), to: jsonPath, replacing: false)
    } catch {
      for png in created where png.identity.map({ FileIdentity.of(png.path)?.isSameFile(as: $0) == true }) ?? false {
        try? SystemCall.unlink(png.path)
      }
      guard !created.isEmpty else { throw error }
      throw .io("\(error.description); the \(created.count.counted("PNG")) written for it were removed again")
    }
    return ordered.count
  }
}
