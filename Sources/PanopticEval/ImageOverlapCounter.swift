/// Builds an `ImageOverlap` from pixels fed in rows, so the IO layer can
/// decode both PNGs row by row and count each row while it is still in the
/// CPU cache — no full-image id maps at all. `ImageOverlap.count` is the
/// whole-image shortcut over the same code.
///
///     var counter = try ImageOverlapCounter(imageId: id, groundTruthSize: …,
///       predictionSize: …, groundTruthSegments: gt, predictionSegments: pred)
///     for each row y: counter.addRows(groundTruth: gtRow, prediction: predRow)
///     let overlap = try counter.finish()
public struct ImageOverlapCounter: Sendable {
  public let imageId: String
  public let width: Int
  public let height: Int
  private let groundTruthSegments: [EvalSegment]
  private let predictionSegments: [EvalSegment]
  private var counter: PixelPairCounter
  private var pixelsAdded = 0

  /// Fails on a size mismatch up front, so no pixel is decoded in vain.
  public init(
    imageId: String, groundTruthSize: (width: Int, height: Int),
    predictionSize: (width: Int, height: Int), groundTruthSegments: [EvalSegment],
    predictionSegments: [EvalSegment]
  ) throws(EvalError) {
    guard groundTruthSize == predictionSize else {
      throw .sizeMismatch(
        imageId: imageId, groundTruthWidth: groundTruthSize.width,
        groundTruthHeight: groundTruthSize.height, predictionWidth: predictionSize.width,
        predictionHeight: predictionSize.height)
    }
    self.imageId = imageId
    width = groundTruthSize.width
    height = groundTruthSize.height
    self.groundTruthSegments = groundTruthSegments.deduplicatedLikePythonDict()
    self.predictionSegments = predictionSegments.deduplicatedLikePythonDict()
    counter = PixelPairCounter(
      groundTruthIds: self.groundTruthSegments.map(\.id),
      predictionIds: self.predictionSegments.map(\.id))
  }

  /// Adds the next pixels in row-major order (one row, several, or all);
  /// both buffers must hold the same number of pixels.
  public mutating func addRows(
    groundTruth: UnsafeBufferPointer<UInt32>, prediction: UnsafeBufferPointer<UInt32>
  ) {
    precondition(groundTruth.count == prediction.count, "rows of unequal length")
    guard let gtBase = groundTruth.baseAddress, let predBase = prediction.baseAddress else {
      return
    }
    counter.add(gtBase, predBase, count: groundTruth.count)
    pixelsAdded += groundTruth.count
  }

  /// The counts; fails if not exactly width × height pixels were added.
  public func finish() throws(EvalError) -> ImageOverlap {
    guard pixelsAdded == width * height else {
      throw .malformedIdMap(
        imageId: imageId, side: .groundTruth, width: width, height: height,
        pixelCount: pixelsAdded)
    }
    return ImageOverlap(
      imageId: imageId, width: width, height: height, gtSegments: groundTruthSegments,
      predSegments: predictionSegments, gtIndex: counter.groundTruthIndex,
      predIndex: counter.predictionIndex, table: counter.table)
  }
}
