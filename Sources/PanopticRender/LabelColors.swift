import PanopticModel

/// Label colours: the catalog colour, or for instances a deterministic
/// variation of it so that two touching cars differ.
public struct LabelColors: Sendable {
  public var colorBy: ColorBy
  /// Class colours by index, copied once: a frame asks for a colour at every
  /// change of label, and a catalog lookup would copy a whole `ClassInfo`.
  private let classColors: [RGB]

  public init(catalog: ClassCatalog, colorBy: ColorBy) {
    classColors = catalog.classes.map(\.color)
    self.colorBy = colorBy
  }

  public func color(_ label: PanopticLabel) -> RGB {
    if label.isVoid { return RGB(0, 0, 0) }
    let idx = label.classIndex
    let base = idx < classColors.count ? classColors[idx] : RGB(255, 0, 255)
    guard colorBy == .instance, label.instance > 0 else { return base }
    // SplitMix-style hash of the instance id → shifts of up to ±48 a channel.
    var h = UInt64(label.instance) &* 0x9E37_79B9_7F4A_7C15
    h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 27
    func shift(_ v: UInt8, _ bits: UInt64) -> UInt8 {
      let d = Int(bits & 0x3F) - 32
      let s = d >= 0 ? d + 16 : d - 16
      return UInt8(clamping: Int(v) + s)
    }
    return RGB(shift(base.r, h), shift(base.g, h >> 8), shift(base.b, h >> 16))
  }
}
