/// The pixel values of a decoded PNG, folded to one integer per pixel:
/// gray as is, RGB as `R + 256·G + 65536·B` (COCO's rgb2id).
public struct PixelValues: Sendable, Hashable {
  public enum Storage: String, Sendable, Hashable {
    case gray8, gray16, rgb8, rgba8, other
  }

  public var width: Int
  public var height: Int
  public var values: [UInt32]
  public var storage: Storage
  /// Contents of the `panoptty` tEXt chunk, "" when absent.
  public var text: String
  /// Pixels whose alpha channel (gray+alpha, RGBA) is not fully opaque: the
  /// fold drops alpha, so a file with any is refused as a label map.
  public var translucentPixels: Int = 0

  public init(width: Int, height: Int, values: [UInt32], storage: Storage, text: String = "") {
    self.width = width
    self.height = height
    self.values = values
    self.storage = storage
    self.text = text
  }
}

extension PixelValues {
  /// The distinct values, found with one compare per pixel (runs are skipped).
  public func distinctValues() -> Set<UInt32> {
    var distinct = Set<UInt32>()
    var last: UInt32 = .max
    for v in values where v != last {
      last = v
      distinct.insert(v)
    }
    return distinct
  }
}
