/// The class-major family: `value = class × divisor + instance`, the class in
/// the high part and instance ids counted **per class** (the reverse of the
/// offset format). One parametrised format with a preset per producer, so
/// DeepLab2, KITTI-STEP, VIPSeg and Cityscapes-DVPS differ only in values:
///
/// | preset | class part | divisor | void | thing instance 0 |
/// |---|---|---|---|---|
/// | class-major | contiguous catalog index | `--divisor` (1000) | catalog size (`--void`) | crowd |
/// | deeplab2 | Cityscapes trainId (else the catalog id) | `--divisor` (1000) | 255 (`--void`) | crowd |
/// | kitti-step | trainId in R, instance in G·256 + B | — | R = 255 | crowd |
/// | vipseg | catalog id + 1, stuff stored bare | 100 | 0 | the first instance |
/// | cityscapes-dvps | Cityscapes trainId | 1000 | 255 | crowd |
///
/// panoptty's labels use global instance ids, so reading numbers the
/// instances 1, 2, 3 … in order of (class part, file instance), and writing
/// gives each class its own count again, keeping the file instance a label
/// was read with (KITTI-STEP's are track ids, which must survive an edit).
public struct ClassMajorFormat: Sendable, Hashable {
  public enum Preset: String, Sendable, CaseIterable, Hashable {
    case classMajor = "class-major"
    case deeplab2
    case kittiStep = "kitti-step"
    case vipseg
    case cityscapesDVPS = "cityscapes-dvps"

    public var format: LabelFormat { LabelFormat(rawValue: rawValue)! }

    /// The built-in catalog a file of this preset uses when `--classes` is
    /// not given; nil when panoptty has none (VIPSeg's 124 classes).
    public var defaultCatalog: String? {
      switch self {
      case .classMajor: return "coco"
      case .deeplab2, .kittiStep, .cityscapesDVPS: return "cityscapes"
      case .vipseg: return nil
      }
    }

    /// Whether `--divisor` may change the divisor (the datasets fix theirs).
    public var divisorIsParameter: Bool { self == .classMajor || self == .deeplab2 }
  }

  /// How a file's class part names a catalog class.
  public enum ClassNumbering: Sendable, Hashable {
    /// The contiguous catalog index (training ids of the catalog's order).
    case index
    /// The Cityscapes trainId (KITTI-STEP, Cityscapes-DVPS); a catalog
    /// without trainIds is refused, never numbered some other way.
    case trainID
    /// The catalog's dataset id plus `shift` (VIPSeg's raw masks store
    /// category id + 1, keeping 0 for void).
    case id(shift: Int)
    /// DeepLab2: the trainId when the catalog has them (Cityscapes), else
    /// the dataset id of `--classes FILE`.
    case trainIDOrID
  }

  /// Where the two parts live in the pixel.
  public enum Packing: String, Sendable, Hashable {
    /// One integer: 16-bit gray, widened to 24-bit RGB when values need it.
    case value
    /// KITTI-STEP: R = class, G = instance / 256, B = instance % 256.
    case rgb
  }

  public var preset: Preset
  public var divisor: Int
  /// The class part that means void.
  public var voidClass: Int
  public var numbering: ClassNumbering
  public var packing: Packing
  /// DeepLab2's rule: a thing pixel with instance 0 is its class's crowd
  /// region. VIPSeg counts instances from 0 and has no crowd.
  public var crowdAtZero: Bool
  /// VIPSeg: values below this are a bare class id (stuff), not class × divisor.
  public var bareBelow: Int?

  /// The preset's parameters; `divisor` and `voidClass` override them where
  /// the preset allows (`check` refuses the rest).
  public init(preset: Preset, catalog: ClassCatalog, divisor: Int? = nil, voidClass: Int? = nil) {
    self.preset = preset
    switch preset {
    case .classMajor:
      (self.divisor, self.voidClass, numbering) = (divisor ?? 1000, voidClass ?? catalog.count, .index)
      (packing, crowdAtZero, bareBelow) = (.value, true, nil)
    case .deeplab2:
      (self.divisor, self.voidClass, numbering) = (divisor ?? 1000, voidClass ?? 255, .trainIDOrID)
      (packing, crowdAtZero, bareBelow) = (.value, true, nil)
    case .cityscapesDVPS:
      (self.divisor, self.voidClass, numbering) = (divisor ?? 1000, voidClass ?? 255, .trainID)
      (packing, crowdAtZero, bareBelow) = (.value, true, nil)
    case .kittiStep:
      (self.divisor, self.voidClass, numbering) = (divisor ?? 65536, voidClass ?? 255, .trainID)
      (packing, crowdAtZero, bareBelow) = (.rgb, true, nil)
    case .vipseg:
      (self.divisor, self.voidClass, numbering) = (divisor ?? 100, voidClass ?? 0, .id(shift: 1))
      let largest = catalog.classes.map(\.id).max() ?? 0
      (packing, crowdAtZero, bareBelow) = (.value, false, largest + 2)
    }
  }

  /// Checks the parameters before any pixel is touched; `names` says what the user called them.
  public func check(catalog: ClassCatalog, names: FormatParameterNames = .reading) throws(PanopticError) {
    let fixed: Int = preset == .vipseg ? 100 : preset == .kittiStep ? 65536 : 1000
    if !preset.divisorIsParameter && divisor != fixed {
      throw .usage("\(preset.rawValue) always uses divisor \(fixed); \(names.divisor) is for class-major and deeplab2")
    }
    guard divisor >= 2, divisor <= FormatTag.maxOffset else {
      throw .usage("\(names.divisor) \(divisor) is out of range: the divisor must be from 2 to \(FormatTag.maxOffset)")
    }
    guard voidClass >= 0, voidClass <= (packing == .rgb ? 255 : FormatTag.maxOffset / divisor) else {
      throw .usage(
        "\(names.void) \(voidClass) does not fit the \(preset.rawValue) class part (0 to \(packing == .rgb ? 255 : FormatTag.maxOffset / divisor))")
    }
    if numbering == .trainID && !catalog.hasTrainIDs {
      throw .usage(
        "\(preset.rawValue) numbers classes by Cityscapes trainId (0-18); the \(catalog.name) catalog has none, so pass --classes cityscapes")
    }
    if let c = classIndices(catalog)[voidClass] {
      throw .usage("--void \(voidClass) is the class \"\(catalog[c].name)\" in \(preset.rawValue) numbering; pick a free class part")
    }
  }

  /// The class part of a catalog class, or nil when this numbering has none
  /// for it (a Cityscapes class with trainId 255, such as "parking").
  public func classPart(of index: Int, in catalog: ClassCatalog) -> Int? {
    switch numbering {
    case .index: return index
    case .id(let shift): return catalog[index].id + shift
    case .trainID, .trainIDOrID:
      guard catalog.hasTrainIDs else { return numbering == .trainID ? nil : catalog[index].id }
      guard let t = catalog[index].trainID, t >= 0, t != 255 else { return nil }
      return t
    }
  }

  /// Class part → catalog index, for every class this numbering can name.
  public func classIndices(_ catalog: ClassCatalog) -> [Int: Int] {
    var table: [Int: Int] = [:]
    for i in catalog.classes.indices {
      if let p = classPart(of: i, in: catalog), table[p] == nil { table[p] = i }
    }
    return table
  }

  /// The folded pixel value (gray, or `R + 256·G + 65536·B`) of a class
  /// part and instance; instance nil = VIPSeg's bare class id (its stuff).
  @inlinable
  public func value(classPart c: Int, instance k: Int?) -> UInt64 {
    switch packing {
    case .value:
      guard let k else { return bareBelow != nil ? UInt64(c) : UInt64(c) * UInt64(divisor) }
      return UInt64(c) * UInt64(divisor) + UInt64(k)
    case .rgb:
      let k = k ?? 0
      return UInt64(c) | UInt64(k >> 8) << 8 | UInt64(k & 0xFF) << 16
    }
  }

  /// The value void is written as.
  public var voidValue: UInt64 { value(classPart: voidClass, instance: bareBelow != nil ? nil : 0) }

  /// A folded pixel value split into (class part, instance); instance nil
  /// for VIPSeg's bare class ids.
  @inlinable
  public func parts(of v: UInt32) -> (classPart: Int, instance: Int?) {
    switch packing {
    case .value:
      if let bare = bareBelow, Int(v) < bare { return (Int(v), nil) }
      return (Int(v) / divisor, Int(v) % divisor)
    case .rgb:
      return (Int(v & 0xFF), Int((v >> 8) & 0xFF) << 8 | Int(v >> 16))
    }
  }

  /// The largest instance a class can number.
  public var maxInstance: Int { packing == .rgb ? 0xFFFF : divisor - 1 }

  /// The self-description stored in the PNG's `panoptty` tEXt chunk.
  public func tag(catalogName: String) -> FormatTag {
    FormatTag(format: preset.format, voidClass: voidClass, catalog: catalogName, divisor: divisor)
  }
}

extension ClassCatalog {
  /// Whether the catalog carries Cityscapes trainIds (the built-in one does).
  public var hasTrainIDs: Bool { classes.contains { $0.trainID != nil } }
}
