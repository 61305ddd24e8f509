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
  }

  public let folder: String
  public let items: [Item]

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
  }

  /// Whether item `i` still needs work: no label file, or not marked done.
  public func isTodo(_ i: Int, status: [String: DatasetStatusFile.Entry]) -> Bool {
    FileStatus.of(items[i].labels) == nil || status[items[i].name]?.state != ImageStateName.done
  }
}

/// The names the status file uses (the editor's `mark` values).
enum ImageStateName {
  static let done = "done"
}
