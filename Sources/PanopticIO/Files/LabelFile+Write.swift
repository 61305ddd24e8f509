import PanopticModel
import SystemPackage

extension LabelFile {
  /// Encodes `map` in `format` and writes it atomically (and, for COCO, the
  /// JSON beside it, as one commit). Nothing is written when encoding fails.
  ///
  /// COCO only: `photo` is the photo being labelled, whose name a new
  /// `images` entry records (nil: `STEM.jpg`, or what the entry says);
  /// `keepingIDs` (label → id, the `fileIDs` the file was read with) keeps
  /// every still-present segment's id; `imageID` is the `image_id` of a
  /// new entry (nil: derived from the PNG's name, see `COCOEntryEdit.newImageID`).
  ///
  /// Cityscapes and the class-major family: `keepingIDs` keeps the file
  /// value each thing instance was read with. A `*_instanceIds.png` is
  /// written with its `*_labelIds.png` and `*_labelTrainIds.png`
  /// (`CityscapesFileWriter`).
  public static func write(
    _ map: LabelMap, catalog: ClassCatalog, to path: String, format: LabelFormat,
    offsetFormat: OffsetFormat? = nil, annotations: String? = nil,
    compression: PNGCompression = .labels, photo: String? = nil, keepingIDs: [UInt32: Int] = [:],
    imageID: COCOImageID? = nil, classMajor: ClassMajorFormat? = nil
  ) throws(PanopticError) -> LabelWriteReport {
    guard map.width > 0 && map.height > 0 else { throw .cannotEncode("the label map is empty") }
    switch format {
    case .offset:
      let fmt = offsetFormat ?? OffsetFormat(catalog: catalog)
      try fmt.check(catalog: catalog)
      let storage = try fmt.storage(for: map)
      var notes: [String] = []
      if storage == .rgb24 {
        notes.append(
          "\(map.maxInstance) instances do not fit 16 bits at offset \(fmt.offset): wrote 8-bit RGB (value = R + 256·G + 65536·B)")
      }
      try writeRows(map, to: path, wide: storage == .rgb24, text: fmt.textChunk(catalogName: catalog.name), compression: compression) {
        UInt32(truncatingIfNeeded: fmt.value(of: $0))
      }
      return LabelWriteReport(
        path: path, format: .offset, widened: storage == .rgb24, annotationsPath: nil, notes: notes,
        fileIDs: FileIDScheme(format: .offset, offset: fmt))
    case .cityscapes:
      return try CityscapesFileWriter.write(map, catalog: catalog, to: path, compression: compression, keepingIDs: keepingIDs)
    case .coco:
      return try COCOPairWriter.write(
        map, catalog: catalog, to: path, annotations: annotations, photo: photo, keepingIDs: keepingIDs,
        imageID: imageID, compression: compression)
    case .classMajor, .deeplab2, .kittiStep, .vipseg, .cityscapesDVPS:
      let preset = ClassMajorFormat.Preset(rawValue: format.rawValue)!
      let fmt = classMajor?.preset == preset ? classMajor! : ClassMajorFormat(preset: preset, catalog: catalog)
      return try writeClassMajor(map, catalog: catalog, to: path, format: fmt, compression: compression, keepingIDs: keepingIDs)
    case .coco2ch:
      throw .usage("the 2-channel format is read only; write coco, offset or cityscapes")
    case .detectron2:
      throw .usage("detectron2 dumps are read only; write coco (what detectron2's evaluator reads), offset or class-major")
    }
  }

  /// The class-major family: per-class instance numbers, 16-bit gray when
  /// every value fits, else 8-bit RGB (KITTI-STEP's own layout, or a
  /// widening that is said on stderr).
  static func writeClassMajor(
    _ map: LabelMap, catalog: ClassCatalog, to path: String, format fmt: ClassMajorFormat,
    compression: PNGCompression, keepingIDs: [UInt32: Int]
  ) throws(PanopticError) -> LabelWriteReport {
    let code = try fmt.table(map, catalog: catalog, keeping: keepingIDs)
    let storage = fmt.storage(for: code)
    let widened = storage == .rgb24 && fmt.packing == .value
    var notes: [String] = []
    if widened {
      notes.append(
        "values above 65535 (class × \(fmt.divisor) + instance, void \(fmt.voidValue)): wrote 8-bit RGB (value = R + 256·G + 65536·B), which only panoptty reads")
    }
    let tag = fmt.tag(catalogName: catalog.name).text
    try writeRows(map, to: path, wide: storage == .rgb24, text: tag, compression: compression) { code[$0] ?? 0 }
    return LabelWriteReport(
      path: path, format: fmt.preset.format, widened: widened, annotationsPath: nil, notes: notes,
      fileIDs: FileIDScheme(format: fmt.preset.format, knownIDs: code.mapValues(Int.init)))
  }

  /// Streams the map to a PNG a row at a time: 16-bit gray, or 8-bit RGB
  /// holding `R + 256·G + 65536·B` when `wide`. `value` maps a packed label
  /// to its file value and is called once per run of equal labels.
  static func writeRows(
    _ map: LabelMap, to path: String, wide: Bool, text: String?, compression: PNGCompression, replacing: Bool = true,
    value: @escaping (UInt32) -> UInt32
  ) throws(PanopticError) {
    try AtomicFile.write(to: path, replacing: replacing) { (fd) throws(PanopticError) in
      try encodeRows(map, to: fd, wide: wide, text: text, compression: compression, value: value)
    }
  }

  /// The PNG encoding of `writeRows`, into an open file (the COCO writer
  /// stages its PNG this way before committing it with its JSON).
  static func encodeRows(
    _ map: LabelMap, to fd: FileDescriptor, wide: Bool, text: String?, compression: PNGCompression,
    value: @escaping (UInt32) -> UInt32
  ) throws(PanopticError) {
    let w = map.width
    try map.pixels.withUnsafeBufferPointer { (px) throws(PanopticError) in
      let base = px.baseAddress!
      try PNGCodec.writeRows(
        to: fd, width: w, height: map.height, bitDepth: wide ? 8 : 16, channels: wide ? 3 : 1, text: text,
        compression: compression
      ) { y, row in
        var last: UInt32 = .max
        var lastValue: UInt32 = 0
        let src = base + y * w
        if wide {
          let out = row.assumingMemoryBound(to: UInt8.self)
          for x in 0..<w {
            if src[x] != last {
              last = src[x]
              lastValue = value(last)
            }
            out[3 * x] = UInt8(lastValue & 0xFF)
            out[3 * x + 1] = UInt8((lastValue >> 8) & 0xFF)
            out[3 * x + 2] = UInt8((lastValue >> 16) & 0xFF)
          }
        } else {
          let out = row.assumingMemoryBound(to: UInt16.self)
          for x in 0..<w {
            if src[x] != last {
              last = src[x]
              lastValue = value(last)
            }
            out[x] = UInt16(truncatingIfNeeded: lastValue)
          }
        }
      }
    }
  }
}
