import PanopticModel
import Synchronization

/// The smart-selection engine for one photo: include/exclude clicks and an optional box in, a
/// selection mask out.
///
/// Create one per loaded photo (full-resolution features are computed in `init`; coarser levels
/// on first use) and call `select` after every click with the whole input so far. The answer is
/// a pure function of (photo, tuning, input): a script that gives all clicks at once and an
/// interactive session that adds them one by one get identical masks. Calls that keep the box
/// (or, without a box, the same working area) reuse the previous cut's flow and search trees,
/// which makes a corrective click cheap but never changes the result.
///
/// Thread-safe: calls are serialised by an internal lock (one selection at a time per photo).
public final class SmartSelector: Sendable {
  public let width: Int
  public let height: Int
  public let tuning: SelectionTuning
  private let state: Mutex<SelectorState>

  public init(image: RGBImage, tuning: SelectionTuning = SelectionTuning()) {
    width = image.width
    height = image.height
    self.tuning = tuning
    state = Mutex(SelectorState(pyramid: ImagePyramid(image: image)))
  }

  /// The selection for `input`, at full resolution (what `accept` paints).
  public func select(_ input: SelectionInput) -> SelectionMask {
    select(input, visiblePixel: 1)
  }

  /// The selection for `input` as a screen showing one pixel for every `visiblePixel` photo
  /// pixels can show it: the live preview after a click. A big working area is cut on a
  /// coarser level and only a band along the boundary is re-cut at full resolution; when a
  /// level pixel is no larger than a screen pixel (a fitted 1080p photo shows ~10 photo pixels
  /// a half cell) that band changes nothing the screen shows, so the preview skips it. The cut
  /// itself is the one `accept` uses, so preview and answer differ only within a screen pixel
  /// of the boundary; `visiblePixel` 1 is the full answer.
  public func select(_ input: SelectionInput, visiblePixel: Int) -> SelectionMask {
    var input = input
    // A kept plane of another size says nothing about this photo's pixels.
    if let kept = input.kept, kept.width != width || kept.height != height { input.kept = nil }
    return state.withLock { state in
      let detail = max(1, visiblePixel)
      if let last = state.lastInput, last == input, state.lastDetail == detail, let mask = state.lastMask {
        return mask
      }
      let (bytes, area) = compute(input, detail: detail, &state)
      let mask = SelectionMask(width: width, height: height, bytes: bytes, nonZeroWithin: area)
      state.lastInput = input
      state.lastDetail = detail
      state.lastMask = mask
      return mask
    }
  }

  /// The answer's bytes, and the working area outside which they are all zero (nil: all are).
  private func compute(_ input: SelectionInput, detail: Int, _ state: inout SelectorState) -> ([UInt8], PixelRect?) {
    var output = [UInt8](repeating: 0, count: width * height)
    guard let fullArea = SelectionProblem.fullArea(input: input, pyramid: &state.pyramid, tuning: tuning) else {
      return (output, nil)
    }
    let u = state.pyramid.referenceScale
    let factor = SelectionProblem.factor(for: fullArea, tuning: tuning, referenceScale: u)
    let level = state.pyramid.level(factor)
    let problem = SelectionProblem(
      input: input, fullArea: fullArea, level: level, factor: factor, seedRadius: tuning.seedRadius * u,
      fullWidth: width, fullHeight: height)
    let graph = state.graph(for: problem, level: level, tuning: tuning)
    let solver = LevelSolver(features: level, problem: problem, tuning: tuning, lengthScale: u / Double(factor))
    let solution = solver.solve(on: graph)
    let fixed = ClickSeeds(clicks: input.clicks, rect: fullArea, radius: tuning.seedRadius * u)
    var labels: [UInt8]
    if factor == 1 {
      labels = solution.labels
    } else {
      let refinement = BandRefinement(
        full: state.pyramid.full, fullArea: fullArea, problem: problem, solution: solution, tuning: tuning)
      // When a level pixel is no larger than a screen pixel the band would change nothing visible.
      labels = factor <= detail ? refinement.upsampled() : refinement.refine(fixed: fixed, kept: input.kept)
      if tuning.keepConnectedToIncludes && !fixed.includeCentres.isEmpty {
        ConnectedComponents.keepReachable(&labels, width: fullArea.width, height: fullArea.height, seeds: fixed.includeCentres)
      } else if tuning.keepLargestWithoutIncludes && input.box != nil && factor > detail {
        // (Upsampled, the level's one piece stays one piece: only the band can split off more.)
        ConnectedComponents.keepLargest(&labels, width: fullArea.width, height: fullArea.height)
      }
    }
    // The click disks are the annotator's word: in (or out) whatever the energy said.
    for (p, s) in fixed.labels.enumerated() where s != ClickSeeds.none { labels[p] = s == ClickSeeds.object ? 1 : 0 }
    // Kept pixels are never in the answer (preserve mode would not paint them), clicks or not.
    // (`select` dropped a plane of another size.)
    let kept = input.kept?.bytes ?? []
    for y in fullArea.y0...fullArea.y1 {
      let row = (y - fullArea.y0) * fullArea.width - fullArea.x0
      for x in fullArea.x0...fullArea.x1 {
        let p = y * width + x
        output[p] = !kept.isEmpty && kept[p] != 0 ? 0 : labels[row + x]
      }
    }
    return (output, fullArea)
  }
}

/// What the selector keeps between calls: the pyramid, the last answer, and the cut graph of
/// the last working area (whose flow the next cut on the same area starts from).
struct SelectorState: ~Copyable {
  var pyramid: ImagePyramid
  var lastInput: SelectionInput?
  var lastDetail = 1
  var lastMask: SelectionMask?
  var graphKey: GraphKey?
  var cachedGraph: CutGraph?

  /// Identifies a graph: same level, same area, same border rule give the same arcs (kept
  /// pixels change only terminal capacities, which every cut sets afresh).
  struct GraphKey: Hashable {
    var factor: Int
    var area: PixelRect
    var borderIsBackground: Bool
  }

  init(pyramid: ImagePyramid) {
    self.pyramid = pyramid
  }

  mutating func graph(for problem: SelectionProblem, level: ImageFeatures, tuning: SelectionTuning) -> CutGraph {
    let key = GraphKey(factor: problem.factor, area: problem.area, borderIsBackground: problem.borderIsBackground)
    if key == graphKey, let cachedGraph { return cachedGraph }
    let made = CutGraph(
      features: level, area: problem.area, outsideIsBackground: problem.borderIsBackground, tuning: tuning)
    graphKey = key
    cachedGraph = made
    return made
  }
}
