/// Pixels shared by one ground-truth segment and one predicted segment.
///
/// Indices point into `ImageOverlap.groundTruthSegments` /
/// `predictionSegments`; ids are repeated so callers need not look them up.
public struct SegmentOverlap: Sendable, Hashable {
  public var groundTruthIndex: Int
  public var predictionIndex: Int
  public var groundTruthId: UInt32
  public var predictionId: UInt32
  public var pixels: Int

  public init(
    groundTruthIndex: Int, predictionIndex: Int, groundTruthId: UInt32,
    predictionId: UInt32, pixels: Int
  ) {
    self.groundTruthIndex = groundTruthIndex
    self.predictionIndex = predictionIndex
    self.groundTruthId = groundTruthId
    self.predictionId = predictionId
    self.pixels = pixels
  }
}
