/// What a COCO save writes for one image: its annotation entry and its
/// `images` entry, built over the entries the file already had so that a
/// review diff shows only what changed (issue 11 §2, issue 12 §1).
///
/// - Segments still present keep their place in `segments_info`, their id,
///   their unknown keys (`score`, `attributes` …) and the spelling of every
///   value that did not change; removed ones are dropped; new ones are
///   appended in id order.
/// - `area` and `bbox` follow the file's convention: an old segment gets them
///   updated only if it had them (prediction files often have neither); a
///   new segment always gets both, as panopticapi's converters write them.
/// - A new entry gets an integer `image_id` (see `newImageID`) and, in its
///   `images` entry, the real photo's `file_name` when the caller knows it.
public enum COCOEntryEdit {
  /// Key orders of a file panoptty creates: sorted, as earlier versions
  /// (Foundation's `sortedKeys`) wrote them, so old and new files agree.
  public static let sortedAnnotationKeys = ["file_name", "image_id", "segments_info"]
  public static let sortedSegmentKeys = ["area", "bbox", "category_id", "id", "iscrowd"]
  public static let sortedImageKeys = ["file_name", "height", "id", "width"]

  /// The annotation of `fileName` with `segments`, written over `old` when the file had one.
  public static func annotation(
    replacing old: COCOAnnotation?, fileName: String, imageID: COCOImageID, segments: [COCOSegmentInfo]
  ) -> COCOAnnotation {
    var byID: [Int: COCOSegmentInfo] = [:]
    for s in segments { byID[s.id] = s }
    var entry = old ?? COCOAnnotation(fileName: fileName, imageID: imageID, segments: [])
    var written: [COCOSegment] = []
    written.reserveCapacity(segments.count)
    var placed = Set<Int>()
    for var segment in entry.segments {
      guard let now = byID[segment.id], placed.insert(segment.id).inserted else { continue }
      segment.categoryID = now.categoryID
      segment.isCrowd = now.isCrowd
      if segment.area != nil { segment.area = now.area }
      if segment.bbox != nil { segment.bbox = now.bbox.map(box) }
      written.append(segment)
    }
    for s in segments.sorted(by: { $0.id < $1.id }) where !placed.contains(s.id) {
      written.append(
        COCOSegment(id: s.id, categoryID: s.categoryID, isCrowd: s.isCrowd, area: s.area, bbox: s.bbox.map(box)))
    }
    entry.segments = written
    // The caller's id wins over the old entry's: it mends an id spelled as the wrong JSON type.
    entry.imageID = imageID
    return entry
  }

  /// The `images` entry of the image, written over `old` when the file had
  /// one. `file_name` is what the entry said: a dataset's `images` list is
  /// where its loaders find the photos, so a save never renames it after
  /// whatever file the editor happened to show (a copy, `/tmp/x.jpg`, or the
  /// label PNG itself when only labels are edited). A new entry, or one
  /// without `file_name`, gets the photo's name when known (`photoName`),
  /// else `STEM.jpg` (COCO's convention for a PNG `STEM.png`).
  public static func image(
    replacing old: COCOImage?, id: COCOImageID, pngName: String, photoName: String?, width: Int, height: Int
  ) -> COCOImage {
    var entry = old ?? COCOImage(id: id, fileName: nil, width: nil, height: nil)
    entry.fileName = entry.fileName ?? photoName ?? stem(of: pngName) + ".jpg"
    entry.width = width
    entry.height = height
    return entry
  }

  /// An integer `image_id` for a new entry of `pngName`, never one the file
  /// already uses (issue 12): the name's stem when it is a number
  /// (`000000139.png` → 139, COCO's convention), else a number derived from
  /// the name alone (FNV-1a of the stem, 1…2³¹−1), moving up to the next
  /// free id on a collision.
  ///
  /// Derived from the name rather than "largest + 1" so that two JSONs
  /// written separately — ground truth and predictions — give an image the
  /// same id: panopticapi's `pq_compute` pairs images by `image_id` and
  /// would otherwise compare different images without a word.
  public static func newImageID(forPNG pngName: String, in index: COCOIndex?) -> COCOImageID {
    // The name's last component: `val/000000142238.png` is image 142238, and a prediction
    // converted from a flat folder gets the same id as its ground truth listed as `val/x.png`.
    let stem = stem(of: pngName.split(separator: "/").last.map(String.init) ?? pngName)
    let number = !stem.isEmpty && stem.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Int(stem) : nil
    if let number, isFree(number, stem: stem, in: index) { return .int(number) }
    var hash = FNV1a64()
    Array(stem.utf8).withUnsafeBytes { hash.add($0) }
    var id = Int(hash.value % 0x7FFF_FFFF) + 1
    while !isFree(id, stem: stem, in: index) { id = id == 0x7FFF_FFFF ? 1 : id + 1 }
    return .int(id)
  }

  /// Whether no annotation and no other image's `images` entry uses `id`
  /// (an `images` entry without annotation that names this very image is ours).
  static func isFree(_ id: Int, stem: String, in index: COCOIndex?) -> Bool {
    guard let index else { return true }
    do {
      guard try index.annotationPosition(forImageID: .int(id)) == nil else { return false }
      guard let position = try index.imagePosition(forID: .int(id)) else { return true }
      return index.images[position].fileName.map { Self.stem(of: $0.split(separator: "/").last.map(String.init) ?? $0) == stem } ?? true
    } catch {
      return false  // shared by two entries already: certainly taken
    }
  }

  /// The name without its last extension (`a.b.png` → `a.b`).
  public static func stem(of name: String) -> String {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  static func box(_ b: BoundingBox) -> COCOBox {
    COCOBox(x: b.x, y: b.y, width: b.width, height: b.height)
  }
}

extension COCOSegmentInfo {
  /// The typed fields of a decoded `segments_info` entry.
  public init(_ segment: COCOSegment) {
    self.init(
      id: segment.id, categoryID: segment.categoryID, isCrowd: segment.isCrowd,
      bbox: segment.bbox.map { BoundingBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
      area: segment.area)
  }
}
