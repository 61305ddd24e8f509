/// Where every image's entries sit in a COCO panoptic JSON, by byte range.
///
/// Built in one validating pass (`COCOIndex.build`) or loaded from a sidecar
/// (`COCOIndexSidecar`), it answers "which bytes hold the annotation of
/// `x.png`" without materialising the file, so reading one image touches only
/// its entry and saving one image rewrites only that entry. Entries are
/// re-verified against the bytes whenever they are read (`verifiedEntry`),
/// so a stale index can make a lookup fail but never return a wrong entry.
public struct COCOIndex: Sendable, Hashable {
  /// One `annotations` entry: its bytes and the two keys that identify it.
  public struct Annotation: Sendable, Hashable {
    /// The entry object, `{` through `}`.
    public var range: Range<Int>
    /// Its `file_name` (nil when the entry has none; such an entry cannot be looked up).
    public var fileName: String?
    /// Its `image_id`, as the JSON had it.
    public var imageID: COCOImageID?

    public init(range: Range<Int>, fileName: String?, imageID: COCOImageID?) {
      self.range = range
      self.fileName = fileName
      self.imageID = imageID
    }
  }

  /// One `images` entry: its bytes and the keys that identify it.
  public struct Image: Sendable, Hashable {
    public var range: Range<Int>
    public var id: COCOImageID?
    public var fileName: String?

    public init(range: Range<Int>, id: COCOImageID?, fileName: String?) {
      self.range = range
      self.id = id
      self.fileName = fileName
    }
  }

  /// Size of the indexed JSON in bytes.
  public internal(set) var byteCount: Int
  /// The top-level object, `{` through `}`.
  public internal(set) var root: Range<Int>
  /// Every top-level member in file order (`info`, `licenses`, unknown keys…), untouched by edits.
  public internal(set) var topLevel: [JSONMember]
  public internal(set) var annotations: [Annotation]
  public internal(set) var images: [Image]
  /// Every repeated identifying key, in file order; lookups of these keys throw.
  public private(set) var duplicates: [COCODuplicate] = []

  private var annotationByFileName: [String: Int] = [:]
  private var annotationByImageID: [COCOImageID: Int] = [:]
  private var imageByID: [COCOImageID: Int] = [:]
  private var imageByFileName: [String: Int] = [:]
  private var duplicateFor: [DuplicateKey: COCODuplicate] = [:]

  private struct DuplicateKey: Hashable, Sendable {
    var key: COCODuplicate.Key
    var value: String
  }

  /// An index from already-collected records; lookups and duplicates are derived, never stored.
  init(byteCount: Int, root: Range<Int>, topLevel: [JSONMember], annotations: [Annotation], images: [Image]) {
    self.byteCount = byteCount
    self.root = root
    self.topLevel = topLevel
    self.annotations = annotations
    self.images = images
    rebuildLookups()
  }

  /// The value range of a top-level member.
  public func topLevelValue(_ key: String) -> Range<Int>? {
    topLevel.first(where: { $0.key == key })?.valueRange
  }

  /// The `annotations` array, `[` through `]`.
  public var annotationsArray: Range<Int>? { topLevelValue("annotations") }
  /// The `images` array, `[` through `]`.
  public var imagesArray: Range<Int>? { topLevelValue("images") }
  /// The `categories` value.
  public var categoriesRange: Range<Int>? { topLevelValue("categories") }

  /// The position of the annotation of `fileName`, nil when there is none.
  /// Throws when two annotations share that `file_name`, or when its `image_id`
  /// is shared with another annotation: editing either would be a guess.
  public func annotationPosition(forFileName fileName: String) throws(COCOJSONError) -> Int? {
    if let duplicate = duplicateFor[DuplicateKey(key: .annotationFileName, value: quoted(fileName))] {
      throw .duplicate(duplicate)
    }
    // "./a.png" names the same file to every tool that joins it to the folder (panopticapi's
    // os.path.join): found when no entry spells it "a.png".
    guard let position = annotationByFileName[fileName] ?? annotationByFileName["./" + fileName] else { return nil }
    if let id = annotations[position].imageID,
      let duplicate = duplicateFor[DuplicateKey(key: .annotationImageID, value: id.description)]
    {
      throw .duplicate(duplicate)
    }
    return position
  }

  /// The `file_name` under which this JSON lists the PNG at the absolute path `path` (its
  /// components), nil when it lists none of the path's tails. panopticapi joins `file_name`
  /// to the PNG folder, so a name may hold subfolders (`val/x.png`), and a bare name alone
  /// would miss it or, worse, find `x.png` of another folder. The path relative to `folder`
  /// (the JSON's own PNG folder, `NAME/` beside `NAME.json`) is asked first; then, for a JSON
  /// given with `--annotations` whose PNG folder cannot be known, the longest tail listed.
  public func listedFileName(forPath path: [String], folder: [String]?) -> String? {
    func listed(_ name: String) -> Bool {
      annotationByFileName[name] != nil || annotationByFileName["./" + name] != nil
    }
    if let folder, path.count > folder.count, path.starts(with: folder) {
      let relative = path[folder.count...].joined(separator: "/")
      if listed(relative) { return relative }
    }
    for start in path.indices {
      let tail = path[start...].joined(separator: "/")
      if listed(tail) { return tail }
    }
    return nil
  }

  /// Whether an annotation's `file_name` lies in the subfolder `folder` (`val`, `a/b`) of the
  /// PNG folder: a new PNG saved there belongs to this JSON, like the ones beside it.
  public func listsFile(inSubfolder folder: String) -> Bool {
    let prefix = folder + "/"
    return annotations.contains { entry in
      guard let name = entry.fileName else { return false }
      return name.hasPrefix(prefix) || name.hasPrefix("./" + prefix)
    }
  }

  /// The position of the annotation with `imageID`, nil when there is none.
  public func annotationPosition(forImageID imageID: COCOImageID) throws(COCOJSONError) -> Int? {
    if let duplicate = duplicateFor[DuplicateKey(key: .annotationImageID, value: imageID.description)] {
      throw .duplicate(duplicate)
    }
    return annotationByImageID[imageID]
  }

  /// The position of the `images` entry with `id`, nil when there is none.
  public func imagePosition(forID id: COCOImageID) throws(COCOJSONError) -> Int? {
    if let duplicate = duplicateFor[DuplicateKey(key: .imageID, value: id.description)] {
      throw .duplicate(duplicate)
    }
    return imageByID[id]
  }

  /// An integer id no annotation or image uses yet (max + 1), for new images
  /// whose name is not a number (issue 12: new ids never collide).
  public var nextFreeImageID: Int {
    var highest = 0
    for annotation in annotations { if let i = annotation.imageID?.intValue { highest = max(highest, i) } }
    for image in images { if let i = image.id?.intValue { highest = max(highest, i) } }
    return highest == Int.max ? highest : highest + 1
  }

  /// Names annotation `position` for messages.
  public func reference(annotationAt position: Int) -> COCOEntryReference {
    let entry = annotations[position]
    return COCOEntryReference(
      array: .annotations, position: position, label: COCOEntryReference.fileNameLabel(entry.fileName),
      byteOffset: entry.range.lowerBound)
  }

  /// Names image `position` for messages.
  public func reference(imageAt position: Int) -> COCOEntryReference {
    let entry = images[position]
    return COCOEntryReference(
      array: .images, position: position, label: entry.id.map { "id \($0)" }, byteOffset: entry.range.lowerBound)
  }

  /// Recomputes the lookup tables and the duplicate list from the records.
  mutating func rebuildLookups() {
    annotationByFileName = Dictionary(minimumCapacity: annotations.count)
    annotationByImageID = Dictionary(minimumCapacity: annotations.count)
    imageByID = Dictionary(minimumCapacity: images.count)
    imageByFileName = Dictionary(minimumCapacity: images.count)
    duplicates = []
    duplicateFor = [:]
    for position in annotations.indices { register(annotationAt: position) }
    for position in images.indices { register(imageAt: position) }
  }

  /// The index after a splice: `shifted` holds every record with its new
  /// range. When the identifying keys of the records already present did not
  /// change and there were no duplicates (whose messages carry byte offsets),
  /// the lookup tables are kept and only appended records are registered,
  /// so a save does not pay for rehashing 236 k names.
  func updated(
    byteCount: Int, root: Range<Int>, topLevel: [JSONMember], annotations: [Annotation], images: [Image]
  ) -> COCOIndex {
    var next = self
    next.byteCount = byteCount
    next.root = root
    next.topLevel = topLevel
    next.annotations = annotations
    next.images = images
    let keysKept =
      duplicates.isEmpty && annotations.count >= self.annotations.count && images.count >= self.images.count
      && zip(self.annotations, annotations).allSatisfy { $0.fileName == $1.fileName && $0.imageID == $1.imageID }
      && zip(self.images, images).allSatisfy { $0.id == $1.id && $0.fileName == $1.fileName }
    guard keysKept else {
      next.rebuildLookups()
      return next
    }
    for position in self.annotations.count..<annotations.count { next.register(annotationAt: position) }
    for position in self.images.count..<images.count { next.register(imageAt: position) }
    return next
  }

  private mutating func register(annotationAt position: Int) {
    let entry = annotations[position]
    if let name = entry.fileName, let first = annotationByFileName.updateValue(position, forKey: name) {
      annotationByFileName[name] = first
      note(.annotationFileName, quoted(name), reference(annotationAt: first), reference(annotationAt: position))
    }
    if let id = entry.imageID, let first = annotationByImageID.updateValue(position, forKey: id) {
      annotationByImageID[id] = first
      note(.annotationImageID, id.description, reference(annotationAt: first), reference(annotationAt: position))
    }
  }

  private mutating func register(imageAt position: Int) {
    let entry = images[position]
    if let id = entry.id, let first = imageByID.updateValue(position, forKey: id) {
      imageByID[id] = first
      note(.imageID, id.description, reference(imageAt: first), reference(imageAt: position))
    }
    if let name = entry.fileName, let first = imageByFileName.updateValue(position, forKey: name) {
      imageByFileName[name] = first
      note(.imageFileName, quoted(name), reference(imageAt: first), reference(imageAt: position))
    }
  }

  private mutating func note(
    _ key: COCODuplicate.Key, _ value: String, _ first: COCOEntryReference, _ second: COCOEntryReference
  ) {
    let duplicate = COCODuplicate(key: key, value: value, first: first, second: second)
    duplicates.append(duplicate)
    let lookupKey = DuplicateKey(key: key, value: value)
    if duplicateFor[lookupKey] == nil { duplicateFor[lookupKey] = duplicate }
  }
}
