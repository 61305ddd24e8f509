/// A decoded label image: one segment id per pixel, row-major, 0 = void.
///
/// For COCO PNGs the IO layer computes `id = R + 256·G + 65536·B`, as
/// panopticapi's `rgb2id`. The evaluation never looks at colours again.
public struct SegmentIdMap: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public var ids: [UInt32]

  public init(width: Int, height: Int, ids: [UInt32]) {
    self.width = width
    self.height = height
    self.ids = ids
  }

  /// Borrows the pixels without copying them for the pixel pass.
  public func withView<R>(_ body: (SegmentIdMapView) -> R) -> R {
    ids.withUnsafeBufferPointer { body(SegmentIdMapView(width: width, height: height, ids: $0)) }
  }
}

/// A borrowed id map, for callers that decode straight into their own
/// buffer (no copy into an array). Valid only while that buffer is.
public struct SegmentIdMapView {
  public var width: Int
  public var height: Int
  public var ids: UnsafeBufferPointer<UInt32>

  public init(width: Int, height: Int, ids: UnsafeBufferPointer<UInt32>) {
    self.width = width
    self.height = height
    self.ids = ids
  }
}

/// One side of an image pair as the evaluation needs it: pixels plus the
/// `segments_info` that names them.
public struct LabelledIdMapView {
  public var map: SegmentIdMapView
  public var segments: [EvalSegment]

  public init(map: SegmentIdMapView, segments: [EvalSegment]) {
    self.map = map
    self.segments = segments
  }
}
