/// A Gaussian mixture over RGB with full covariances, GrabCut's colour model, fitted to weighted
/// colour bins instead of pixels (a few thousand samples instead of up to millions).
///
/// Fitting is deterministic: Orchard–Bouman splitting (the cluster with the largest variance is cut
/// through its mean, across its principal axis) followed by a few hard-assignment refits, as in
/// the GrabCut paper. No random k-means seeding, so equal inputs give equal models.
struct ColourGMM: Sendable {
  struct Component: Sendable {
    var weight: Double
    var mean: SIMD3<Double>
    /// Inverse covariance, symmetric: (xx, xy, xz, yy, yz, zz).
    var inverse: (Double, Double, Double, Double, Double, Double)
    /// log(weight) − ½ log((2π)³ det Σ).
    var logScale: Double
  }

  /// A weighted sample: a colour and how much it counts.
  struct Sample {
    var colour: SIMD3<Double>
    var weight: Double
  }

  private(set) var components: [Component] = []

  var isEmpty: Bool { components.isEmpty }

  /// Fits up to `count` components; `varianceFloor` (in squared levels) keeps flat regions from
  /// producing needle-thin Gaussians that would make unaries explode.
  init(samples: [Sample], count: Int, varianceFloor: Double, refits: Int = 2) {
    let live = samples.filter { $0.weight > 0 }
    guard !live.isEmpty else { return }
    var labels = ColourGMM.orchardBoumanLabels(live, count: count)
    components = ColourGMM.estimate(live, labels: labels, varianceFloor: varianceFloor)
    for _ in 0..<refits {
      for (i, s) in live.enumerated() {
        var best = 0
        var bestScore = -Double.infinity
        for (k, c) in components.enumerated() {
          let score = ColourGMM.logDensity(c, s.colour)
          if score > bestScore {
            bestScore = score
            best = k
          }
        }
        labels[i] = best
      }
      components = ColourGMM.estimate(live, labels: labels, varianceFloor: varianceFloor)
    }
  }

  /// −log p(colour) under the mixture (log-sum-exp over components).
  func negativeLogLikelihood(_ colour: SIMD3<Double>) -> Double {
    guard !components.isEmpty else { return 0 }
    var best = -Double.infinity
    var scores = [Double](repeating: 0, count: components.count)
    for (k, c) in components.enumerated() {
      scores[k] = ColourGMM.logDensity(c, colour)
      best = max(best, scores[k])
    }
    var sum = 0.0
    for s in scores { sum += FastMath.exp(s - best) }
    return -(best + FastMath.log(sum))
  }

  @inline(__always)
  static func logDensity(_ c: Component, _ x: SIMD3<Double>) -> Double {
    let d = x - c.mean
    let (a, b, e, f, g, h) = c.inverse
    let q = d.x * (a * d.x + b * d.y + e * d.z) + d.y * (b * d.x + f * d.y + g * d.z)
      + d.z * (e * d.x + g * d.y + h * d.z)
    return c.logScale - 0.5 * q
  }

  /// Weighted mean and covariance of the samples with a given label.
  private static func moments(_ samples: [Sample], _ labels: [Int], _ k: Int)
    -> (weight: Double, mean: SIMD3<Double>, cov: (Double, Double, Double, Double, Double, Double))
  {
    var w = 0.0
    var m = SIMD3<Double>(repeating: 0)
    for (i, s) in samples.enumerated() where labels[i] == k {
      w += s.weight
      m += s.colour * s.weight
    }
    guard w > 0 else { return (0, m, (0, 0, 0, 0, 0, 0)) }
    m /= w
    var c = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    for (i, s) in samples.enumerated() where labels[i] == k {
      let d = s.colour - m
      c.0 += s.weight * d.x * d.x
      c.1 += s.weight * d.x * d.y
      c.2 += s.weight * d.x * d.z
      c.3 += s.weight * d.y * d.y
      c.4 += s.weight * d.y * d.z
      c.5 += s.weight * d.z * d.z
    }
    return (w, m, (c.0 / w, c.1 / w, c.2 / w, c.3 / w, c.4 / w, c.5 / w))
  }

  private static func estimate(_ samples: [Sample], labels: [Int], varianceFloor: Double)
    -> [Component]
  {
    let total = samples.reduce(0.0) { $0 + $1.weight }
    let count = (labels.max() ?? 0) + 1
    var result: [Component] = []
    for k in 0..<count {
      let (w, m, c) = moments(samples, labels, k)
      guard w > 0 else { continue }
      let xx = c.0 + varianceFloor, yy = c.3 + varianceFloor, zz = c.5 + varianceFloor
      let (xy, xz, yz) = (c.1, c.2, c.4)
      let det = xx * (yy * zz - yz * yz) - xy * (xy * zz - yz * xz) + xz * (xy * yz - yy * xz)
      guard det > 0 else { continue }
      let inverse = (
        (yy * zz - yz * yz) / det, (xz * yz - xy * zz) / det, (xy * yz - xz * yy) / det,
        (xx * zz - xz * xz) / det, (xy * xz - xx * yz) / det, (xx * yy - xy * xy) / det
      )
      let logScale = FastMath.log(w / total) - 0.5 * (3 * FastMath.log(2 * Double.pi) + FastMath.log(det))
      result.append(Component(weight: w / total, mean: m, inverse: inverse, logScale: logScale))
    }
    return result
  }

  /// Splits clusters along their principal axis until `count` clusters or nothing splits.
  private static func orchardBoumanLabels(_ samples: [Sample], count: Int) -> [Int] {
    var labels = [Int](repeating: 0, count: samples.count)
    var clusters = 1
    while clusters < count {
      var bestCluster = -1
      var bestValue = 1e-9
      var bestAxis = SIMD3<Double>(repeating: 0)
      var bestMean = SIMD3<Double>(repeating: 0)
      for k in 0..<clusters {
        let (w, m, c) = moments(samples, labels, k)
        guard w > 0 else { continue }
        let (value, axis) = principalAxis(c)
        if value > bestValue {
          bestValue = value
          bestCluster = k
          bestAxis = axis
          bestMean = m
        }
      }
      guard bestCluster >= 0 else { break }
      var moved = 0, stayed = 0
      for (i, s) in samples.enumerated() where labels[i] == bestCluster {
        if ((s.colour - bestMean) * bestAxis).sum() > 0 {
          labels[i] = clusters
          moved += 1
        } else {
          stayed += 1
        }
      }
      if moved == 0 || stayed == 0 {
        for i in labels.indices where labels[i] == clusters { labels[i] = bestCluster }
        break
      }
      clusters += 1
    }
    return labels
  }

  /// Largest eigenvalue and its eigenvector of a symmetric 3×3 matrix, by power iteration.
  private static func principalAxis(_ c: (Double, Double, Double, Double, Double, Double))
    -> (Double, SIMD3<Double>)
  {
    var v = SIMD3<Double>(0.577_350_269, 0.577_350_269, 0.577_350_269)
    var value = 0.0
    for _ in 0..<40 {
      let next = SIMD3<Double>(
        c.0 * v.x + c.1 * v.y + c.2 * v.z,
        c.1 * v.x + c.3 * v.y + c.4 * v.z,
        c.2 * v.x + c.4 * v.y + c.5 * v.z)
      let norm = (next * next).sum().squareRoot()
      guard norm > 0 else { return (0, v) }
      value = norm
      v = next / norm
    }
    return (value, v)
  }
}
