/// The offset format: `value = instance × offset + class index`.
///
/// This is MMDetection's INSTANCE_OFFSET layout (offset 1000): the class is
/// the contiguous catalog index, instance ids are global per image, stuff has
/// instance 0, and a thing with instance 0 is its class's crowd region.
public struct OffsetFormat: Sendable, Hashable {
  public var offset: Int
  /// The class part that means void; defaults to the catalog size (133 for COCO).
  public var voidClass: Int

  public init(offset: Int = 1000, voidClass: Int) {
    self.offset = offset
    self.voidClass = voidClass
  }

  public init(catalog: ClassCatalog, offset: Int = 1000, voidClass: Int? = nil) {
    self.init(offset: offset, voidClass: voidClass ?? catalog.count)
  }

  /// How the values must be stored so that none is wrapped or truncated.
  public enum Storage: String, Sendable {
    /// Every value ≤ 65535.
    case gray16
    /// Wider values as 24-bit `R + 256·G + 65536·B`.
    case rgb24
  }

  /// The self-description stored in the PNG's `panoptty` tEXt chunk.
  public func textChunk(catalogName: String) -> String {
    FormatTag(format: .offset, offset: offset, voidClass: voidClass, catalog: catalogName).text
  }

  /// Checks the parameters against a catalog before any pixel is touched;
  /// `names` says what the user called them.
  public func check(catalog: ClassCatalog, names: FormatParameterNames = .reading) throws(PanopticError) {
    guard offset >= 2, offset <= FormatTag.maxOffset else {
      throw .usage("\(names.offset) \(offset) is out of range: the offset must be from 2 to \(FormatTag.maxOffset)")
    }
    guard catalog.count <= offset else {
      throw .cannotEncode(
        "the catalog has \(catalog.count) classes, more than the offset \(offset) can hold; use a larger \(names.offset)")
    }
    guard voidClass >= 0, voidClass < offset else {
      let fix = voidClass >= offset ? "; use a larger \(names.offset) or another \(names.void)" : ""
      throw .usage("\(names.void) \(voidClass) must be between 0 and \(offset - 1), below the offset \(offset)\(fix)")
    }
    guard voidClass >= catalog.count else {
      throw .usage(
        "\(names.void) \(voidClass) is the class \"\(catalog[voidClass].name)\"; void must be \(catalog.count) or more")
    }
  }

  /// The file value of one packed label.
  @inlinable
  public func value(of raw: UInt32) -> UInt64 {
    if PanopticLabel.isVoid(raw) { return UInt64(voidClass) }
    return UInt64(PanopticLabel.instancePart(raw)) * UInt64(offset) + UInt64(PanopticLabel.classPart(raw))
  }

  /// The narrowest lossless storage for a map (one pass, no copy).
  public func storage(for map: LabelMap) throws(PanopticError) -> Storage {
    var maxValue = UInt64(voidClass)
    map.pixels.withUnsafeBufferPointer { px in
      var last: UInt32 = .max
      for p in px where p != last {
        last = p
        maxValue = max(maxValue, value(of: p))
      }
    }
    if maxValue <= 0xFFFF { return .gray16 }
    if maxValue <= 0xFF_FFFF { return .rgb24 }
    throw .cannotEncode(
      "instance \(map.maxInstance) × offset \(offset) needs values above 16777215, more than a 24-bit PNG holds")
  }

  /// Encodes a map; returns the values and the narrowest lossless storage.
  public func encode(_ map: LabelMap) throws(PanopticError) -> (values: [UInt32], storage: Storage) {
    let storage = try storage(for: map)
    return (map.pixels.map { UInt32(truncatingIfNeeded: value(of: $0)) }, storage)
  }

  /// Decodes values; pixels whose class part is unknown become void and are
  /// reported, so `validate` can list them and other commands can refuse.
  /// The values buffer is reused for the labels (decoded in place), so a
  /// 4K map costs one 33 MB array, not two.
  public func decode(_ pv: consuming PixelValues, catalog: ClassCatalog) -> DecodedLabels {
    var tally = ProblemTally()
    let width = pv.width
    let height = pv.height
    var pixels = pv.values
    pv.values = []
    let off = UInt32(offset)
    let n = UInt32(catalog.count)
    let voidC = UInt32(voidClass)
    let isThing = catalog.classes.map(\.isThing)
    var instanceClass: [Int: Int] = [:]
    pixels.withUnsafeMutableBufferPointer { src in
      var last: UInt32 = .max
      var lastOut: UInt32 = PanopticLabel.voidClass
      for i in 0..<src.count {
        let v = src[i]
        if v == last {
          src[i] = lastOut
          continue
        }
        last = v
        let c = v % off
        let inst = v / off
        if c == voidC {
          lastOut = PanopticLabel.voidClass
        } else if c >= n {
          tally.add(
            "value \(v): class \(c) is not in the \(catalog.name) catalog (\(n) classes, void = \(voidClass))",
            x: i % width, y: i / width)
          lastOut = PanopticLabel.voidClass
          last = .max
        } else if inst > UInt32(PanopticLabel.maxInstance) {
          tally.add("value \(v): instance \(inst) is above 65535", x: i % width, y: i / width)
          lastOut = PanopticLabel.voidClass
          last = .max
        } else {
          if !isThing[Int(c)] && inst != 0 {
            tally.add(
              "value \(v): stuff class \"\(catalog[Int(c)].name)\" has instance \(inst) (stuff must be 0)",
              x: i % width, y: i / width)
            last = .max
          }
          if inst != 0 {
            if let other = instanceClass[Int(inst)], other != Int(c) {
              tally.add(
                "instance \(inst) is used by \"\(catalog[other].name)\" and \"\(catalog[Int(c)].name)\" (instance ids must be global)"
              )
            } else {
              instanceClass[Int(inst)] = Int(c)
            }
          }
          lastOut = PanopticLabel.pack(classIndex: c, instance: inst)
        }
        src[i] = lastOut
      }
    }
    return DecodedLabels(
      map: LabelMap(width: width, height: height, pixels: pixels), catalog: catalog,
      format: .offset, problems: tally.problems, problemCount: tally.total)
  }
}
