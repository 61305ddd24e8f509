import PanopticModel

/// How a class-major file is read (`ClassMajorFormat`): its parameters come
/// from the flags, else from panoptty's tag, else the preset — and a preset
/// whose catalog panoptty does not have is refused naming `--classes`.
enum ClassMajorReading {
  static func parameters(
    preset: ClassMajorFormat.Preset, tag: FormatTag?, options: LabelFileOptions
  ) throws(PanopticError) -> (ClassMajorFormat, ClassCatalog) {
    let catalog = try catalog(preset: preset, tag: tag, options: options)
    let fmt = ClassMajorFormat(
      preset: preset, catalog: catalog, divisor: options.divisor ?? tag?.divisor,
      voidClass: options.voidClass ?? tag?.voidClass)
    try fmt.check(catalog: catalog)
    return (fmt, catalog)
  }

  /// `--classes`, else the catalog the tag names, else the preset's own.
  static func catalog(
    preset: ClassMajorFormat.Preset, tag: FormatTag?, options: LabelFileOptions
  ) throws(PanopticError) -> ClassCatalog {
    if let given = options.catalog { return given }
    if let name = tag?.catalog { return try OffsetReading.catalog(named: name, options: options) }
    guard let name = preset.defaultCatalog, let builtIn = ClassCatalog.builtIn(named: name) else {
      throw .usage(
        "\(preset.rawValue) files number VIPSeg's 124 classes, which panoptty has no built-in catalog for; pass --classes panoVIPSeg_categories.json (from the VIPSeg repository)")
    }
    return builtIn
  }

  /// Decodes a class-major PNG, after checking its colour type fits the preset.
  static func read(
    _ pv: consuming PixelValues, preset: ClassMajorFormat.Preset, options: LabelFileOptions
  ) throws(PanopticError) -> (DecodedLabels, ClassMajorFormat) {
    let tag = try FormatTag.parse(pv.text)
    let (fmt, catalog) = try parameters(preset: preset, tag: tag?.format == preset.format ? tag : nil, options: options)
    switch (fmt.packing, pv.storage) {
    case (.rgb, .rgb8), (.rgb, .rgba8), (.value, .gray8), (.value, .gray16): break
    case (.value, .rgb8), (.value, .rgba8):
      // panoptty's own widening of values over 65535 (tagged), or --format.
      break
    case (.rgb, _):
      throw .badLabels("a KITTI-STEP panoptic map is 8-bit RGB (R = class, G·256 + B = instance), not \(pv.storage.rawValue)")
    default:
      throw .badLabels("a \(preset.rawValue) map is a gray PNG, not \(pv.storage.rawValue)")
    }
    return (fmt.decode(pv, catalog: catalog), fmt)
  }
}
