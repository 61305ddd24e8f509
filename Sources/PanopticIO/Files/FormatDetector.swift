import PanopticModel
import SystemPackage

/// Decides which format a label PNG is in, from evidence only: `--format`,
/// panoptty's own tEXt chunk, the file name, the COCO JSON beside it. The
/// one place detection happens, so `info`, `view`, `edit` and `convert`
/// never disagree about a file.
enum FormatDetector {
  struct Detection {
    var format: LabelFormat
    /// How the format was chosen, for `info`.
    var reason: String
    /// The COCO annotations already read while detecting.
    var coco: (file: COCOAnnotationsFile, segments: [COCOSegmentInfo])?
  }

  static func detect(
    path: String, values pv: PixelValues, header: PNGHeader, options: LabelFileOptions
  ) throws(PanopticError) -> Detection {
    try UntaggedEvidence.refuseTranslucent(pv, header: header)
    try UntaggedEvidence.refuseSixteenBitColour(header)
    if let f = options.format { return Detection(format: f, reason: "--format", coco: nil) }
    let fileName = FileNames.lastComponent(path)
    if let tag = try FormatTag.parse(pv.text) { return Detection(format: tag.format, reason: "tEXt chunk", coco: nil) }
    try UntaggedEvidence.refuseLookalikeName(fileName)
    switch pv.storage {
    case .gray8, .gray16:
      if fileName.hasSuffix("_instanceIds.png") {
        return Detection(format: .cityscapes, reason: "file name *_instanceIds.png", coco: nil)
      }
      try refuseGrayListedInCOCO(path: path, header: header, options: options)
      let (format, reason) = try UntaggedEvidence.grayFormat(pv, options: options)
      return Detection(format: format, reason: reason, coco: nil)
    case .rgb8, .rgba8:
      let jsonPath = options.annotations ?? COCOAnnotationsFile.impliedPath(of: path)
      if try SystemCall.stat(jsonPath) != nil {
        let f = try COCOAnnotationsFile.loadForReading(jsonPath)
        let listedName = f.listedName(of: path)
        if let segs = try f.segments(forFileName: listedName) {
          return Detection(format: .coco, reason: "RGB PNG listed in \(jsonPath)", coco: (f, segs))
        }
        if options.annotations != nil {
          throw .badAnnotations("\(jsonPath) has no annotation with file_name \"\(listedName)\"")
        }
      }
      try UntaggedEvidence.refuseGrayAsRGB(pv)
      if UntaggedEvidence.namesTwoChannel(path), COCOPanoptic.looksLike2Channel(pv, catalog: options.catalog ?? .coco) {
        return Detection(
          format: .coco2ch, reason: "RGB PNG named *2ch* whose red channel holds category ids (no COCO JSON found)",
          coco: nil)
      }
      throw .ambiguousFormat(
        "RGB PNG with no COCO annotations (looked for \(jsonPath)); pass --annotations FILE for COCO panoptic, --format coco-2ch for panopticapi's 2-channel layout, --format kitti-step for KITTI-STEP / MOTChallenge-STEP (R = class, G·256 + B = instance), or --format offset if it is a widened offset file")
    case .other:
      throw .badLabels("a \(header.bitDepth)-bit PNG of colour type \(header.colorType) is not a label map format")
    }
  }

  /// A gray PNG that a COCO JSON lists (segment ids saved as 16-bit gray, `cv2.imwrite` of a
  /// uint16 array) points two ways: its values read as offset labels would shift every class
  /// and make void a crowd region, while the JSON says they are COCO segment ids, which
  /// panoptty reads only from RGB. Neither is guessed.
  static func refuseGrayListedInCOCO(path: String, header: PNGHeader, options: LabelFileOptions) throws(PanopticError) {
    let jsonPath = options.annotations ?? COCOAnnotationsFile.impliedPath(of: path)
    guard (try? SystemCall.stat(jsonPath)) ?? nil != nil, let f = try? COCOAnnotationsFile.loadForReading(jsonPath),
      (try? f.segments(forFileName: f.listedName(of: path))) ?? nil != nil
    else { return }
    throw .ambiguousFormat(
      "a \(header.bitDepth)-bit gray PNG that \(jsonPath) lists as a COCO panoptic PNG; COCO segment ids are read from RGB (id = R + 256·G + 65536·B): save the ids as RGB, or pass --format offset (or cityscapes, ...) if the values are not COCO ids")
  }

  /// Whether a PNG is a label map rather than a photo, from its header and
  /// the files beside it only (no pixel is decoded): gray PNGs, files with
  /// panoptty's tEXt chunk, and RGB files listed in a COCO JSON are labels.
  static func looksLikeLabels(path: String, options: LabelFileOptions) -> Bool {
    if options.format != nil { return true }
    guard let h = try? PNGCodec.readHeader(path: path, limits: options.limits) else { return false }
    if (try? FormatTag.parse(h.text)) ?? nil != nil { return true }
    switch h.colorType {
    case 0, 4: return true
    case 2, 6:
      let json = options.annotations ?? COCOAnnotationsFile.impliedPath(of: path)
      guard let f = try? COCOAnnotationsFile.loadForReading(json) else { return false }
      return (try? f.segments(forFileName: f.listedName(of: path))) != nil
    default: return false
    }
  }
}

/// Path arithmetic on strings, the way the files beside a label are named.
public enum FileNames {
  /// `path` made absolute against the working folder, `.` and `..` resolved
  /// lexically (symlinks are not followed).
  public static func absolute(_ path: String) -> FilePath {
    let p = FilePath(path)
    return (p.isAbsolute ? p : FilePath(SystemCall.currentDirectory()).pushing(p)).lexicallyNormalized()
  }

  /// `path` as a shell word, for a command a message tells the user to
  /// run: as it is when that is safe, else in single quotes, or as `$'…'`
  /// when it holds control characters (a newline in single quotes would
  /// break the line the user copies) or bytes that are not UTF-8 (`\xe9`). A path starting with `-` gets `./`
  /// so the command does not read it as an option.
  public static func shellQuoted(_ path: String) -> String {
    let path = path.hasPrefix("-") ? "./" + path : path
    let scalars = path.unicodeScalars
    if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || FileNameBytes.escapedByte($0) != nil }) {
      var out = "$'"
      for u in scalars {
        switch u {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\\": out += "\\\\"
        case "'": out += "\\'"
        default:
          if let byte = FileNameBytes.escapedByte(u) {
            out += "\\x" + String(byte, radix: 16)
          } else if u.value < 0x20 || u.value == 0x7F {
            let hex = String(u.value, radix: 16)
            out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
          } else {
            out.unicodeScalars.append(u)
          }
        }
      }
      return out + "'"
    }
    let plain = !path.isEmpty && scalars.allSatisfy {
      $0.isASCII && (($0.properties.isAlphabetic || ("0"..."9").contains($0)) || "_./@%+=:,-".unicodeScalars.contains($0))
    }
    return plain ? path : "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  public static func lastComponent(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
  }

  /// The absolute path with symlinks in its folder resolved; the file itself
  /// need not exist. Two spellings of one place give the same string.
  public static func canonical(_ path: String) -> String {
    let dir = folder(path)
    let realDir = SystemCall.realPath(dir) ?? absolute(dir).string
    return (realDir == "/" ? "" : realDir) + "/" + lastComponent(path)
  }

  /// The folder part (`.` for a bare name).
  public static func folder(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let f = String(path[..<slash])
    return f.isEmpty ? "/" : f
  }

  /// The name without its last extension (`a/b.tar.png` → `a/b.tar`).
  public static func deletingExtension(_ path: String) -> String {
    let name = lastComponent(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path }
    return String(path.dropLast(name.distance(from: dot, to: name.endIndex)))
  }

  /// `folder/.NAME.suffix` — the sidecar files panoptty keeps beside `path`.
  public static func sidecar(of path: String, suffix: String) -> String {
    let f = folder(path)
    return (f == "." && !path.hasPrefix("./") ? "" : f + (f.hasSuffix("/") ? "" : "/")) + sidecarName(lastComponent(path), suffix: suffix)
  }

  /// `.NAME.suffix`, or for a name too long for that to fit a file name (255 bytes on Linux's
  /// file systems) its start and a hash of the whole: a label file named with 238–251
  /// characters could not be edited ("cannot create the lock file …: File name too long").
  static func sidecarName(_ name: String, suffix: String) -> String {
    let limit = 255
    guard 1 + name.utf8.count + suffix.utf8.count > limit else { return "." + name + suffix }
    var hash = FNV1a64()
    Array(name.utf8).withUnsafeBytes { hash.add($0) }
    let tag = "~" + String(hash.value, radix: 16)
    return "." + prefix(of: name, bytes: limit - 1 - suffix.utf8.count - tag.utf8.count) + tag + suffix
  }

  /// The longest start of `name` of at most `bytes` UTF-8 bytes, cut between characters.
  static func prefix(of name: String, bytes: Int) -> String {
    var kept = ""
    var used = 0
    for c in name {
      used += c.utf8.count
      if used > bytes { break }
      kept.append(c)
    }
    return kept
  }
}

/// The format and catalog of a label file that does not exist yet.
public enum NewLabelFile {
  /// A new file takes the format its name promises: the next reader detects
  /// by name, so a `*_instanceIds.png` written as offset with COCO classes
  /// would be read back as Cityscapes with every class wrong. Names that
  /// only other layouts use (`*_labelIds.png`, `*TrainIds.png`) are refused
  /// for the same reason.
  public static func format(
    path: String, options: LabelFileOptions
  ) throws(PanopticError) -> (format: LabelFormat, catalog: ClassCatalog) {
    let name = FileNames.lastComponent(path)
    if options.format == nil { try UntaggedEvidence.refuseLookalikeName(name) }
    let byName: LabelFormat? = name.hasSuffix("_instanceIds.png") ? .cityscapes : nil
    let format = options.format ?? byName ?? .offset
    if let preset = ClassMajorFormat.Preset(rawValue: format.rawValue), options.catalog == nil {
      // A new DeepLab2 / KITTI-STEP file numbers Cityscapes classes; VIPSeg needs --classes.
      guard let name = preset.defaultCatalog, let builtIn = ClassCatalog.builtIn(named: name) else {
        throw .usage("\(path): a new \(preset.rawValue) file needs its catalog: pass --classes FILE")
      }
      return (format, builtIn)
    }
    let catalog = options.catalog ?? (format == .cityscapes ? .cityscapes : .coco)
    return (format, catalog)
  }
}
