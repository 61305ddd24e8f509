import CPNGShim
import PanopticModel

/// Guards against decompression bombs and hostile sizes: a tiny file that
/// claims a huge image, a sparse multi-gigabyte JPEG, an endless pipe.
/// Every decoder asks `check` before it allocates pixels.
public struct DecodeLimits: Sendable, Hashable {
  public var maxWidth: Int
  public var maxHeight: Int
  /// Largest decoded pixel buffer, in bytes.
  public var maxBytes: Int
  /// Largest ancillary chunk (zTXt, iCCP …) libpng may allocate.
  public var maxChunkBytes: Int
  /// Largest compressed input read into memory (JPEG files, piped input).
  public var maxFileBytes: Int

  public init(
    maxWidth: Int = 32768, maxHeight: Int = 32768, maxBytes: Int = 1 << 30, maxChunkBytes: Int = 1 << 20,
    maxFileBytes: Int = 1 << 29
  ) {
    self.maxWidth = maxWidth
    self.maxHeight = maxHeight
    self.maxBytes = maxBytes
    self.maxChunkBytes = maxChunkBytes
    self.maxFileBytes = maxFileBytes
  }

  public static let standard = DecodeLimits()
  /// For `--no-limits`: only what the packing and memory allow.
  public static let raised = DecodeLimits(
    maxWidth: 1_000_000, maxHeight: 1_000_000, maxBytes: 1 << 36, maxChunkBytes: 1 << 28, maxFileBytes: 1 << 36)

  /// Refuses an image whose decoded buffer (`bytesPerPixel` each) would pass
  /// the limits; call it with the header's size before allocating.
  public func check(width: Int, height: Int, bytesPerPixel: Int) throws(PanopticError) {
    if let refusal = refusal(width: width, height: height, bytesPerPixel: bytesPerPixel) { throw refusal }
  }

  /// Refuses a header that claims more pixels than the file could hold:
  /// deflate compresses at most 1032:1, so a 68-byte PNG cannot hold a
  /// 16384² image, and nothing is allocated for one.
  public func plausibility(width: Int, height: Int, bitsPerPixel: Int, inputBytes: Int) -> PanopticError? {
    let rawBytes = height.multipliedReportingOverflow(by: 1 + (width * bitsPerPixel + 7) / 8)
    guard !rawBytes.overflow else { return .tooLarge("\(width)×\(height) pixels is over the decode limit") }
    if rawBytes.partialValue / 1032 > inputBytes + 1024 {
      return .badImage(
        "truncated PNG: \(inputBytes) bytes cannot hold the \(width)×\(height) image its header declares")
    }
    return nil
  }

  /// What a PNG header callback asks before allocating: the size limits,
  /// then whether the file could hold what its header declares.
  func refusal(header i: pngshim_info, bytesPerPixel: Int, inputBytes: Int) -> PanopticError? {
    refusal(width: Int(i.width), height: Int(i.height), bytesPerPixel: bytesPerPixel)
      ?? plausibility(width: Int(i.width), height: Int(i.height), bitsPerPixel: i.fileBitsPerPixel, inputBytes: inputBytes)
  }

  /// `check` as a value, for decoder callbacks that cannot throw.
  public func refusal(width: Int, height: Int, bytesPerPixel: Int) -> PanopticError? {
    guard width > 0, height > 0 else { return .badImage("the image is \(width)×\(height)") }
    let (count, overflow) = width.multipliedReportingOverflow(by: height)
    if width > maxWidth || height > maxHeight || overflow || count > maxBytes / max(1, bytesPerPixel) {
      return .tooLarge("\(width)×\(height) pixels is over the decode limit; pass --no-limits if the file is trusted")
    }
    return nil
  }
}
