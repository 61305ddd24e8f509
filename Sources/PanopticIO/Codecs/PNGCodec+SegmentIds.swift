import CPNGShim
import PanopticModel

/// A COCO panoptic PNG decoded to segment ids, `R + 256·G + 65536·B`
/// (panopticapi's `rgb2id`), in a buffer that owns its memory — for `eval`,
/// which decodes thousands of these and hands them to the evaluation as
/// borrowed views, without zero-filling or copying an array per image.
public final class SegmentIdBuffer: @unchecked Sendable {
  public let width: Int
  public let height: Int
  /// width × height ids, row-major; valid while this object lives.
  public let ids: UnsafeMutableBufferPointer<UInt32>

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
    ids = .allocate(capacity: max(width * height, 1))
  }

  deinit { ids.deallocate() }
}

extension PNGCodec {
  /// Reads an 8-bit RGB or RGBA PNG as segment ids (alpha ignored, as
  /// `rgb2id` ignores it). The image data's CRCs and Adler-32 are not
  /// verified (PIL, which pq_compute reads with, does not verify them
  /// either); broken deflate data still fails. Anything but 8-bit RGB(A)
  /// is refused: a COCO panoptic PNG is 8-bit RGB.
  public static func readSegmentIds(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> SegmentIdBuffer {
    try InputFile.with(path, maxStreamBytes: limits.maxFileBytes, magic: [PNGCodec.signature]) { (input) throws(PanopticError) in
      let sink = IdSink(limits: limits, inputBytes: input.byteCount)
      var info = pngshim_info()
      let failure = decode(
        input, mode: PNGSHIM_MODE_RAW_UNCHECKED, limits: limits, info: &info, header: IdSink.onHeader,
        row: IdSink.onRow, context: Unmanaged.passUnretained(sink).toOpaque())
      if let r = sink.refusal { throw r }
      if let failure { throw failure }
      guard let buffer = sink.buffer else { throw .badImage("no image data") }
      return buffer
    }
  }

  /// One row of 8-bit RGB (3 bytes a pixel) or RGBA (4) to ids, four RGB
  /// pixels from three 32-bit loads.
  @inline(__always)
  static func foldRGBRow(_ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt32>, width w: Int, channels: Int) {
    let raw = UnsafeRawPointer(row)
    var x = 0
    if channels == 4 {
      while x < w {
        out[x] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self)) & 0xFF_FFFF
        x += 1
      }
      return
    }
    while x + 4 <= w {
      let a = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 3 * x, as: UInt32.self))
      let b = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 3 * x + 4, as: UInt32.self))
      let c = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 3 * x + 8, as: UInt32.self))
      out[x] = a & 0xFF_FFFF
      out[x + 1] = a >> 24 | (b & 0xFFFF) << 8
      out[x + 2] = b >> 16 | (c & 0xFF) << 16
      out[x + 3] = c >> 8
      x += 4
    }
    while x < w {
      out[x] = UInt32(row[3 * x]) | UInt32(row[3 * x + 1]) << 8 | UInt32(row[3 * x + 2]) << 16
      x += 1
    }
  }
}

/// Where `readSegmentIds`'s C callbacks put rows and refusals.
private final class IdSink {
  var buffer: SegmentIdBuffer?
  var channels = 3
  var refusal: PanopticError?
  let limits: DecodeLimits
  let inputBytes: Int

  init(limits: DecodeLimits, inputBytes: Int) {
    self.limits = limits
    self.inputBytes = inputBytes
  }

  static let onHeader: pngshim_header_fn = { ctx, info in
    let s = Unmanaged<IdSink>.fromOpaque(ctx!).takeUnretainedValue()
    let i = info!.pointee
    guard i.file_bit_depth == 8, i.file_color_type == 2 || i.file_color_type == 6 else {
      let kind = i.file_color_type == 3 ? "a palette PNG" : "\(i.file_bit_depth)-bit, colour type \(i.file_color_type)"
      s.refusal = .badLabels("a COCO panoptic PNG must be 8-bit RGB, not \(kind)")
      return 1
    }
    if let r = s.limits.refusal(header: i, bytesPerPixel: 4, inputBytes: s.inputBytes)
    {
      s.refusal = r
      return 1
    }
    s.buffer = SegmentIdBuffer(width: Int(i.width), height: Int(i.height))
    s.channels = Int(i.channels)
    return 0
  }

  static let onRow: pngshim_row_fn = { ctx, y, bytes in
    let s = Unmanaged<IdSink>.fromOpaque(ctx!).takeUnretainedValue()
    guard let bytes, let buffer = s.buffer, let base = buffer.ids.baseAddress else { return 0 }
    PNGCodec.foldRGBRow(bytes, into: base + Int(y) * buffer.width, width: buffer.width, channels: s.channels)
    return 0
  }
}
