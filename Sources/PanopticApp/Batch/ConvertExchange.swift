import PanopticIO
import PanopticModel

/// What `convert --to` names: a label-map format, or another tool's format.
public enum ConvertTarget: Sendable, Hashable, CaseIterable {
  case labels(LabelFormat)
  case exchange(ExchangeFormat)

  public static var allCases: [ConvertTarget] {
    LabelFormat.allCases.filter(\.canWrite).map(ConvertTarget.labels)
      + ExchangeFormat.allCases.filter(\.canWrite).map(ConvertTarget.exchange)
  }

  public init?(rawValue: String) {
    if let f = LabelFormat(rawValue: rawValue) {
      self = .labels(f)
    } else if let f = ExchangeFormat(rawValue: rawValue), f.canWrite {
      self = .exchange(f)
    } else {
      return nil
    }
  }

  public var rawValue: String {
    switch self {
    case .labels(let f): f.rawValue
    case .exchange(let f): f.rawValue
    }
  }
}

/// `convert` from or to another tool's format (Label Studio, labelme,
/// CVAT): one file at a time, the label map in between.
extension ConvertRunner {
  /// The input as a label map: another tool's file when `--from` says so or
  /// its contents show it (`ExchangeFile.detect`), else a label PNG.
  /// `annotations` is the COCO JSON that lists the input, when it was read as one half of a COCO
  /// pair, and `cocoImage` its image there (`LoadedLabelFile.cocoImage`).
  static func source(_ r: Request) throws(AppFailure) -> (
    map: LabelMap, catalog: ClassCatalog, notes: [String], ids: (format: LabelFormat, ids: [UInt32: Int])?,
    annotations: String?, cocoImage: (id: COCOImageID, entry: COCOImage?)?
  ) {
    let input = r.inputs[0]
    if let from = r.from ?? ExchangeFile.detect(input, limits: r.options.limits) {
      do {
        let got = try ExchangeFile.read(
          input, as: from, catalog: r.options.catalog ?? .coco, task: r.task, limits: r.options.limits)
        return (got.map, got.catalog, got.notes.map { "\(input): \($0)" }, nil, nil, nil)
      } catch {
        throw AppFailure(error, file: input)
      }
    }
    if r.task != nil {
      throw AppFailure("\(input): --task picks a task of a Label Studio export; this is a label file", status: ExitStatus.usage)
    }
    let loaded = try LabelLoader.load(input, options: r.options)
    return (
      loaded.decoded.map, loaded.decoded.catalog, [], (loaded.decoded.format, loaded.fileIDs.knownIDs),
      loaded.annotationsPath, loaded.cocoImage)
  }

  /// Writes another tool's file; the photo it names is the input's stem
  /// (with `.jpg` in Label Studio and labelme, as the COCO writer names
  /// it). Returns the writer's notes (prefixed with the output) and the
  /// `wrote` line.
  static func writeExchange(
    _ map: LabelMap, catalog: ClassCatalog, as format: ExchangeFormat, _ r: Request
  ) throws(AppFailure) -> (notes: [String], wrote: String) {
    let stem = FileNames.deletingExtension(FileNames.lastComponent(r.inputs[0]))
    let notes: [String]
    do {
      notes = try ExchangeFile.write(map, catalog: catalog, as: format, to: r.output, stem: stem)
    } catch {
      throw AppFailure(error, file: r.output)
    }
    let segments = map.segments().filter { !$0.label.isVoid }.count
    return (notes.map { "\(r.output): \($0)" }, "wrote \(r.output) (\(format.rawValue), \(segments) segments)")
  }
}
