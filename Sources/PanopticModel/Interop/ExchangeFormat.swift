/// The annotation tools' own formats `convert` reads (`--from`) and writes
/// (`--to`): how labels arrive from the tools people label in today, and go
/// back to them. They are not label maps, so they live beside `LabelFormat`:
/// the editor never opens or saves them.
public enum ExchangeFormat: String, Sendable, CaseIterable, Hashable {
  /// Label Studio JSON export, brush results with `format: "rle"`.
  case labelStudio = "label-studio"
  /// labelme JSON: polygons, `group_id` = instance.
  case labelme
  /// CVAT "Segmentation mask 1.1": `labelmap.txt` + class and object PNGs.
  case cvat

  /// Whether `convert --from` reads it.
  public var canRead: Bool { true }
  /// Whether `convert --to` writes it (all of them; labelme with the
  /// differing pixels reported, as its polygons have no holes).
  public var canWrite: Bool { true }
}

/// A label map built from another tool's annotations, with what a user
/// should know about how it was built (overlaps resolved, results skipped).
public struct ImportedLabels: Sendable {
  public var map: LabelMap
  public var catalog: ClassCatalog
  /// One line each; printed on stderr by `convert`.
  public var notes: [String]

  public init(map: LabelMap, catalog: ClassCatalog, notes: [String]) {
    self.map = map
    self.catalog = catalog
    self.notes = notes
  }
}

/// Building a label map from shapes, masks or polygons, one segment at a
/// time, with the rules every importer shares: class names are matched
/// exactly (never by prefix: a typo must not become another class), thing
/// segments get global instance ids in the order they come, stuff segments
/// of one class merge, and where two segments overlap the later one wins and
/// the overlap is counted, so the result is the same on every run.
public struct SegmentPainter: Sendable {
  public private(set) var map: LabelMap
  public let catalog: ClassCatalog
  private var nextInstance = 1
  /// Pixels painted over a different, earlier label.
  public private(set) var overlapPixels = 0
  /// Painted labels with a description of where they came from, in order.
  private var painted: [(label: PanopticLabel, source: String)] = []

  public init(width: Int, height: Int, catalog: ClassCatalog) {
    self.map = LabelMap(width: width, height: height)
    self.catalog = catalog
  }

  /// The catalog index of `name`: exact, case-insensitive, `_` = space.
  public func classIndex(named name: String) throws(PanopticError) -> Int {
    let key = Self.normalised(name)
    if let i = catalog.classes.firstIndex(where: { Self.normalised($0.name) == key }) { return i }
    let hint = catalog.suggestions(for: name, limit: 3)
    throw .badLabels(
      "class \"\(name)\" is not in the \(catalog.name) catalog"
        + (hint.isEmpty ? "; name a catalog with --classes" : " (did you mean \(hint.joined(separator: ", "))?)"))
  }

  private static func normalised(_ s: String) -> String {
    String(s.lowercased().map { $0 == "_" ? " " : $0 })
  }

  /// The label for a new segment of class `index`: a fresh instance for a
  /// thing (or its crowd region when `crowd`), the class region for stuff.
  public mutating func newLabel(classIndex index: Int, crowd: Bool = false) throws(PanopticError) -> PanopticLabel {
    guard catalog[index].isThing, !crowd else { return PanopticLabel(classIndex: index) }
    guard let label = PanopticLabel.checked(classIndex: index, instance: nextInstance) else {
      throw .cannotEncode("more than \(PanopticLabel.maxInstance) thing segments in one image")
    }
    nextInstance += 1
    return label
  }

  /// Paints `label` on every pixel whose flag in `mask` (row-major, one per
  /// pixel) is nonzero; `source` names the segment in notes.
  public mutating func paint(_ label: PanopticLabel, mask: [UInt8], source: String) {
    let raw = label.raw
    var overlaps = 0
    map.pixels.withUnsafeMutableBufferPointer { px in
      for i in 0..<min(mask.count, px.count) where mask[i] != 0 {
        if px[i] != raw && !PanopticLabel.isVoid(px[i]) { overlaps += 1 }
        px[i] = raw
      }
    }
    overlapPixels += overlaps
    painted.append((label, source))
  }

  /// Paints `label` over a region (a rasterised shape).
  public mutating func paint(_ label: PanopticLabel, region: Region, source: String) {
    let raw = label.raw, w = map.width, h = map.height
    var overlaps = 0
    map.pixels.withUnsafeMutableBufferPointer { px in
      region.forEachRun { y, x0, x1 in
        let lo = max(0, x0), hi = min(w - 1, x1)
        guard y >= 0, y < h, lo <= hi else { return }
        for x in lo...hi {
          let i = y * w + x
          if px[i] != raw && !PanopticLabel.isVoid(px[i]) { overlaps += 1 }
          px[i] = raw
        }
      }
    }
    overlapPixels += overlaps
    painted.append((label, source))
  }

  /// What happened that the user should hear about: overlaps and segments
  /// that ended up empty or entirely hidden by later ones.
  public func notes(segmentWord: String) -> [String] {
    var out: [String] = []
    if overlapPixels > 0 {
      out.append("\(overlapPixels) pixels are covered by more than one \(segmentWord): the later one kept (drawn on top)")
    }
    var present = Set<UInt32>()
    for v in map.pixels where !PanopticLabel.isVoid(v) { present.insert(v) }
    var seen = Set<UInt32>()
    for (label, source) in painted where !present.contains(label.raw) {
      guard seen.insert(label.raw).inserted else { continue }
      out.append("\(source) (\(catalog.describe(label))) has no pixels left: empty, or hidden by later \(segmentWord)s")
    }
    return out
  }
}
