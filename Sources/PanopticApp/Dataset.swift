import PanopticIO
import PanopticModel

/// A folder of photos labelled one by one: `photo.jpg` with its
/// `photo_labels.png` beside it (what `panoptty edit photo.jpg` makes).
public struct Dataset: Sendable {
  public struct Item: Sendable, Hashable {
    public var photo: String
    public var labels: String
    /// The photo's file name, the key of the status file.
    public var name: String
    /// The COCO JSON the labels belong to (COCO datasets), else nil.
    public var annotations: String? = nil
  }

  /// Where the photos and labels come from; decides the labels' format
  /// for new files and what a "problem" is.
  public enum Kind: Sendable, Equatable {
    /// `photo.jpg` + `photo_labels.png` side by side.
    case photos
    /// A COCO panoptic JSON and its PNG folder.
    case coco
    /// A Cityscapes split or city (`leftImg8bit/` + `gtFine/`).
    case cityscapes
  }

  /// Where the status file is kept.
  public let folder: String
  public let items: [Item]
  public let kind: Kind

  init(folder: String, items: [Item], kind: Kind) {
    self.folder = folder
    self.items = items
    self.kind = kind
  }

  /// Whether `edit PATH` means dataset mode: a folder, a JSON, or a place
  /// in a Cityscapes tree (`gtFine/val` may not exist before the first save).
  public static func isDataset(_ path: String) -> Bool {
    if FileStatus.of(path)?.isDirectory == true || path.lowercased().hasSuffix(".json") { return true }
    return FileStatus.of(path) == nil && ((try? CityscapesPaths.of(trimmed(path))) ?? nil) != nil
  }

  /// The dataset `path` names: a COCO panoptic JSON (photos in `images`),
  /// a Cityscapes split or city, or a plain folder of photos. One place
  /// decides, so `edit` and `status` always agree.
  public static func open(_ path: String, images: String?, shard: Shard?) throws(AppFailure) -> Dataset {
    if path.lowercased().hasSuffix(".json") {
      guard let images else { throw AppFailure("\(path): a COCO dataset JSON needs --images DIR, the folder of its photos", status: ExitStatus.usage) }
      return try Dataset(cocoJSON: path, images: images, shard: shard)
    }
    guard images == nil else {
      throw AppFailure("--images is for a COCO dataset JSON; \(path) is a folder, whose photos are in it", status: ExitStatus.usage)
    }
    // By the path's shape, not its existence: `gtFine/val` need not exist
    // before the first label is saved, as long as `leftImg8bit/val` does.
    if FileStatus.of(path).map({ $0.isDirectory }) ?? true, try CityscapesPaths.of(trimmed(path)) != nil {
      return try Dataset(cityscapes: path, shard: shard)
    }
    return try Dataset(folder: path, shard: shard)
  }

  static let photoExtensions = ["jpg", "jpeg", "png"]

  /// The photos of `folder` in name order; `shard` (K of N, 1-based) keeps
  /// every N-th from the K-th, so N machines or annotators split a folder
  /// without talking to each other.
  public init(folder: String, shard: Shard? = nil) throws(AppFailure) {
    guard let st = FileStatus.of(folder), st.isDirectory else { throw AppFailure("\(folder): not a folder") }
    self.folder = folder
    let names = Folders.entries(folder).filter { name in
      let lower = name.lowercased()
      guard !name.hasPrefix("."), let ext = lower.split(separator: ".").last.map(String.init) else { return false }
      return Self.photoExtensions.contains(ext) && !lower.hasSuffix("_labels.png") && !lower.hasSuffix("_labels.png.png")
    }.sorted()
    var items = names.map { name in
      Item(photo: folder + "/" + name, labels: folder + "/" + FileNames.deletingExtension(name) + "_labels.png", name: name)
    }
    if let shard { items = shard.select(items) }
    guard !items.isEmpty else {
      throw AppFailure("\(folder): no photos (.jpg, .jpeg, .png that are not *_labels.png)\(shard.map { " in shard \($0)" } ?? "")")
    }
    self.items = items
    kind = .photos
  }

  /// A COCO panoptic dataset: the photos named by `images[]` (found in
  /// `images`), their label PNGs in the JSON's sibling folder of the same
  /// stem (panopticapi's layout), new ones named after the photo. The status
  /// file sits in that label folder.
  public init(cocoJSON json: String, images: String, shard: Shard? = nil) throws(AppFailure) {
    guard let st = FileStatus.of(images), st.isDirectory else { throw AppFailure("\(images): not a folder (--images names the photos' folder)") }
    let entries: [COCODatasetListing.Entry]
    do {
      entries = try COCODatasetListing.entries(json: json)
    } catch {
      throw AppFailure(error, file: json)
    }
    let labelFolder = FileNames.deletingExtension(json)
    do {
      try Folders.create(labelFolder)
    } catch {
      throw AppFailure(error, file: labelFolder)
    }
    folder = labelFolder
    // Names come from a file anyone may have written: a name that climbs
    // out of the folders (`..`, `/`) would read or write elsewhere.
    for e in entries {
      for name in [e.photo, e.labels].compactMap({ $0 }) where name.contains("/") || name.hasPrefix(".") {
        throw AppFailure("\(json): the file name \"\(name)\" is not a plain name in its folder; panoptty reads and writes only inside --images and \(labelFolder)/")
      }
    }
    var items = entries.map { e in
      Item(
        photo: images + "/" + e.photo, labels: labelFolder + "/" + (e.labels ?? FileNames.deletingExtension(e.photo) + ".png"),
        name: e.photo, annotations: json)
    }
    if let shard { items = shard.select(items) }
    guard !items.isEmpty else { throw AppFailure("\(json): no images listed\(shard.map { " in shard \($0)" } ?? "")") }
    self.items = items
    kind = .coco
  }

  /// Whether item `i` still needs work: nobody has marked it done,
  /// skipped or for review (the status file is the team's word on it).
  public func isTodo(_ i: Int, status: [String: DatasetStatusFile.Entry]) -> Bool {
    guard let state = status[items[i].name]?.state else { return true }
    return !ImageStateName.finished.contains(state)
  }
}

/// The names the status file uses (the editor's `mark` values).
enum ImageStateName {
  static let done = "done"
  /// States that take an image off the to-do list.
  static let finished: Set<String> = ["done", "skipped", "review"]
}
