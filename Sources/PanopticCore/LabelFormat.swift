/// The on-disk label formats panoptty reads and writes.
public enum LabelFormat: String, Sendable, CaseIterable, Hashable {
  /// value = instance × offset + class index; 16-bit gray, widened to RGB.
  case offset
  /// COCO panoptic: RGB segment ids + `segments_info` JSON.
  case coco
  /// panopticapi's 2-channel PNG: R = category id, G = instance (read only).
  case coco2ch = "coco-2ch"
  /// Cityscapes `*_instanceIds.png`: labelId × 1000 + per-class index.
  case cityscapes

  public var canWrite: Bool { self != .coco2ch }
}

/// The pixel values of a decoded PNG, folded to one integer per pixel:
/// gray as is, RGB as `R + 256·G + 65536·B` (COCO's rgb2id).
public struct PixelValues: Sendable, Hashable {
  public enum Storage: String, Sendable, Hashable {
    case gray8, gray16, rgb8, rgba8, other
  }

  public var width: Int
  public var height: Int
  public var values: [UInt32]
  public var storage: Storage
  /// Contents of the `panoptty` tEXt chunk, "" when absent.
  public var text: String

  public init(width: Int, height: Int, values: [UInt32], storage: Storage, text: String = "") {
    self.width = width
    self.height = height
    self.values = values
    self.storage = storage
    self.text = text
  }
}

/// One thing wrong with a label file, with how many pixels or segments show it.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A decoded label file: the map, the catalog it indexes, and every rule the
/// file broke (empty for a clean file).
public struct DecodedLabels: Sendable {
  public var map: LabelMap
  public var catalog: ClassCatalog
  public var format: LabelFormat
  public var problems: [Problem]
  /// The id each label had in the file (COCO segment id, Cityscapes value,
  /// 2-channel R + 256·G), so `info` can show what the file says.
  public var fileIDs: [UInt32: Int]

  public init(
    map: LabelMap, catalog: ClassCatalog, format: LabelFormat, problems: [Problem] = [],
    fileIDs: [UInt32: Int] = [:]
  ) {
    self.map = map
    self.catalog = catalog
    self.format = format
    self.problems = problems
    self.fileIDs = fileIDs
  }
}

extension PixelValues {
  /// The distinct values, found with one compare per pixel (runs are skipped).
  func distinctValues() -> Set<UInt32> {
    var distinct = Set<UInt32>()
    var last: UInt32 = .max
    for v in values where v != last {
      last = v
      distinct.insert(v)
    }
    return distinct
  }
}

extension DecodedLabels {
  /// The end of every table-driven decoder: each value is replaced by its
  /// label in place (unmapped values become void), reusing the decoded buffer.
  static func remapping(
    _ pv: consuming PixelValues, _ mapping: [UInt32: UInt32], catalog: ClassCatalog, format: LabelFormat,
    problems: [Problem]
  ) -> DecodedLabels {
    let width = pv.width
    let height = pv.height
    var pixels = pv.values
    pv.values = []
    remap(&pixels, mapping)
    return DecodedLabels(
      map: LabelMap(width: width, height: height, pixels: pixels), catalog: catalog, format: format,
      problems: problems, fileIDs: Dictionary(mapping.map { ($0.value, Int($0.key)) }, uniquingKeysWith: min))
  }

  /// Replaces every value by its mapping (void when unmapped), in place.
  static func remap(_ pixels: inout [UInt32], _ mapping: [UInt32: UInt32]) {
    pixels.withUnsafeMutableBufferPointer { px in
      var last: UInt32 = .max
      var lastOut = PanopticLabel.voidClass
      for i in 0..<px.count {
        let v = px[i]
        if v != last {
          last = v
          lastOut = mapping[v] ?? PanopticLabel.voidClass
        }
        px[i] = lastOut
      }
    }
  }
}

/// Collects problems by kind so a million bad pixels make one line, not a
/// million. At most `limit` different problems are kept: a hostile file with
/// millions of distinct bad values must not cost gigabytes of messages (the
/// PNG fuzzer found exactly that).
struct ProblemTally {
  static let limit = 50
  private var order: [String] = []
  private var counts: [String: Int] = [:]
  private var examples: [String: (Int, Int)] = [:]
  private var unlisted = 0

  mutating func add(_ key: String, x: Int = -1, y: Int = -1, count: Int = 1) {
    if counts[key] == nil {
      guard order.count < Self.limit else {
        unlisted += 1
        return
      }
      order.append(key)
      examples[key] = (x, y)
    }
    counts[key, default: 0] += count
  }

  var problems: [Problem] {
    let listed = order.map { key in
      let n = counts[key] ?? 0
      let (x, y) = examples[key] ?? (-1, -1)
      var s = key
      if x >= 0 { s += " (\(n) pixel\(n == 1 ? "" : "s"), first at x=\(x) y=\(y))" }
      return Problem(s)
    }
    return unlisted == 0 ? listed : listed + [Problem("… and \(unlisted) more problems of these kinds, not listed")]
  }
}
