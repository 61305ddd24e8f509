import CPNGShim
import Foundation
import PanopticCore

/// Guards against decompression bombs: a tiny file that claims a huge image.
public struct DecodeLimits: Sendable, Hashable {
  public var maxWidth: Int
  public var maxHeight: Int
  /// Largest decoded pixel buffer, in bytes.
  public var maxBytes: Int
  /// Largest ancillary chunk (zTXt, iCCP …) libpng may allocate.
  public var maxChunkBytes: Int

  public init(maxWidth: Int = 32768, maxHeight: Int = 32768, maxBytes: Int = 1 << 30, maxChunkBytes: Int = 1 << 20) {
    self.maxWidth = maxWidth
    self.maxHeight = maxHeight
    self.maxBytes = maxBytes
    self.maxChunkBytes = maxChunkBytes
  }

  public static let standard = DecodeLimits()
  /// For `--no-limits`: only what the packing and memory allow.
  public static let raised = DecodeLimits(
    maxWidth: 1_000_000, maxHeight: 1_000_000, maxBytes: 1 << 36, maxChunkBytes: 1 << 28)
}

/// How PNG label maps are compressed. Chosen by measurement (docs/formats.md):
/// with no row filter, zlib level 6 finds the long runs of a label map as
/// long matches by itself; on a 4K map this gave the smallest file and the
/// fastest decode of every variant tried, at 2× the encode time of level 1.
public struct PNGCompression: Sendable, Hashable {
  public var level: Int32
  public var strategy: Int32
  public var filters: Int32

  public static var labels: PNGCompression {
    PNGCompression(level: 6, strategy: pngshim_strategy_default(), filters: pngshim_filter_none())
  }
  public static var photo: PNGCompression {
    PNGCompression(level: 6, strategy: pngshim_strategy_default(), filters: pngshim_filter_all())
  }
  public static func custom(level: Int32, strategy: Int32, filters: Int32) -> PNGCompression {
    PNGCompression(level: level, strategy: strategy, filters: filters)
  }
  public static var strategyRLE: Int32 { pngshim_strategy_rle() }
  public static var strategyDefault: Int32 { pngshim_strategy_default() }
  public static var filterNone: Int32 { pngshim_filter_none() }
  public static var filterSub: Int32 { pngshim_filter_sub() }
  public static var filterUp: Int32 { pngshim_filter_up() }
  public static var filterAll: Int32 { pngshim_filter_all() }
}

/// Header facts of a PNG file, as stored.
public struct PNGHeader: Sendable, Hashable {
  public var width: Int
  public var height: Int
  public var bitDepth: Int
  public var colorType: Int
  public var interlaced: Bool
  public var text: String
  public var hasGammaOrSRGB: Bool
}

/// The only Swift code that calls the libpng shim.
public enum PNGCodec {
  /// Reads a label PNG with no colour transforms: gray and RGB values are
  /// folded to one integer a pixel (RGB as R + 256·G + 65536·B).
  public static func readValues(
    path: String, limits: DecodeLimits = .standard
  ) throws(PanopticError) -> (PixelValues, PNGHeader) {
    try readValues(path: path, data: nil, limits: limits)
  }

  /// The same, from bytes in memory (fuzzing, tests).
  public static func readValues(data: [UInt8], limits: DecodeLimits = .standard) throws(PanopticError) -> (
    PixelValues, PNGHeader
  ) {
    try readValues(path: nil, data: data, limits: limits)
  }

  static func readValues(
    path: String?, data: [UInt8]?, limits: DecodeLimits
  ) throws(PanopticError) -> (PixelValues, PNGHeader) {
    final class Sink {
      var values: [UInt32] = []
      var width = 0
      var channels = 0
      var bitDepth = 0
      var refusal: PanopticError?
      let limits: DecodeLimits
      init(limits: DecodeLimits) { self.limits = limits }
    }
    let sink = Sink(limits: limits)
    var info = pngshim_info()
    let header: pngshim_header_fn = { ctx, info in
      let s = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
      let i = info!.pointee
      if i.file_color_type == 3 {
        s.refusal = .badLabels(
          "palette PNG: a label map must be gray or RGB (a palette would remap ids; re-save it without a palette)")
        return 1
      }
      if i.width == 0 || i.height == 0 {
        s.refusal = .badImage("the image is \(i.width)×\(i.height)")
        return 1
      }
      let count = Int(i.width) * Int(i.height)
      if count * 4 > s.limits.maxBytes {
        s.refusal = .tooLarge(
          "\(i.width)×\(i.height) pixels is over the decode limit; pass --no-limits if the file is trusted")
        return 1
      }
      s.values = [UInt32](repeating: 0, count: count)
      s.width = Int(i.width)
      s.channels = Int(i.channels)
      s.bitDepth = Int(i.bit_depth)
      return 0
    }
    let row: pngshim_row_fn = { ctx, y, bytes in
      let s = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
      let w = s.width
      let base = Int(y) * w
      s.values.withUnsafeMutableBufferPointer { out in
        guard let bytes else { return }
        if s.bitDepth == 16 {
          let r16 = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt16.self)
          let ch = s.channels
          for x in 0..<w {
            if ch <= 2 {
              out[base + x] = UInt32(r16[x * ch])
            } else {
              // 16-bit RGB label maps: keep the high bytes, as rgb2id would.
              out[base + x] =
                UInt32(r16[x * ch] >> 8) | UInt32(r16[x * ch + 1] >> 8) << 8 | UInt32(r16[x * ch + 2] >> 8) << 16
            }
          }
        } else {
          let ch = s.channels
          switch ch {
          case 1, 2:
            for x in 0..<w { out[base + x] = UInt32(bytes[x * ch]) }
          default:
            for x in 0..<w {
              let p = x * ch
              out[base + x] = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
            }
          }
        }
      }
      return 0
    }
    var err = [CChar](repeating: 0, count: 256)
    let bytes = data ?? []
    let rc = bytes.withUnsafeBufferPointer { buf in
      pngshim_read(
        path, data == nil ? nil : buf.baseAddress, buf.count, PNGSHIM_MODE_RAW,
        UInt32(min(limits.maxWidth, 0x7FFF_FFFF)), UInt32(min(limits.maxHeight, 0x7FFF_FFFF)), limits.maxChunkBytes,
        &info, header, row, Unmanaged.passUnretained(sink).toOpaque(), &err, err.count)
    }
    if let r = sink.refusal { throw r }
    if rc != 0 { throw classify(message: cString(err), path: path ?? "<memory>") }
    let hdr = PNGHeader(
      width: Int(info.width), height: Int(info.height), bitDepth: Int(info.file_bit_depth),
      colorType: Int(info.file_color_type), interlaced: info.interlaced != 0,
      text: withUnsafeBytes(of: &info.text) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }, hasGammaOrSRGB: info.has_gamma_or_srgb != 0)
    let storage: PixelValues.Storage
    switch (hdr.colorType, hdr.bitDepth) {
    case (0, 16), (4, 16): storage = .gray16
    case (0, _), (4, _): storage = .gray8
    case (2, _): storage = .rgb8
    case (6, _): storage = .rgba8
    default: storage = .other
    }
    return (
      PixelValues(width: hdr.width, height: hdr.height, values: sink.values, storage: storage, text: hdr.text),
      hdr
    )
  }

  /// Reads only the header (IHDR and the chunks before IDAT), no pixels.
  public static func readHeader(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> PNGHeader {
    var info = pngshim_info()
    var err = [CChar](repeating: 0, count: 256)
    let stop: pngshim_header_fn = { _, _ in 1 }
    let rc = pngshim_read(
      path, nil, 0, PNGSHIM_MODE_RAW, UInt32(min(limits.maxWidth, 0x7FFF_FFFF)),
      UInt32(min(limits.maxHeight, 0x7FFF_FFFF)), limits.maxChunkBytes, &info, stop, nil, nil, &err, err.count)
    if rc < 0 { throw classify(message: cString(err), path: path) }
    return PNGHeader(
      width: Int(info.width), height: Int(info.height), bitDepth: Int(info.file_bit_depth),
      colorType: Int(info.file_color_type), interlaced: info.interlaced != 0,
      text: withUnsafeBytes(of: &info.text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) },
      hasGammaOrSRGB: info.has_gamma_or_srgb != 0)
  }

  /// Reads any PNG as 8-bit RGB for display, handing rows to `row` as they
  /// are decoded so a caller can downsample without holding the full image.
  public static func readRGBRows(
    path: String, limits: DecodeLimits = .standard,
    header: @escaping (Int, Int) throws(PanopticError) -> Void,
    row: @escaping (Int, UnsafeBufferPointer<UInt8>) -> Void
  ) throws(PanopticError) {
      do {
        final class Sink {
          var header: (Int, Int) throws(PanopticError) -> Void
          var row: (Int, UnsafeBufferPointer<UInt8>) -> Void
          var width = 0
          var refusal: PanopticError?
          let limits: DecodeLimits
          init(
            header: @escaping (Int, Int) throws(PanopticError) -> Void,
            row: @escaping (Int, UnsafeBufferPointer<UInt8>) -> Void, limits: DecodeLimits
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
          if i.width == 0 || i.height == 0 {
            s.refusal = .badImage("the image is \(i.width)×\(i.height)")
            return 1
          }
          if Int(i.width) * Int(i.height) * 3 > s.limits.maxBytes {
            s.refusal = .tooLarge(
              "\(i.width)×\(i.height) pixels is over the decode limit; pass --no-limits if the file is trusted")
            return 1
          }
          s.width = Int(i.width)
          do {
            try s.header(Int(i.width), Int(i.height))
          } catch {
            s.refusal = PanopticError.wrap(error)
            return 1
          }
          return 0
        }
        let rfn: pngshim_row_fn = { ctx, y, bytes in
          let s = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
          s.row(Int(y), UnsafeBufferPointer(start: bytes, count: s.width * 3))
          return 0
        }
        var info = pngshim_info()
        var err = [CChar](repeating: 0, count: 256)
        let rc = pngshim_read(
          path, nil, 0, PNGSHIM_MODE_RGB8, UInt32(min(limits.maxWidth, 0x7FFF_FFFF)),
          UInt32(min(limits.maxHeight, 0x7FFF_FFFF)), limits.maxChunkBytes, &info, hfn, rfn,
          Unmanaged.passUnretained(sink).toOpaque(), &err, err.count)
        if let r = sink.refusal { throw r }
        if rc != 0 { throw classify(message: cString(err), path: path) }
      }
  }

  /// Reads any PNG as a full 8-bit RGB image.
  public static func readRGB(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> RGBImage {
    var bytes: [UInt8] = []
    var w = 0
    var h = 0
    try readRGBRows(
      path: path, limits: limits,
      header: { (width: Int, height: Int) throws(PanopticError) in
        w = width
        h = height
        bytes = [UInt8](repeating: 0, count: width * height * 3)
      },
      row: { y, row in
        bytes.withUnsafeMutableBufferPointer { out in
          _ = UnsafeMutableBufferPointer(rebasing: out[(y * w * 3)..<((y + 1) * w * 3)]).initialize(from: row)
        }
      })
    return RGBImage(width: w, height: h, bytes: bytes)
  }

  /// Writes gray (1 channel, 8 or 16 bit) or RGB (3 channels, 8 bit) samples
  /// straight to `path` (callers go through `AtomicFile`).
  static func write(
    path: String, width: Int, height: Int, bitDepth: Int, channels: Int,
    samples: UnsafeRawBufferPointer, text: String?, compression: PNGCompression
  ) throws(PanopticError) {
    var err = [CChar](repeating: 0, count: 256)
    let colorType: Int32 = channels == 3 ? 2 : 0
    let rowBytes = width * channels * bitDepth / 8
    let rc = pngshim_write(
      path, UInt32(width), UInt32(height), Int32(bitDepth), colorType, samples.baseAddress, rowBytes,
      text == nil ? nil : "panoptty", text, compression.level, compression.strategy, compression.filters,
      &err, err.count)
    if rc != 0 {
      let msg = cString(err)
      throw .io(msg == "Write Error" ? String(cString: strerror(errno)) : msg)
    }
  }

  /// Writes rows produced on demand: `fill(y, row)` gets one row of
  /// samples to fill (UInt16 host order for 16-bit, bytes for 8-bit).
  static func writeRows(
    path: String, width: Int, height: Int, bitDepth: Int, channels: Int, text: String?,
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
        path, UInt32(width), UInt32(height), Int32(bitDepth), colorType,
        { ctx, y, row in
          Unmanaged<Filler>.fromOpaque(ctx!).takeUnretainedValue().fill(Int(y), UnsafeMutableRawPointer(row!))
          return 0
        }, Unmanaged.passUnretained(filler).toOpaque(), text == nil ? nil : "panoptty", text, compression.level,
        compression.strategy, compression.filters, &err, err.count)
    }
    if rc != 0 {
      let msg = cString(err)
      throw .io(msg == "Write Error" ? String(cString: strerror(errno)) : msg)
    }
  }

  static func cString(_ buf: [CChar]) -> String {
    String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Turns libpng's terse messages into ones that say what happened.
  static func classify(message: String, path: String) -> PanopticError {
    let m = message
    if m.contains("No such file") || m.contains("Permission denied") || m.contains("Is a directory") {
      return .io(m)
    }
    if m.hasPrefix("truncated PNG") { return .badImage(m) }
    if m.contains("over the limit of") {
      return .tooLarge("PNG over the decode limits (\(m)); pass --no-limits if the file is trusted")
    }
    if m.contains("Read Error") || m.contains("unexpected end") || m.contains("Not enough image data") {
      return .badImage("truncated PNG (\(m))")
    }
    if m.contains("CRC") { return .badImage("corrupt PNG: \(m)") }
    if m.contains("exceeds user limit") || m.contains("too large") || m.contains("chunk data is too large") {
      return .tooLarge("PNG over the decode limits (\(m)); pass --no-limits if the file is trusted")
    }
    if m.hasPrefix("not a PNG") { return .badImage(m) }
    return .badImage("corrupt PNG: \(m)")
  }
}
