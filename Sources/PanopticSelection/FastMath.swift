/// Natural logarithm and exponential in pure Swift, so the engine needs neither Foundation nor
/// Glibc and gives the same bits on every platform (the results are rounded to integer
/// capacities anyway; accuracy is about 1e-15 relative, far beyond what is needed).
enum FastMath {
  static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

  /// ln(x) for x > 0 (returns -infinity for 0 and NaN for negatives).
  static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x.isInfinite { return x }
    // x = m * 2^e with m in [1, 2); move m to [sqrt(1/2), sqrt(2)) so the series converges fast.
    var e = Double(x.exponent)
    var m = x.significand
    if m > 1.414_213_562_373_095 {
      m *= 0.5
      e += 1
    }
    // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172.
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = 0.0
    var k = 1.0
    while true {
      let next = sum + term / k
      if next == sum { break }
      sum = next
      term *= s2
      k += 2
    }
    return 2 * sum + e * ln2
  }

  /// e^x, saturating to 0 and +infinity outside the Double range.
  static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709 { return .infinity }
    if x < -745 { return 0 }
    // x = n ln2 + r with |r| <= ln2 / 2; e^r by its Taylor series.
    let n = (x / ln2).rounded()
    let r = x - n * ln2
    var term = 1.0
    var sum = 1.0
    var k = 1.0
    while true {
      term *= r / k
      let next = sum + term
      if next == sum { break }
      sum = next
      k += 1
    }
    return sum * scale(byPowerOfTwo: Int(n))
  }

  private static func scale(byPowerOfTwo n: Int) -> Double {
    // Two steps keep the intermediate in range for results near the subnormal limit.
    let half = n / 2
    return Double(sign: .plus, exponent: half, significand: 1)
      * Double(sign: .plus, exponent: n - half, significand: 1)
  }
}
