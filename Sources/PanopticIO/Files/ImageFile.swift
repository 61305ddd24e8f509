import PanopticModel
import SystemPackage

/// Reads and writes the photo being labelled, PNG or JPEG, chosen by the
/// file's bytes (never by its name).
public enum ImageFile {
  public enum Kind: Sendable { case png, jpeg }

  /// Standard input is read whole here (the decoder reads it again from the copy), so it is
  /// held to the decode limit, not to the few bytes looked at: a 64 KiB cap refused every
  /// photo piped in.
  public static func sniff(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> Kind {
    let head = try InputFile.with(path, maxStreamBytes: limits.maxFileBytes) { (input) throws(PanopticError) -> [UInt8] in
      switch input {
      case .bytes(let b): return Array(b.prefix(8))
      case .descriptor(let fd, _):
        var buf = [UInt8](repeating: 0, count: 8)
        let n = try SystemCall.run { try buf.withUnsafeMutableBytes { try fd.read(into: $0) } }
        return Array(buf.prefix(n))
      }
    }
    if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
    if head.starts(with: [0xFF, 0xD8]) { return .jpeg }
    if head.isEmpty {
      throw .badImage(path == InputFile.standardInputName ? "standard input is empty (0 bytes): pipe a PNG into it" : "the file is empty")
    }
    if ExchangeFile.startsLikeJSON(head) {
      throw .badImage(
        "a JSON file, not a PNG or JPEG image; open the PNG a COCO JSON lists (with --annotations), or convert another tool's export first (panoptty convert FILE OUT.png)")
    }
    throw .badImage("not a PNG or JPEG image")
  }

  /// Decodes the image to RGB. `minSize` lets JPEG decoding scale down early.
  public static func readRGB(
    path: String, limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    switch try sniff(path: path, limits: limits) {
    case .png: return try PNGCodec.readRGB(path: path, limits: limits)
    case .jpeg: return try JPEGCodec.readRGB(path: path, limits: limits, minSize: minSize)
    }
  }

  /// Width and height from the file's header, without decoding pixels.
  public static func size(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> (width: Int, height: Int) {
    switch try sniff(path: path, limits: limits) {
    case .png:
      let h = try PNGCodec.readHeader(path: path, limits: limits)
      return (h.width, h.height)
    case .jpeg: return try JPEGCodec.size(path: path, limits: limits)
    }
  }

  /// Writes a photo as an 8-bit RGB PNG, atomically.
  public static func writePNG(_ image: RGBImage, to path: String) throws(PanopticError) {
    try AtomicFile.write(to: path) { (fd) throws(PanopticError) in try encodePNG(image, to: fd) }
  }

  /// Encodes a photo as an 8-bit RGB PNG into `fd` (a staged file).
  static func encodePNG(_ image: RGBImage, to fd: FileDescriptor) throws(PanopticError) {
    let w = image.width
    try image.bytes.withUnsafeBufferPointer { (px) throws(PanopticError) in
      let base = px.baseAddress!
      try PNGCodec.writeRows(
        to: fd, width: w, height: image.height, bitDepth: 8, channels: 3, text: nil, compression: .photo
      ) { y, row in
        row.copyMemory(from: base + y * w * 3, byteCount: w * 3)
      }
    }
  }
}
