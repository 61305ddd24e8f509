import PanopticModel

/// CVAT "Segmentation mask 1.1" folders on disk.
extension ExchangeFile {
  /// The export folder and image name `path` names: the folder itself (when
  /// it holds one image) or one of its `SegmentationClass/NAME.png` files.
  static func cvatLocation(_ path: String) throws(PanopticError) -> (root: String, name: String) {
    if Folders.isFolder(path) {
      let root = path.hasSuffix("/") ? String(path.dropLast()) : path
      let names = Folders.entries(root + "/SegmentationClass").filter { $0.hasSuffix(".png") }.sorted()
      guard names.count == 1 else {
        throw .badAnnotations(
          names.isEmpty
            ? "no SegmentationClass/*.png in this CVAT export"
            : "this CVAT export holds \(names.count) images; name one: \(root)/SegmentationClass/\(names[0])")
      }
      return (root, FileNames.deletingExtension(names[0]))
    }
    let folder = FileNames.folder(path)
    guard FileNames.lastComponent(folder) == "SegmentationClass" else {
      throw .badAnnotations("not a CVAT export: name its folder (with labelmap.txt) or a SegmentationClass/NAME.png in it")
    }
    return (FileNames.folder(folder), FileNames.deletingExtension(FileNames.lastComponent(path)))
  }

  /// Whether `path` is a PNG inside a CVAT export's `SegmentationClass/`.
  static func isCVATMask(_ path: String) -> Bool {
    let folder = FileNames.folder(path)
    return FileNames.lastComponent(folder) == "SegmentationClass"
      && Folders.exists(FileNames.folder(folder) + "/labelmap.txt")
  }

  static func readCVAT(_ path: String, catalog: ClassCatalog, limits: DecodeLimits) throws(PanopticError) -> ImportedLabels {
    let (root, name) = try cvatLocation(path)
    let labelmap: [CVATFormat.LabelColor]
    do {
      labelmap = try CVATFormat.parseLabelmap(try TextFile.read(root + "/labelmap.txt", limit: 1 << 22))
    } catch {
      throw error.prefixed("labelmap.txt")
    }
    let classPath = root + "/SegmentationClass/" + name + ".png", objectPath = root + "/SegmentationObject/" + name + ".png"
    let classImage: RGBImage
    do {
      classImage = try PNGCodec.readRGB(path: classPath, limits: limits)
    } catch {
      throw error.prefixed("SegmentationClass/\(name).png")
    }
    var objectImage: RGBImage?
    if Folders.exists(objectPath) {
      do {
        objectImage = try PNGCodec.readRGB(path: objectPath, limits: limits)
      } catch {
        throw error.prefixed("SegmentationObject/\(name).png")
      }
    }
    return try CVATFormat.importMasks(labelmap: labelmap, classImage: classImage, objectImage: objectImage, catalog: catalog)
  }

  /// Writes `map` into the export folder `root` as image `name` (created if
  /// missing). An existing `labelmap.txt` must be the one this map needs.
  ///
  /// The image list is read, extended and written under a lock (parallel exports into one
  /// folder each rewrote it from what they had read, and CVAT ignored the masks it lost), and
  /// the four files are staged together: a full disk leaves the folder as it was, and the
  /// folders this export made are removed again (it left a mask with no labelmap.txt).
  static func writeCVAT(_ map: LabelMap, catalog: ClassCatalog, to root: String, name: String) throws(PanopticError) {
    let (labelmap, cls, obj) = try CVATFormat.export(map, catalog: catalog)
    let subfolders = [root, root + "/SegmentationClass", root + "/SegmentationObject", root + "/ImageSets", root + "/ImageSets/Segmentation"]
    let made = subfolders.filter { (try? SystemCall.stat($0)) ?? nil == nil }
    for sub in subfolders { try Folders.create(sub) }
    do throws(PanopticError) {
      let list = root + "/ImageSets/Segmentation/default.txt"
      let lock = try COCOJSONLock(json: FileNames.absolute(try AtomicFile.resolvedTarget(list)).string, display: list)
      defer { lock.release() }
      if let existing = try TextFile.readIfPresent(root + "/labelmap.txt", limit: 1 << 22), existing != labelmap {
        throw PanopticError.conflict("\(root)/labelmap.txt exists with other labels; write into a new folder")
      }
      var names = (try TextFile.readIfPresent(list, limit: 1 << 26) ?? "").split(separator: "\n").map(String.init)
      if !names.contains(name) { names.append(name) }
      let listBytes = Array((names.joined(separator: "\n") + "\n").utf8)
      try AtomicFile.writeTogether([
        AtomicFile.Member(path: root + "/SegmentationClass/" + name + ".png") { (fd) throws(PanopticError) in try ImageFile.encodePNG(cls, to: fd) },
        AtomicFile.Member(path: root + "/SegmentationObject/" + name + ".png") { (fd) throws(PanopticError) in try ImageFile.encodePNG(obj, to: fd) },
        AtomicFile.Member(path: list) { (fd) throws(PanopticError) in try SystemCall.writeAll(fd, listBytes) },
        AtomicFile.Member(path: root + "/labelmap.txt") { (fd) throws(PanopticError) in try SystemCall.writeAll(fd, Array(labelmap.utf8)) },
      ])
    } catch {
      // Deepest first; a folder something else has put a file into stays.
      for folder in made.reversed() { SystemCall.removeEmptyFolder(folder) }
      throw error
    }
  }
}
