import CTurboJPEG
import Foundation
import PanopticCore

/// The only Swift code that calls TurboJPEG.
public enum JPEGCodec {
  /// Decodes a JPEG to 8-bit RGB. `minSize` lets the decoder use libjpeg's
  /// DCT scaling (1/2, 1/4, 1/8) when the caller only needs that many pixels,
  /// which is several times faster for a terminal-sized view of a big photo.
  public static func readRGB(
    path: String, limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .io(ioReason(error))
    }
    return try decode(data, limits: limits, minSize: minSize)
  }

  public static func decode(
    _ data: Data, limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    guard let handle = tjInitDecompress() else { throw .badImage("cannot start the JPEG decoder") }
    defer { tjDestroy(handle) }
    let bytes = [UInt8](data)
    let (w, h, colorspace) = try header(handle, bytes)
    if w <= 0 || h <= 0 { throw .badImage("corrupt JPEG: the header gives a \(w)×\(h) image") }
    if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
      throw .badImage("CMYK JPEG: panoptty reads RGB and grayscale JPEGs; convert it to sRGB first")
    }
    if Int(w) > limits.maxWidth || Int(h) > limits.maxHeight || Int(w) * Int(h) * 3 > limits.maxBytes {
      throw .tooLarge("\(w)×\(h) pixels is over the decode limit; pass --no-limits if the file is trusted")
    }
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

  static func headerSize(_ data: Data) throws(PanopticError) -> (width: Int, height: Int) {
    guard let handle = tjInitDecompress() else { throw .badImage("cannot start the JPEG decoder") }
    defer { tjDestroy(handle) }
    let (w, h, _) = try header(handle, [UInt8](data))
    return (Int(w), Int(h))
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

func ioReason(_ error: any Error) -> String {
  let ns = error as NSError
  if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
    return String(cString: strerror(Int32(u.code)))
  }
  if ns.domain == NSCocoaErrorDomain {
    switch ns.code {
    case NSFileReadNoSuchFileError: return "No such file or directory"
    case NSFileReadNoPermissionError: return "Permission denied"
    default: break
    }
  }
  return ns.localizedDescription
}
