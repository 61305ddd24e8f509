import PanopticModel

/// What a file given as a label PNG really is, when it is not one: people pass the photo, the
/// COCO JSON or another tool's export where the label PNG goes, and "bad signature" tells them
/// nothing. Looked at only after the PNG decoder has refused the file, so it costs nothing on
/// the normal path, and never on a stream (reading it again would consume it).
enum NotALabelPNG {
  /// The refusal to report instead of `error`, or `error` itself when the bytes say nothing more.
  static func explain(_ path: String, error: PanopticError, limits: DecodeLimits) -> PanopticError {
    guard case .badImage(let message) = error, message.hasPrefix("not a PNG") else { return error }
    // Standard input was kept when it was read; another stream is gone once read.
    let isStandardInput = path == InputFile.standardInputName
    guard isStandardInput || !Folders.isStream(path),
      let head = isStandardInput ? InputFile.standardInputHead(4096) : try? ExchangeFile.head(of: path)
    else { return error }
    if head.isEmpty {
      return .badLabels(isStandardInput ? "standard input is empty (0 bytes): pipe a label PNG into it" : "the file is empty (0 bytes), not a label PNG")
    }
    if head.starts(with: [0xFF, 0xD8]) {
      return .badLabels(
        "a JPEG photo, not a label map (label maps are PNG, one value a pixel; panoptty edit PHOTO makes one)")
    }
    if head.starts(with: [0x93] + Array("NUMPY".utf8)) {
      return .badLabels("a NumPy array, not a label PNG; a Detectron2 dump (.npy + .json) is read with --format detectron2")
    }
    guard ExchangeFile.startsLikeJSON(head) else { return error }
    if !isStandardInput, let tool = FileKind.toolExport(at: path, limits: limits) {
      return .badLabels("\(tool), not a label PNG; turn it into one with panoptty convert \(path) OUT.png")
    }
    let text = String(decoding: head, as: UTF8.self)
    if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{",
      text.contains("\"annotations\"") || text.contains("\"categories\"") || text.contains("\"images\"")
        || text.contains("\"info\"") || text.contains("\"licenses\"")
    {
      return .badLabels(
        "a COCO JSON, not a label PNG; pass the panoptic PNG it lists, with --annotations \(path) if it is not named after its folder")
    }
    return .badLabels(
      "a JSON file, not a label PNG; panoptty reads label PNGs (with their COCO JSON), and Label Studio, labelme and CVAT exports through convert --from label-studio|labelme|cvat")
  }
}

/// Whether an existing file may be replaced by a label PNG: a save under a new name and
/// `convert`'s output replace older label files freely, but a photo, a JSON or anything else
/// there is somebody's mistake (swapped arguments, a mistyped name) and would be lost.
public enum NotALabelFile {
  /// The one kind that may still be a label file (a COCO PNG whose JSON is gone, or one
  /// written by another tool): the only kind `convert --force` writes over.
  public static let untaggedColourPNG = "a colour PNG with no panoptty tag and no COCO JSON listing it (a photo?)"

  /// What the file at `path` is when it is not a label PNG panoptty may write over; nil
  /// when it is one, is empty, or does not exist. `annotations`: the COCO JSON that may list
  /// it (else the one named after its folder).
  public static func kind(of path: String, annotations: String? = nil) -> String? {
    guard let status = try? SystemCall.stat(path), status.isRegular, status.identity.size > 0,
      let head = try? ExchangeFile.head(of: path)
    else { return nil }
    if head.starts(with: PNGCodec.signature) {
      return FormatDetector.looksLikeLabels(path: path, options: LabelFileOptions(annotations: annotations))
        ? nil : untaggedColourPNG
    }
    if head.starts(with: [0xFF, 0xD8]) { return "a JPEG photo" }
    if head.starts(with: [0x93] + Array("NUMPY".utf8)) { return "a NumPy array" }
    if ExchangeFile.startsLikeJSON(head) { return "a JSON file" }
    return "not a PNG file"
  }
}

/// What kind of picture a file is, from its first bytes: for commands that take JSON and
/// should say so before reading a photo as text.
public enum FileKind {
  /// "a PNG image", "a JPEG photo" or "a NumPy array"; nil for anything else (or unreadable).
  public static func picture(at path: String) -> String? {
    guard !Folders.isStream(path), let head = try? ExchangeFile.head(of: path) else { return nil }
    if head.starts(with: PNGCodec.signature) { return "a PNG image" }
    if head.starts(with: [0xFF, 0xD8]) { return "a JPEG photo" }
    if head.starts(with: [0x93] + Array("NUMPY".utf8)) { return "a NumPy array" }
    return nil
  }

  /// Largest JSON read whole to name the tool that wrote it.
  static let parsedBytes: Int64 = 16 << 20

  /// "a labelme file" or "a Label Studio export" when `path` is one of those JSON files; nil
  /// otherwise. Parsed whole only when small: a mistyped 500 MB COCO JSON must not cost
  /// seconds to refuse.
  public static func toolExport(at path: String, limits: DecodeLimits = .standard) -> String? {
    guard !Folders.isStream(path), let status = try? SystemCall.stat(path), status.isRegular,
      status.identity.size <= parsedBytes, let format = ExchangeFile.detect(path, limits: limits)
    else { return nil }
    switch format {
    case .labelStudio: return "a Label Studio export"
    case .labelme: return "a labelme file"
    case .cvat: return "a CVAT export"
    }
  }
}
