/// The knobs of the selection energy. Defaults are the values chosen on the NoC benchmark
/// (see docs/performance.md); the benchmark server can override them one by one to explore.
///
/// Lengths are in "reference pixels": pixels of the photo scaled to about 640×427, so a 1080p
/// photo behaves like its 640-pixel version (the engine multiplies by the photo's scale).
public struct SelectionTuning: Hashable, Sendable {
  /// 4 or 8 neighbours in the cut graph.
  public var neighbours = 8
  /// Weight of the contrast-sensitive boundary term, in nats (GrabCut: 50).
  public var smoothness = 50.0
  /// Integer capacity units per nat.
  public var capacityScale = 16.0
  /// Colour model: b > 0 = smoothed histogram with 2^b levels a channel; 0 = GrabCut's mixture.
  public var histogramBits = 4
  /// Weight of the uniform floor of the histogram model.
  public var histogramFloor = 0.1
  /// Mixture model only: components, and the covariance floor in squared RGB levels.
  public var mixtureComponents = 5
  public var varianceFloor = 8.0
  /// Colour-model refits (cut, refit, cut ...): the number of cuts.
  public var iterations = 3
  /// Radius of the hard disk each click forces in or out.
  public var seedRadius = 3.0
  /// Weight of a click disk's pixels in the colour samples, relative to an ordinary pixel.
  public var clickSampleWeight = 1.0
  /// Strength (nats) of the click prior: near an include click background costs extra, near an
  /// exclude click object costs extra.
  public var priorStrength = 20.0
  /// Geodesic length (reference pixels) over which that prior decays by e.
  public var priorReach = 20.0
  /// Colour price of the prior's geodesic, in pixels per RGB level (small: nearly Euclidean).
  public var geodesicPixelsPerLevel = 0.05
  /// Keep only selected components that touch an include click.
  public var keepConnectedToIncludes = true
  /// With a box and no include click: keep only the largest selected component.
  public var keepLargestWithoutIncludes = true
  /// Without a box: how far (geodesic reference pixels) from the include clicks the working
  /// area reaches, with `clickReachPixelsPerLevel` as its colour price, plus a margin.
  public var clickReach = 250.0
  public var clickReachPixelsPerLevel = 1.0
  public var clickMargin = 12.0
  /// Without a box: the working area holds at least this square radius around each include click,
  /// so a click on a textured object (where geodesics grow fast) still sees the object.
  public var clickMinimumReach = 64.0
  /// Most pixels a working area may have before the cut runs on a coarser level (then a band
  /// along the boundary is re-cut at full resolution). Max-flow time grows faster than the
  /// node count on textured photos (paths lengthen too): 20,000 keeps the slowest clicks near
  /// 50 ms at 1080p, and NoC on the COCO sample is the same as with 40,000 (15.61 against 15.64).
  public var workingPixels = 20_000
  /// Cut photos bigger than the reference on the coarsest level that still has the reference
  /// detail (then re-cut the band at full resolution), whatever the working area's size.
  public var cutAtReferenceDetail = true
  /// Half-width of that band, in coarse pixels.
  public var bandRadius = 1.5

  public init() {}

  /// Sets a knob by name (for the benchmark server); false for an unknown name.
  public mutating func set(_ name: String, _ value: Double) -> Bool {
    switch name {
    case "neighbours": neighbours = value >= 6 ? 8 : 4
    case "smoothness": smoothness = value
    case "capacityScale": capacityScale = value
    case "histogramBits": histogramBits = min(5, max(0, Int(value)))
    case "histogramFloor": histogramFloor = value
    case "mixtureComponents": mixtureComponents = max(1, Int(value))
    case "varianceFloor": varianceFloor = value
    case "iterations": iterations = max(1, Int(value))
    case "keepLargestWithoutIncludes": keepLargestWithoutIncludes = value != 0
    case "seedRadius": seedRadius = max(0, value)
    case "clickSampleWeight": clickSampleWeight = value
    case "priorStrength": priorStrength = value
    case "priorReach": priorReach = value
    case "geodesicPixelsPerLevel": geodesicPixelsPerLevel = value
    case "keepConnectedToIncludes": keepConnectedToIncludes = value != 0
    case "clickReach": clickReach = value
    case "clickReachPixelsPerLevel": clickReachPixelsPerLevel = value
    case "clickMargin": clickMargin = value
    case "clickMinimumReach": clickMinimumReach = value
    case "workingPixels": workingPixels = max(64, Int(value))
    case "bandRadius": bandRadius = value
    case "cutAtReferenceDetail": cutAtReferenceDetail = value != 0
    default: return false
    }
    return true
  }
}
