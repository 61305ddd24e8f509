import CPNGShim
import PanopticModel
import SystemPackage

/// The only Swift code that calls the libpng shim. Files are opened by
/// `InputFile` / `AtomicFile` and handed over as descriptors, so every open
/// goes through the one System layer.
public enum PNGCodec {
  /// Reads a label PNG with no colour transforms: gray and RGB values are
  /// folded to one integer a pixel (RGB as R + 256·G + 65536·B).
  public static func readValues(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> (PixelValues, PNGHeader) {
    try InputFile.with(path, maxStreamBytes: limits.maxFileBytes, magic: [PNGCodec.signature]) { (input) throws(PanopticError) in
      try readValues(input, limits: limits)
    }
  }

  /// The same, from bytes in memory (fuzzing, tests).
  public static func readValues(data: [UInt8], limits: DecodeLimits = .standard) throws(PanopticError) -> (PixelValues, PNGHeader) {
    try readValues(.bytes(data), limits: limits)
  }

  static func readValues(_ input: InputFile, limits: DecodeLimits) throws(PanopticError) -> (PixelValues, PNGHeader) {
    let sink = ValuesSink(limits: limits, inputBytes: input.byteCount)
    var info = pngshim_info()
    let failure = decode(
      input, mode: PNGSHIM_MODE_RAW, limits: limits, info: &info, header: ValuesSink.onHeader, row: ValuesSink.onRow,
      context: Unmanaged.passUnretained(sink).toOpaque())
    if let r = sink.refusal { throw r }
    if let failure { throw failure }
    let hdr = PNGHeader(info)
    var pv = PixelValues(width: hdr.width, height: hdr.height, values: sink.values, storage: hdr.storage, text: hdr.text)
    pv.translucentPixels = sink.translucent
    return (pv, hdr)
  }

  /// One decoded row to one integer a pixel.
  @inline(__always)
  static func foldRow(
    _ bytes: UnsafePointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>, base: Int, width w: Int, channels ch: Int,
    bitDepth: Int
  ) {
    if bitDepth == 16 {
      let r16 = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt16.self)
      for x in 0..<w {
        if ch <= 2 {
          out[base + x] = UInt32(r16[x * ch])
        } else {
          // 16-bit RGB label maps: keep the high bytes, as rgb2id would.
          out[base + x] = UInt32(r16[x * ch] >> 8) | UInt32(r16[x * ch + 1] >> 8) << 8 | UInt32(r16[x * ch + 2] >> 8) << 16
        }
      }
    } else if ch <= 2 {
      for x in 0..<w { out[base + x] = UInt32(bytes[x * ch]) }
    } else {
      for x in 0..<w {
        let p = x * ch
        out[base + x] = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
      }
    }
  }

  /// The pixels of a row whose alpha (the last channel of gray+alpha or
  /// RGBA) is below the maximum.
  static func countTranslucent(_ bytes: UnsafePointer<UInt8>, width w: Int, channels ch: Int, bitDepth: Int) -> Int {
    guard ch == 2 || ch == 4 else { return 0 }
    var n = 0
    if bitDepth == 16 {
      let r16 = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt16.self)
      for x in 0..<w where r16[x * ch + ch - 1] != 0xFFFF { n += 1 }
    } else {
      for x in 0..<w where bytes[x * ch + ch - 1] != 0xFF { n += 1 }
    }
    return n
  }

  /// Reads only the header (IHDR and the chunks before IDAT), no pixels.
  public static func readHeader(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> PNGHeader {
    try InputFile.with(path, maxStreamBytes: limits.maxFileBytes, magic: [PNGCodec.signature]) { (input) throws(PanopticError) in
      var info = pngshim_info()
      let stop: pngshim_header_fn = { _, _ in 1 }
      if let failure = decode(input, mode: PNGSHIM_MODE_RAW, limits: limits, info: &info, header: stop, row: nil, context: nil) {
        throw failure
      }
      return PNGHeader(info)
    }
  }

  /// Reads any PNG as 8-bit RGB for display, handing rows to `row` as they
  /// are decoded so a caller can downsample without holding the full image.
  public static func readRGBRows(
    path: String, limits: DecodeLimits = .standard,
    header: @escaping (Int, Int) -> PanopticError?,
    row: @escaping (Int, UnsafeBufferPointer<UInt8>) -> Void
  ) throws(PanopticError) {
    final class Sink {
      let header: (Int, Int) -> PanopticError?
      let row: (Int, UnsafeBufferPointer<UInt8>) -> Void
      var width = 0
      var refusal: PanopticError?
      let limits: DecodeLimits
      var inputBytes = Int.max
      init(
        header: @escaping (Int, Int) -> PanopticError?, row: @escaping (Int, UnsafeBufferPointer<UInt8>) -> Void,
        limits: DecodeLimits
      ) {
        self.header = header
        self.row = row
        self.limits = limits
      }
    }
    let sink = Sink(header: header, row: row, limits: limits)
    let hfn: pngshim_header_fn = { ctx, info in
      let s = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
      let i = info!.pointee
      if let r = s.limits.refusal(header: i, bytesPerPixel: 3, inputBytes: s.inputBytes)
        ?? s.header(Int(i.width), Int(i.height))
      {
        s.refusal = r
        return 1
      }
      s.width = Int(i.width)
      return 0
    }
    let rfn: pngshim_row_fn = { ctx, y, bytes in
      let s = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
      s.row(Int(y), UnsafeBufferPointer(start: bytes, count: s.width * 3))
      return 0
    }
    try InputFile.with(path, maxStreamBytes: limits.maxFileBytes, magic: [PNGCodec.signature]) { (input) throws(PanopticError) in
      sink.inputBytes = input.byteCount
      var info = pngshim_info()
      let failure = decode(
        input, mode: PNGSHIM_MODE_RGB8, limits: limits, info: &info, header: hfn, row: rfn,
        context: Unmanaged.passUnretained(sink).toOpaque())
      if let r = sink.refusal ?? failure { throw r }
    }
  }

  /// Reads any PNG as a full 8-bit RGB image.
  public static func readRGB(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> RGBImage {
    final class Buffer: @unchecked Sendable {
      var bytes: [UInt8] = []
      var width = 0
      var height = 0
    }
    let b = Buffer()
    try readRGBRows(
      path: path, limits: limits,
      header: { width, height in
        b.width = width
        b.height = height
        b.bytes = [UInt8](repeating: 0, count: width * height * 3)
        return nil
      },
      row: { y, row in
        let w = b.width
        b.bytes.withUnsafeMutableBufferPointer { out in
          _ = UnsafeMutableBufferPointer(rebasing: out[(y * w * 3)..<((y + 1) * w * 3)]).initialize(from: row)
        }
      })
    return RGBImage(width: b.width, height: b.height, bytes: b.bytes)
  }

  /// Runs the shim on a descriptor or on bytes and turns its status into errors.
  /// Returns the shim's failure as an error value (callers first look at
  /// what their callbacks refused, which explains a stop better).
  static func decode(
    _ input: InputFile, mode: Int32, limits: DecodeLimits, info: inout pngshim_info, header: pngshim_header_fn?,
    row: pngshim_row_fn?, context: UnsafeMutableRawPointer?
  ) -> PanopticError? {
    var err = [CChar](repeating: 0, count: 256)
    let maxW = UInt32(min(limits.maxWidth, 0x7FFF_FFFF)), maxH = UInt32(min(limits.maxHeight, 0x7FFF_FFFF))
    let rc: Int32
    switch input {
    case .descriptor(let fd, _):
      rc = pngshim_read(fd.rawValue, nil, 0, mode, maxW, maxH, limits.maxChunkBytes, &info, header, row, context, &err, err.count)
    case .bytes(let bytes):
      rc = bytes.withUnsafeBufferPointer { buf in
        pngshim_read(-1, buf.baseAddress, buf.count, mode, maxW, maxH, limits.maxChunkBytes, &info, header, row, context, &err, err.count)
      }
    }
    return rc < 0 ? classify(message: cString(err)) : nil
  }

  /// Writes rows produced on demand into `fd`: `fill(y, row)` gets one row of
  /// samples to fill (UInt16 host order for 16-bit, bytes for 8-bit).
  static func writeRows(
    to fd: FileDescriptor, width: Int, height: Int, bitDepth: Int, channels: Int, text: String?,
    compression: PNGCompression, fill: @escaping (Int, UnsafeMutableRawPointer) -> Void
  ) throws(PanopticError) {
    final class Filler {
      let fill: (Int, UnsafeMutableRawPointer) -> Void
      init(_ f: @escaping (Int, UnsafeMutableRawPointer) -> Void) { fill = f }
    }
    let filler = Filler(fill)
    var err = [CChar](repeating: 0, count: 256)
    let colorType: Int32 = channels == 3 ? 2 : 0
    let rc = withExtendedLifetime(filler) {
      pngshim_write_rows(
        fd.rawValue, UInt32(width), UInt32(height), Int32(bitDepth), colorType,
        { ctx, y, row in
          Unmanaged<Filler>.fromOpaque(ctx!).takeUnretainedValue().fill(Int(y), UnsafeMutableRawPointer(row!))
          return 0
        }, Unmanaged.passUnretained(filler).toOpaque(), text == nil ? nil : "panoptty", text, compression.level,
        compression.strategy, compression.filters, &err, err.count)
    }
    if rc != 0 { throw .io(cString(err)) }
  }

  static func cString(_ buf: [CChar]) -> String {
    String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Turns libpng's terse messages into ones that say what happened.
  static func classify(message m: String) -> PanopticError {
    if m.hasPrefix("truncated PNG") { return .badImage(m) }
    if m.contains("over the limit of") || m.contains("exceeds user limit") || m.contains("too large") {
      return .tooLarge("PNG over the decode limits (\(m)); pass --no-limits if the file is trusted")
    }
    if m.contains("Read Error") || m.contains("unexpected end") || m.contains("Not enough image data") {
      return .badImage("truncated PNG (\(m))")
    }
    if m.contains("CRC") { return .badImage("corrupt PNG: \(m)") }
    if m.hasPrefix("not a PNG") { return .badImage(m) }
    return .badImage("corrupt PNG: \(m)")
  }
}

/// Where the label decoder's C callbacks put values and refusals.
private final class ValuesSink {
  var values: [UInt32] = []
  var width = 0
  var channels = 0
  var bitDepth = 0
  var translucent = 0
  var refusal: PanopticError?
  let limits: DecodeLimits
  let inputBytes: Int
  init(limits: DecodeLimits, inputBytes: Int) {
    self.limits = limits
    self.inputBytes = inputBytes
  }

  static let onHeader: pngshim_header_fn = { ctx, info in
      let s = Unmanaged<ValuesSink>.fromOpaque(ctx!).takeUnretainedValue()
      let i = info!.pointee
      if i.file_color_type == 3 {
        s.refusal = .badLabels(
          "palette PNG: a label map must be gray or RGB (a palette would remap ids; re-save it without a palette)")
        return 1
      }
      // 8 bytes a pixel: the decoded values and the label map made from
      // them are alive together, and both count against the memory limit.
      if let r = s.limits.refusal(header: i, bytesPerPixel: 8, inputBytes: s.inputBytes)
      {
        s.refusal = r
        return 1
      }
      s.values = [UInt32](repeating: 0, count: Int(i.width) * Int(i.height))
      s.width = Int(i.width)
      s.channels = Int(i.channels)
      s.bitDepth = Int(i.bit_depth)
      return 0
    }
  static let onRow: pngshim_row_fn = { ctx, y, bytes in
      let s = Unmanaged<ValuesSink>.fromOpaque(ctx!).takeUnretainedValue()
      guard let bytes else { return 0 }
      s.values.withUnsafeMutableBufferPointer { out in
        PNGCodec.foldRow(bytes, into: out, base: Int(y) * s.width, width: s.width, channels: s.channels, bitDepth: s.bitDepth)
      }
      s.translucent += PNGCodec.countTranslucent(bytes, width: s.width, channels: s.channels, bitDepth: s.bitDepth)
      return 0
    }
}

extension pngshim_info {
  /// Bits per pixel as stored in the file (for the size plausibility check).
  var fileBitsPerPixel: Int {
    let channels: Int
    switch file_color_type {
    case 2: channels = 3
    case 4: channels = 2
    case 6: channels = 4
    default: channels = 1
    }
    return channels * Int(file_bit_depth)
  }
}

extension PNGCodec {
  /// The eight bytes every PNG starts with.
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
