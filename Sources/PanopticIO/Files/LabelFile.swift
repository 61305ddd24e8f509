import PanopticModel

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
  /// `--void`; nil = the file's tEXt chunk, else the catalog size (class-major: the preset's).
  public var voidClass: Int?
  /// `--divisor` (class-major family); nil = the file's tEXt chunk, else the preset's.
  public var divisor: Int?
  public var limits: DecodeLimits

  public init(
    format: LabelFormat? = nil, annotations: String? = nil, catalog: ClassCatalog? = nil,
    offset: Int? = nil, voidClass: Int? = nil, divisor: Int? = nil, limits: DecodeLimits = .standard
  ) {
    self.divisor = divisor
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
  /// The class-major parameters in force (that family only).
  public var classMajor: ClassMajorFormat? = nil
  /// The COCO JSON that was used (coco only).
  public var annotationsPath: String?
  /// COCO only: the annotation's `image_id` and its `images` entry (nil when there is none),
  /// read while the JSON is open: `validate` checks the size it gives, and a convert into
  /// another COCO JSON keeps the id and the photo name (opening the JSON again per file would
  /// cost a scan of a train-sized JSON each).
  public var cocoImage: (id: COCOImageID, entry: COCOImage?)? = nil
  /// COCO only: the `images` id the annotation's `image_id` matches only as text (`"5"`
  /// against `5`), when it has no entry of its own (see `COCOAnnotationsFile.imageID(spelledOtherwiseThan:)`).
  public var cocoImageIDSpelledOtherwise: COCOImageID? = nil
  /// COCO only: the JSON has an `images` list (so an annotation without an entry there is one
  /// the COCO API's loaders cannot join to its photo).
  public var cocoHasImagesList = false
  /// How the format was chosen, for `info`.
  public var detection: String
  /// Read as offset only because its values fit no format: its problems may
  /// mean another layout, which the refusal then names.
  public var formatIsAGuess: Bool { detection == UntaggedEvidence.noFormatFitsReason }

  /// How this file numbers its labels (for `info` and the status line).
  public var fileIDs: FileIDScheme {
    FileIDScheme(format: decoded.format, offset: offsetFormat, knownIDs: decoded.fileIDs)
  }
}

/// What a write did, for the status line and stderr.
public struct LabelWriteReport: Sendable {
  public var path: String
  public var format: LabelFormat
  /// Set when the offset format had to widen to 8-bit RGB.
  public var widened: Bool
  public var annotationsPath: String?
  public var notes: [String]
  /// How the written file numbers its labels.
  public var fileIDs: FileIDScheme
  /// Files written beside it from the same labels (Cityscapes'
  /// `*_labelIds.png`, `*_labelTrainIds.png`), so they never go stale.
  public var sidecars: [String] = []

  /// `(cityscapes, with X_labelIds.png and X_labelTrainIds.png)`: what a
  /// save or convert says it wrote.
  public var formatSummary: String {
    let beside = sidecars.map(FileNames.lastComponent)
    return "(\(format.rawValue)" + (beside.isEmpty ? "" : ", with " + beside.joined(separator: " and ")) + ")"
  }
}

/// The one shared label encoder/decoder: the editor's save, `convert`, `view`
/// and every test read and write label PNGs only through here.
public enum LabelFile {
  public static func read(path: String, options: LabelFileOptions = .init()) throws(PanopticError) -> LoadedLabelFile {
    // A COCO save killed between its two renames is finished before the PNG is read (issue 9 item 6).
    if options.format == .detectron2 || (options.format == nil && Detectron2File.isDump(path)) {
      return try Detectron2File.read(path: path, options: options)
    }
    COCOPairCommit.completePending(forJSON: options.annotations ?? COCOAnnotationsFile.impliedPath(of: path))
    let pv: PixelValues, header: PNGHeader
    do {
      (pv, header) = try PNGCodec.readValues(path: path, limits: options.limits)
    } catch {
      throw NotALabelPNG.explain(path, error: error, limits: options.limits)
    }
    let detection = try FormatDetector.detect(path: path, values: pv, header: header, options: options)
    switch detection.format {
    case .offset:
      let (fmt, cat) = try OffsetReading.parameters(tag: try FormatTag.parse(pv.text), options: options)
      let decoded = fmt.decode(pv, catalog: cat)
      return LoadedLabelFile(
        decoded: decoded, header: header, offsetFormat: fmt, annotationsPath: nil, detection: detection.reason)
    case .cityscapes:
      guard pv.storage == .gray16 || pv.storage == .gray8 else {
        throw .badLabels("a Cityscapes instanceIds PNG must be 16-bit gray")
      }
      let catalog = try OffsetReading.catalog(named: try FormatTag.parse(pv.text)?.catalog ?? "cityscapes", options: options)
      return LoadedLabelFile(
        decoded: CityscapesFormat.decode(pv, catalog: catalog), header: header, offsetFormat: nil,
        annotationsPath: nil, detection: detection.reason)
    case .coco:
      guard pv.storage == .rgb8 || pv.storage == .rgba8 else {
        throw .badLabels("a COCO panoptic PNG must be 8-bit RGB, not \(pv.storage.rawValue)")
      }
      var entry = detection.coco
      if entry == nil { entry = try cocoEntry(for: path, options: options) }
      var (file, segments) = entry!
      var cat = ClassCatalog.coco
      let declared = try file.catalog()
      if let given = options.catalog {
        cat = given
        // Renumbered categories (datumaro) are matched to --classes by name.
        if let declared, let match = COCOCategoryMatch(declared: declared, catalog: given) {
          do {
            segments = try match.segmentsInCatalogIDs(segments, declared: declared, catalog: given)
          } catch {
            throw error.prefixed(file.path)
          }
        }
      } else if let declared {
        cat = declared
      }
      var loaded = LoadedLabelFile(
        decoded: COCOPanoptic.decode(pv, segments: segments, catalog: cat), header: header, offsetFormat: nil,
        annotationsPath: file.path, detection: detection.reason)
      // A damaged images list is its own problem, not this file's.
      loaded.cocoImage = try? file.image(forFileName: file.listedName(of: path))
      if let image = loaded.cocoImage, image.entry == nil {
        loaded.cocoImageIDSpelledOtherwise = file.imageID(spelledOtherwiseThan: image.id)
      }
      loaded.cocoHasImagesList = file.hasImagesList
      return loaded
    case .classMajor, .deeplab2, .kittiStep, .vipseg, .cityscapesDVPS:
      let (decoded, fmt) = try ClassMajorReading.read(pv, preset: ClassMajorFormat.Preset(rawValue: detection.format.rawValue)!, options: options)
      return LoadedLabelFile(
        decoded: decoded, header: header, offsetFormat: nil, classMajor: fmt, annotationsPath: nil,
        detection: detection.reason)
    case .detectron2:
      throw .usage("--format detectron2 reads numpy dumps (.npy / .npz), not PNGs")
    case .coco2ch:
      guard pv.storage == .rgb8 || pv.storage == .rgba8 else { throw .badLabels("a 2-channel PNG must be 8-bit RGB") }
      return LoadedLabelFile(
        decoded: COCOPanoptic.decode2Channel(pv, catalog: options.catalog ?? .coco), header: header, offsetFormat: nil,
        annotationsPath: nil, detection: detection.reason)
    }
  }

  /// The COCO entry of a PNG read with `--format coco`.
  static func cocoEntry(for path: String, options: LabelFileOptions) throws(PanopticError) -> (COCOAnnotationsFile, [COCOSegmentInfo]) {
    let jsonPath = options.annotations ?? COCOAnnotationsFile.impliedPath(of: path)
    guard try SystemCall.stat(jsonPath) != nil else {
      throw .badAnnotations("no COCO annotations found (looked for \(jsonPath)); pass --annotations FILE")
    }
    let f = try COCOAnnotationsFile.loadForReading(jsonPath)
    let listedName = f.listedName(of: path)
    guard let segs = try f.segments(forFileName: listedName) else {
      throw .badAnnotations("\(jsonPath) has no annotation with file_name \"\(listedName)\"")
    }
    return (f, segs)
  }

  /// Whether a PNG carries the format tag panoptty writes into every label file (its header
  /// alone is read): a folder `convert` wrote keeps its input names, and is read back by it.
  public static func carriesFormatTag(path: String) -> Bool {
    guard let h = try? PNGCodec.readHeader(path: path, limits: .standard) else { return false }
    return ((try? FormatTag.parse(h.text)) ?? nil) != nil
  }

  /// Whether a PNG is a label map rather than a photo (see `FormatDetector`).
  public static func looksLikeLabels(path: String, options: LabelFileOptions = .init()) -> Bool {
    FormatDetector.looksLikeLabels(path: path, options: options)
  }
}
