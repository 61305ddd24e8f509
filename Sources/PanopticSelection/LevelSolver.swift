/// The selection energy on one pyramid level: GrabCut's colour-model + contrast boundary energy
/// over the working area, plus hard click disks, the click prior and a connectivity filter,
/// with a fixed number of colour refits. Everything is a function of the problem alone (the
/// refits start from the same samples every time), so the labels do not depend on history.
struct LevelSolver {
  let features: ImageFeatures
  let problem: SelectionProblem
  let tuning: SelectionTuning
  /// Length unit: level pixels per reference pixel.
  let lengthScale: Double

  /// What the full-resolution band refinement needs from the level.
  struct Solution {
    /// Working-area labels, 1 = object.
    var labels: [UInt8]
    var objectModel: any ColourModel
    var backgroundModel: any ColourModel
    var priors: ClickPriors
  }

  /// Solves on `graph`, which must have been built for this level and area; it keeps its flow,
  /// so the next solve on the same area starts from this one's trees.
  func solve(on graph: CutGraph) -> Solution {
    let area = problem.area, seeds = problem.seeds
    let priors = ClickPriors(problem: problem, features: features, reach: tuning.priorReach * lengthScale, tuning: tuning)
    var bins = [Int](repeating: 0, count: area.area)
    for y in area.y0...area.y1 {
      for x in area.x0...area.x1 { bins[(y - area.y0) * area.width + x - area.x0] = Int(features.bins[y * features.width + x]) }
    }
    var (fgSamples, bgSamples) = initialSamples(priors: priors, bins: bins)
    var labels = [UInt8](repeating: 0, count: area.area)
    var fg = colourModel(fgSamples), bg = colourModel(bgSamples)
    for iteration in 0..<tuning.iterations {
      if iteration > 0 {
        (fgSamples, bgSamples) = refitSamples(labels: labels, bins: bins)
        fg = colourModel(fgSamples)
        bg = colourModel(bgSamples)
      }
      labels = graph.cut(seeds: seeds, kept: problem.kept, priors: priors, bins: bins, fg: fg, bg: bg)
      if tuning.keepConnectedToIncludes && !seeds.includeCentres.isEmpty {
        ConnectedComponents.keepReachable(&labels, width: area.width, height: area.height, seeds: seeds.includeCentres)
      }
    }
    // Only on the answer, not between refits: the refits learn from everything the cut took.
    if tuning.keepLargestWithoutIncludes && problem.hasBox && seeds.includeCentres.isEmpty {
      ConnectedComponents.keepLargest(&labels, width: area.width, height: area.height)
    }
    return Solution(labels: labels, objectModel: fg, backgroundModel: bg, priors: priors)
  }

  private func colourModel(_ samples: ColourHistogram) -> any ColourModel {
    if tuning.histogramBits > 0 {
      return HistogramColourModel(samples, levelsBits: tuning.histogramBits, floor: tuning.histogramFloor)
    }
    return ColourGMM(samples: samples.samples(), count: tuning.mixtureComponents, varianceFloor: tuning.varianceFloor)
  }

  /// Colour samples before any cut: the box interior against everything outside it, or without
  /// a box the include clicks' surroundings (weighted by closeness) against the rest.
  /// Kept pixels (preserve mode's labelled ones) are in neither sample: they are other
  /// segments, often of the same class and colours, and would teach either model the wrong thing.
  private func initialSamples(priors: ClickPriors, bins: [Int]) -> (ColourHistogram, ColourHistogram) {
    var fg = ColourHistogram(), bg = ColourHistogram()
    let kept = problem.kept
    if problem.hasBox {
      for (p, b) in bins.enumerated() where kept?[p] != 1 { fg.add(bin: b, weight: 1) }
      addOutside(to: &bg, bins: bins)
    } else {
      for (p, b) in bins.enumerated() where kept?[p] != 1 {
        let near = priors.includeAffinity[p]
        fg.add(bin: b, weight: near)
        bg.add(bin: b, weight: 1 - near)
      }
    }
    addClickDisks(fg: &fg, bg: &bg, bins: bins)
    // (A box whose pixels are all kept leaves the object sample empty.)
    if fg.usedBins.isEmpty { for b in bins { fg.add(bin: b, weight: 1) } }
    if bg.usedBins.isEmpty { for b in bins { bg.add(bin: b, weight: 1) } }
    return (fg, bg)
  }

  /// GrabCut's refit: object colours from the current object, background from the rest.
  private func refitSamples(labels: [UInt8], bins: [Int]) -> (ColourHistogram, ColourHistogram) {
    var fg = ColourHistogram(), bg = ColourHistogram()
    let kept = problem.kept
    for (p, b) in bins.enumerated() where kept?[p] != 1 {
      if labels[p] != 0 { fg.add(bin: b, weight: 1) } else { bg.add(bin: b, weight: 1) }
    }
    if problem.hasBox { addOutside(to: &bg, bins: bins) }
    addClickDisks(fg: &fg, bg: &bg, bins: bins)
    if fg.usedBins.isEmpty { for b in bins { fg.add(bin: b, weight: 1) } }
    if bg.usedBins.isEmpty { for b in bins { bg.add(bin: b, weight: 1) } }
    return (fg, bg)
  }

  private func addClickDisks(fg: inout ColourHistogram, bg: inout ColourHistogram, bins: [Int]) {
    for (p, s) in problem.seeds.labels.enumerated() where s != ClickSeeds.none {
      if s == ClickSeeds.object {
        fg.add(bin: bins[p], weight: tuning.clickSampleWeight)
      } else {
        bg.add(bin: bins[p], weight: tuning.clickSampleWeight)
      }
    }
  }

  /// Every pixel outside the working area: the whole-image histogram minus the area's.
  private func addOutside(to bg: inout ColourHistogram, bins: [Int]) {
    var counts = features.binCounts
    for b in bins { counts[b] -= 1 }
    for (b, c) in counts.enumerated() where c > 0 { bg.add(bin: b, weight: Double(c)) }
  }
}
