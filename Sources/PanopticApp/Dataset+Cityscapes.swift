import PanopticIO
import PanopticModel

/// Cityscapes keeps photos and labels in two parallel trees,
/// `leftImg8bit/SPLIT/CITY/X_leftImg8bit.png` and
/// `gtFine/SPLIT/CITY/X_gtFine_instanceIds.png`; either tree (a split or one
/// city of it) opens the same dataset.
extension Dataset {
  /// The two roots of a Cityscapes path, found by the tree names in it.
  struct CityscapesPaths: Equatable {
    /// `…/leftImg8bit/SPLIT[/CITY]`: where the photos are walked.
    var photos: String
    /// `…/gtFine/SPLIT[/CITY]`: the same place in the label tree.
    var labels: String
    /// `…/gtFine/SPLIT`: the status file lives here whichever city is open,
    /// so a team opening cities and whole splits shares one file.
    var statusFolder: String
    /// `CITY/` inside one city, "" when a whole split is open (its walk
    /// already yields `CITY/NAME`): names are always relative to the split.
    var namePrefix: String

    static let photoTree = "leftImg8bit"
    static let labelTrees = ["gtFine", "gtCoarse"]
    static let photoSuffix = "_leftImg8bit.png"

    /// nil when `path` is not inside a Cityscapes tree; throws when it is the
    /// tree itself (which split?) or deeper than a city.
    static func of(_ path: String) throws(AppFailure) -> CityscapesPaths? {
      let parts = path.split(separator: "/").map(String.init)
      guard let i = parts.lastIndex(where: { $0 == photoTree || labelTrees.contains($0) }) else { return nil }
      let labelTree = parts[i] == photoTree ? "gtFine" : parts[i]
      let lead = path.hasPrefix("/") ? "/" : ""
      func join(_ p: [String]) -> String { lead + p.joined(separator: "/") }
      let below = parts.count - i - 1
      guard below >= 1 else {
        let splits = Folders.entries(path).filter { FileStatus.of(path + "/" + $0)?.isDirectory == true }.sorted()
        throw AppFailure(
          "\(path) holds Cityscapes splits; open one: "
            + (splits.isEmpty ? "\(path)/val" : splits.map { "\(path)/\($0)" }.joined(separator: ", ")))
      }
      guard below <= 2 else {
        throw AppFailure("\(path): a Cityscapes tree is TREE/SPLIT/CITY; open a split or a city folder")
      }
      var photos = parts, labels = parts
      photos[i] = photoTree
      labels[i] = labelTree
      return CityscapesPaths(
        photos: join(photos), labels: join(labels), statusFolder: join(Array(labels[...(i + 1)])),
        namePrefix: below == 2 ? parts[i + 2] + "/" : "")
    }
  }

  /// A Cityscapes split or city: every `*_leftImg8bit.png` under the photo
  /// tree, labelled by the `*_gtFine_instanceIds.png` at the same place in
  /// the label tree (created in the Cityscapes format and catalog when
  /// missing). Names in the status file are `CITY/PHOTO`.
  public init(cityscapes path: String, shard: Shard? = nil) throws(AppFailure) {
    guard let paths = try CityscapesPaths.of(Self.trimmed(path)) else {
      throw AppFailure("\(path): not inside a Cityscapes tree (leftImg8bit/ or gtFine/)")
    }
    guard FileStatus.of(paths.photos)?.isDirectory == true else {
      throw AppFailure("\(path): no Cityscapes photos at \(paths.photos) (leftImg8bit/ beside gtFine/)")
    }
    let labelTree = paths.labels.split(separator: "/").reversed().first { CityscapesPaths.labelTrees.contains(String($0)) }
    let labelSuffix = "_\(labelTree.map(String.init) ?? "gtFine")_instanceIds.png"
    let root = paths.photos.hasSuffix("/") ? String(paths.photos.dropLast()) : paths.photos
    var items: [Item] = []
    for file in Folders.files(under: root) where file.hasSuffix(CityscapesPaths.photoSuffix) {
      let relative = String(file.dropFirst(root.count + 1))
      // Only SPLIT/CITY/file or CITY/file: a deeper file is not Cityscapes'.
      guard relative.split(separator: "/").count <= (paths.namePrefix.isEmpty ? 2 : 1) else { continue }
      let stem = String(relative.dropLast(CityscapesPaths.photoSuffix.count))
      items.append(
        Item(photo: file, labels: paths.labels + "/" + stem + labelSuffix, name: paths.namePrefix + relative))
    }
    items.sort { $0.name < $1.name }
    if let shard { items = shard.select(items) }
    guard !items.isEmpty else {
      throw AppFailure("\(paths.photos): no *_leftImg8bit.png photos\(shard.map { " in shard \($0)" } ?? "")")
    }
    self.init(folder: paths.statusFolder, items: items, kind: .cityscapes)
  }

  static func trimmed(_ path: String) -> String {
    var p = path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p
  }
}
