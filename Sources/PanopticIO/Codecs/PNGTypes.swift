import CPNGShim
import PanopticModel

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
  /// Contents of the `panoptty` tEXt chunk, "" when absent.
  public var text: String
  public var hasGammaOrSRGB: Bool

  init(_ info: pngshim_info) {
    var info = info
    width = Int(info.width)
    height = Int(info.height)
    bitDepth = Int(info.file_bit_depth)
    colorType = Int(info.file_color_type)
    interlaced = info.interlaced != 0
    text = withUnsafeBytes(of: &info.text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    hasGammaOrSRGB = info.has_gamma_or_srgb != 0
  }

  /// A header for label maps that are not PNGs (detectron2's numpy dumps).
  init(width: Int, height: Int, bitDepth: Int, colorType: Int) {
    (self.width, self.height, self.bitDepth, self.colorType) = (width, height, bitDepth, colorType)
    (interlaced, text, hasGammaOrSRGB) = (false, "", false)
  }

  /// How the decoded values are stored, from the IHDR colour type and depth.
  public var storage: PixelValues.Storage {
    switch (colorType, bitDepth) {
    case (0, 16), (4, 16): return .gray16
    case (0, _), (4, _): return .gray8
    case (2, _): return .rgb8
    case (6, _): return .rgba8
    default: return .other
    }
  }
}
