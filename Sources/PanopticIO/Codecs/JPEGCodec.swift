import CTurboJPEG
import PanopticModel

/// The only Swift code that calls TurboJPEG.
public enum JPEGCodec {
  /// Decodes a JPEG to 8-bit RGB. `minSize` lets the decoder use libjpeg's
  /// DCT scaling (1/2, 1/4, 1/8) when the caller only needs that many pixels,
  /// which is several times faster for a terminal-sized view of a big photo.
  public static func readRGB(
    path: String, limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    let bytes = try InputFile.with(path, maxStreamBytes: limits.maxFileBytes) { (input) throws(PanopticError) in
      try input.readAll(limit: limits.maxFileBytes)
    }
    return try decode(bytes, limits: limits, minSize: minSize)
  }

  /// Width and height from the header alone.
  public static func size(path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> (width: Int, height: Int) {
    // The header is in the first few kilobytes; reading more is wasted.
    let bytes = try InputFile.with(path, maxStreamBytes: limits.maxFileBytes) { (input) throws(PanopticError) in
      try input.readAll(limit: limits.maxFileBytes)
    }
    return try withDecoder { (handle) throws(PanopticError) in
      let (w, h, _) = try header(handle, bytes)
      return (Int(w), Int(h))
    }
  }

  public static func decode(
    _ bytes: [UInt8], limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    try withDecoder { (handle) throws(PanopticError) in
      let (w, h, colorspace) = try header(handle, bytes)
      if w <= 0 || h <= 0 { throw .badImage("corrupt JPEG: the header gives a \(w)×\(h) image") }
      if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
        throw .badImage("CMYK JPEG: panoptty reads RGB and grayscale JPEGs; convert it to sRGB first")
      }
      try limits.check(width: Int(w), height: Int(h), bytesPerPixel: 3)
      var outW = w
      var outH = h
      if let want = minSize {
        // Largest reduction that still leaves at least the wanted size.
        for denom: Int32 in [8, 4, 2] {
          let sw = (w + denom - 1) / denom
          let sh = (h + denom - 1) / denom
          if Int(sw) >= want.width && Int(sh) >= want.height {
            outW = sw
            outH = sh
            break
          }
        }
      }
      var out = [UInt8](repeating: 0, count: Int(outW) * Int(outH) * 3)
      let pixelFormat = Int32(TJPF_RGB.rawValue)
      let drc = bytes.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
          // Stop on warnings: a truncated photo would be labelled as half grey.
          tjDecompress2(
            handle, src.baseAddress, UInt(src.count), dst.baseAddress, outW, 0, outH, pixelFormat,
            Int32(TJFLAG_STOPONWARNING))
        }
      }
      if drc != 0 {
        let msg = errorString(handle)
        if msg.contains("Premature end") { throw .badImage("truncated JPEG (\(msg))") }
        throw .badImage("corrupt JPEG: \(msg)")
      }
      return RGBImage(width: Int(outW), height: Int(outH), bytes: out)
    }
  }

  static func withDecoder<T>(_ body: (tjhandle) throws(PanopticError) -> T) throws(PanopticError) -> T {
    guard let handle = tjInitDecompress() else { throw .badImage("cannot start the JPEG decoder") }
    defer { tjDestroy(handle) }
    return try body(handle)
  }

  /// Width, height and colour space from the JPEG header.
  static func header(_ handle: tjhandle, _ bytes: [UInt8]) throws(PanopticError) -> (Int32, Int32, Int32) {
    var w: Int32 = 0
    var h: Int32 = 0
    var subsamp: Int32 = 0
    var colorspace: Int32 = 0
    let rc = bytes.withUnsafeBufferPointer { buf in
      tjDecompressHeader3(handle, buf.baseAddress, UInt(buf.count), &w, &h, &subsamp, &colorspace)
    }
    if rc != 0 { throw .badImage("corrupt JPEG: \(errorString(handle))") }
    return (w, h, colorspace)
  }

  static func errorString(_ handle: tjhandle) -> String {
    guard let p = tjGetErrorStr2(handle) else { return "unknown error" }
    return String(cString: p)
  }
}
