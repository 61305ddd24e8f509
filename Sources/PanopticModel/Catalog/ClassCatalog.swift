/// Whether a class is counted in instances (a *thing*) or not (*stuff*).
public enum ClassKind: String, Sendable, Hashable, Codable {
  case thing
  case stuff
}

/// One class of a catalog. Its contiguous index is its position in the catalog.
public struct ClassInfo: Hashable, Sendable {
  /// The dataset's own id (COCO category id, Cityscapes labelId); files that
  /// carry dataset ids (COCO JSON, Cityscapes, 2-channel) use this one.
  public var id: Int
  public var name: String
  public var kind: ClassKind
  public var color: RGB
  public var supercategory: String
  /// Cityscapes: the training id (255 = ignored); nil for other catalogs.
  public var trainID: Int?
  /// Cityscapes: excluded from evaluation.
  public var ignoreInEval: Bool

  public init(
    id: Int, name: String, kind: ClassKind, color: RGB, supercategory: String = "",
    trainID: Int? = nil, ignoreInEval: Bool = false
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.color = color
    self.supercategory = supercategory
    self.trainID = trainID
    self.ignoreInEval = ignoreInEval
  }

  public var isThing: Bool { kind == .thing }
}

/// An ordered list of classes. Label maps store contiguous indices into it,
/// so that the offset format's class part is small and dataset-independent.
public struct ClassCatalog: Hashable, Sendable {
  public var name: String
  public var classes: [ClassInfo]
  private var indexByID: [Int: Int]

  public init(name: String, classes: [ClassInfo]) {
    self.name = name
    self.classes = classes
    var byID: [Int: Int] = [:]
    for (i, c) in classes.enumerated() where byID[c.id] == nil { byID[c.id] = i }
    self.indexByID = byID
  }

  @inlinable public var count: Int { classes.count }

  @inlinable public subscript(index: Int) -> ClassInfo { classes[index] }

  /// Contiguous index of a dataset id (COCO category id, Cityscapes labelId).
  public func index(ofID id: Int) -> Int? { indexByID[id] }

  /// Finds a class by contiguous index ("3"), exact name ("car"), or a unique
  /// name prefix ("traf" → traffic light), case-insensitively.
  public func resolve(_ text: String) -> Int? {
    if let n = Int(text), n >= 0, n < classes.count { return n }
    // `_` stands for a space in what is typed (words are space-separated),
    // and matches either in a name (a custom catalog may name a class `x_y`).
    if let exact = classes.firstIndex(where: { $0.name.lowercased() == text.lowercased() }) { return exact }
    let key = Self.typed(text)
    if let exact = classes.firstIndex(where: { Self.typed($0.name) == key }) { return exact }
    let prefixed = classes.indices.filter { Self.typed(classes[$0].name).hasPrefix(key) }
    return prefixed.count == 1 ? prefixed[0] : nil
  }

  /// A name as compared with what is typed: lower case, `_` as a space.
  static func typed(_ name: String) -> String { String(name.lowercased().map { $0 == "_" ? " " : $0 }) }

  /// The names `builtIn(named:)` knows, for help texts and completion.
  public static let builtInNames = ["coco", "cityscapes", "ade20k", "mapillary"]

  /// The built-in catalog with this name, if any (`mapillary-v2` is
  /// another name for `mapillary`).
  public static func builtIn(named name: String) -> ClassCatalog? {
    switch name.lowercased() {
    case "coco": return .coco
    case "cityscapes": return .cityscapes
    case "ade20k": return .ade20k
    case "mapillary", "mapillary-v2": return .mapillary
    default: return nil
    }
  }

  /// Why a packed value is not a label of this catalog, or nil when it is:
  /// void, a known class, and no instance on a stuff class. Used to vet
  /// values that come from outside (the crash journal) before they are applied.
  public func problem(withLabel raw: UInt32) -> String? {
    if PanopticLabel.isVoid(raw) { return nil }
    let c = Int(PanopticLabel.classPart(raw))
    guard c < classes.count else { return "class index \(c) is not in the \(name) catalog (\(classes.count) classes)" }
    if !classes[c].isThing && PanopticLabel.instancePart(raw) != 0 {
      return "stuff class \"\(classes[c].name)\" has instance \(PanopticLabel.instancePart(raw))"
    }
    return nil
  }

  /// How a label reads to a person: `car #3`, `car crowd`, `road`, `void`.
  public func describe(_ label: PanopticLabel) -> String {
    if label.isVoid { return "void" }
    guard label.classIndex < classes.count else { return "class \(label.classIndex)?" }
    let c = classes[label.classIndex]
    if !c.isThing { return c.name }
    return label.instance == 0 ? "\(c.name) crowd" : "\(c.name) #\(label.instance)"
  }
}
