import Foundation
import PanopticCore

/// What the user said about a label file on the command line.
public struct LabelFileOptions: Sendable {
  /// `--format`; nil = detect.
  public var format: LabelFormat?
  /// `--annotations FILE` for COCO; nil = the panopticapi sibling.
  public var annotations: String?
  /// `--classes FILE`, already parsed.
  public var catalog: ClassCatalog?
  /// `--offset`; nil = the file's tEXt chunk, else 1000.
  public var offset: Int?
  /// `--void`; nil = the file's tEXt chunk, else the catalog size.
  public var voidClass: Int?
  public var limits: DecodeLimits

  public init(
    format: LabelFormat? = nil, annotations: String? = nil, catalog: ClassCatalog? = nil,
    offset: Int? = nil, voidClass: Int? = nil, limits: DecodeLimits = .standard
  ) {
    self.format = format
    self.annotations = annotations
    self.catalog = catalog
    self.offset = offset
    self.voidClass = voidClass
    self.limits = limits
  }
}

/// A label file as read: the decoded labels plus where they came from, so a
/// save can write them back the same way.
public struct LoadedLabelFile: Sendable {
  public var decoded: DecodedLabels
  public var header: PNGHeader
  /// The offset parameters in force (offset format only).
  public var offsetFormat: OffsetFormat?
  /// The COCO JSON that was used (coco only).
  public var annotationsPath: String?
  /// How the format was chosen, for `info`.
  public var detection: String
}

/// What a write did, for the status line and stderr.
public struct LabelWriteReport: Sendable {
  public var path: String
  public var format: LabelFormat
  /// Set when the offset format had to widen to 8-bit RGB.
  public var widened: Bool
  public var annotationsPath: String?
  public var notes: [String]
}

/// The one shared label encoder/decoder: the editor's save, `convert`, `view`
/// and every test read and write label PNGs only through here.
public enum LabelFile {
  public static func read(path: String, options: LabelFileOptions = .init()) throws(PanopticError) -> LoadedLabelFile {
    if FileManager.default.fileExists(atPath: path) == false { throw .io("No such file or directory") }
    let (pv, header) = try PNGCodec.readValues(path: path, limits: options.limits)
    let fileName = URL(fileURLWithPath: path).lastPathComponent
    let chunk = OffsetFormat.parseText(pv.text)

    var format = options.format
    var detection = "--format"
    var cocoFile: COCOAnnotationsFile?
    var cocoSegments: [COCOSegmentInfo]?
    if format == nil {
      if chunk["format"] == "offset" {
        format = .offset
        detection = "tEXt chunk"
      } else if pv.storage == .gray8 || pv.storage == .gray16 {
        if fileName.hasSuffix("_instanceIds.png") {
          format = .cityscapes
          detection = "file name *_instanceIds.png"
        } else {
          format = .offset
          detection = "gray PNG without tEXt chunk (default)"
        }
      } else if pv.storage == .rgb8 || pv.storage == .rgba8 {
        let jsonPath = options.annotations ?? COCOAnnotationsFile.siblingPath(of: path)
        if FileManager.default.fileExists(atPath: jsonPath) {
          let f = try annotationsOrThrow(jsonPath)
          if let segs = try f.segments(forFileName: fileName) {
            format = .coco
            cocoFile = f
            cocoSegments = segs
            detection = "RGB PNG listed in \(jsonPath)"
          } else if options.annotations != nil {
            throw .badAnnotations("\(jsonPath) has no annotation with file_name \"\(fileName)\"")
          }
        }
        if format == nil {
          if COCOPanoptic.looksLike2Channel(pv, catalog: options.catalog ?? .coco) {
            format = .coco2ch
            detection = "RGB PNG whose red channel holds category ids (no COCO JSON found)"
          } else {
            throw .ambiguousFormat(
              "RGB PNG with no COCO annotations (looked for \(jsonPath)); pass --annotations FILE, or --format offset if it is a widened offset file"
            )
          }
        }
      } else {
        throw .badLabels("a \(header.bitDepth)-bit PNG of colour type \(header.colorType) is not a label map format")
      }
    }
    guard let format else { throw .ambiguousFormat("cannot tell the format; pass --format") }

    switch format {
    case .offset:
      guard pv.storage != .other else { throw .badLabels("not a gray or RGB PNG") }
      var catalog = options.catalog
      if catalog == nil {
        let name = chunk["catalog"] ?? "coco"
        guard let builtIn = ClassCatalog.builtIn(named: name) else {
          throw .usage("written with the class catalog \"\(name)\"; pass it with --classes FILE")
        }
        catalog = builtIn
      }
      let cat = catalog!
      let off = options.offset ?? chunk["offset"].flatMap { Int($0) } ?? 1000
      let fmt = OffsetFormat(catalog: cat, offset: off, voidClass: options.voidClass ?? chunk["void"].flatMap { Int($0) })
      try fmt.check(catalog: cat)
      return LoadedLabelFile(
        decoded: fmt.decode(pv, catalog: cat), header: header, offsetFormat: fmt, annotationsPath: nil,
        detection: detection)
    case .cityscapes:
      guard pv.storage == .gray16 || pv.storage == .gray8 else {
        throw .badLabels("a Cityscapes instanceIds PNG must be 16-bit gray")
      }
      let cat = options.catalog ?? .cityscapes
      return LoadedLabelFile(
        decoded: CityscapesFormat.decode(pv, catalog: cat), header: header, offsetFormat: nil,
        annotationsPath: nil, detection: detection)
    case .coco:
      guard pv.storage == .rgb8 || pv.storage == .rgba8 else {
        throw .badLabels("a COCO panoptic PNG must be 8-bit RGB, not \(pv.storage.rawValue)")
      }
      if cocoFile == nil {
        let jsonPath = options.annotations ?? COCOAnnotationsFile.siblingPath(of: path)
        guard FileManager.default.fileExists(atPath: jsonPath) else {
          throw .badAnnotations("no COCO annotations found (looked for \(jsonPath)); pass --annotations FILE")
        }
        let f = try annotationsOrThrow(jsonPath)
        guard let segs = try f.segments(forFileName: fileName) else {
          throw .badAnnotations("\(jsonPath) has no annotation with file_name \"\(fileName)\"")
        }
        cocoFile = f
        cocoSegments = segs
      }
      var cat = ClassCatalog.coco
      if let given = options.catalog {
        cat = given
      } else if let declared = try cocoFile!.catalog() {
        cat = declared
      }
      return LoadedLabelFile(
        decoded: COCOPanoptic.decode(pv, segments: cocoSegments!, catalog: cat), header: header,
        offsetFormat: nil, annotationsPath: cocoFile!.path, detection: detection)
    case .coco2ch:
      guard pv.storage == .rgb8 || pv.storage == .rgba8 else {
        throw .badLabels("a 2-channel PNG must be 8-bit RGB")
      }
      let cat = options.catalog ?? .coco
      return LoadedLabelFile(
        decoded: COCOPanoptic.decode2Channel(pv, catalog: cat), header: header, offsetFormat: nil,
        annotationsPath: nil, detection: detection)
    }
  }

  /// Whether a PNG is a label map rather than a photo, from its header and
  /// the files beside it only (no pixel is decoded): gray PNGs, files with
  /// panoptty's tEXt chunk, and RGB files listed in a COCO JSON are labels.
  public static func looksLikeLabels(path: String, options: LabelFileOptions = .init()) -> Bool {
    if options.format != nil { return true }
    guard let h = try? PNGCodec.readHeader(path: path, limits: options.limits) else { return false }
    if OffsetFormat.parseText(h.text)["format"] != nil { return true }
    switch h.colorType {
    case 0, 4: return true
    case 2, 6:
      let json = options.annotations ?? COCOAnnotationsFile.siblingPath(of: path)
      guard let f = try? COCOAnnotationsFile.load(path: json) else { return false }
      return (try? f.segments(forFileName: URL(fileURLWithPath: path).lastPathComponent)) != nil
    default: return false
    }
  }

  private static func annotationsOrThrow(_ path: String) throws(PanopticError) -> COCOAnnotationsFile {
    do {
      return try COCOAnnotationsFile.load(path: path)
    } catch {
      switch error {
      case .io(let m): throw .badAnnotations("\(path): \(m)")
      case .badAnnotations(let m): throw .badAnnotations("\(path): \(m)")
      default: throw error
      }
    }
  }

  /// Encodes `map` in `format` and writes it atomically (and, for COCO, the
  /// JSON beside it). Nothing is written when encoding fails.
  public static func write(
    _ map: LabelMap, catalog: ClassCatalog, to path: String, format: LabelFormat,
    offsetFormat: OffsetFormat? = nil, annotations: String? = nil,
    compression: PNGCompression = .labels
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
      try writeRows(
        map, to: path, wide: storage == .rgb24, text: fmt.textChunk(catalogName: catalog.name),
        compression: compression
      ) { UInt32(truncatingIfNeeded: fmt.value(of: $0)) }
      return LabelWriteReport(path: path, format: .offset, widened: storage == .rgb24, annotationsPath: nil, notes: notes)
    case .cityscapes:
      let code = try CityscapesFormat.table(map, catalog: catalog)
      try writeRows(map, to: path, wide: false, text: nil, compression: compression) { code[$0] ?? 0 }
      return LabelWriteReport(path: path, format: .cityscapes, widened: false, annotationsPath: nil, notes: [])
    case .coco:
      let (code, segments) = try COCOPanoptic.table(map, catalog: catalog)
      let jsonPath = annotations ?? COCOAnnotationsFile.siblingPath(of: path)
      var json: COCOAnnotationsFile
      if FileManager.default.fileExists(atPath: jsonPath) {
        json = try annotationsOrThrow(jsonPath)
      } else {
        json = .empty(path: jsonPath)
      }
      let fileName = URL(fileURLWithPath: path).lastPathComponent
      try json.setAnnotation(
        fileName: fileName, width: map.width, height: map.height, segments: segments, catalog: catalog)
      try writeRows(map, to: path, wide: true, text: nil, compression: compression) { code[$0] ?? 0 }
      try json.save()
      return LabelWriteReport(path: path, format: .coco, widened: false, annotationsPath: jsonPath, notes: [])
    case .coco2ch:
      throw .usage("the 2-channel format is read only; write coco, offset or cityscapes")
    }
  }

  /// Streams the map to a PNG a row at a time: 16-bit gray, or 8-bit RGB
  /// holding `R + 256·G + 65536·B` when `wide`. `value` maps a packed label
  /// to its file value and is called once per run of equal labels.
  private static func writeRows(
    _ map: LabelMap, to path: String, wide: Bool, text: String?, compression: PNGCompression,
    value: @escaping (UInt32) -> UInt32
  ) throws(PanopticError) {
    let w = map.width
    try AtomicFile.write(to: path) { (tmp: String) throws in
      try map.pixels.withUnsafeBufferPointer { px in
        let base = px.baseAddress!
        try PNGCodec.writeRows(
          path: tmp, width: w, height: map.height, bitDepth: wide ? 8 : 16, channels: wide ? 3 : 1, text: text,
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
}
