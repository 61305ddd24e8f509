/// Python's `format()` for the few specs `pq_compute`'s table uses, without
/// Foundation (whose `String(format:)` this layer may not import).
///
/// `{:5.1f}` must round exactly like CPython: the double's exact binary value
/// rounded half-to-even to the requested decimals (so 0.25 → "0.2" but
/// 0.35 → "0.3", because 0.35 is really 0.34999…). Doing it with integer
/// arithmetic on the significand is the only way to agree on every value.
enum PythonFormat {
  /// `format(value, "{width}.{decimals}f")`. Exact for |value| < 2^75 and
  /// decimals ≤ 9 — far beyond any score; larger values fall back to
  /// Swift's shortest representation.
  static func fixed(_ value: Double, decimals: Int, width: Int) -> String {
    pad(fixedDigits(value, decimals: decimals), width: width)
  }

  /// `format(value, "{width}d")`.
  static func integer(_ value: Int, width: Int) -> String {
    pad(String(value), width: width)
  }

  /// `format(text, "{width}s")`: left-aligned.
  static func leftAligned(_ text: String, width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// Right-aligned, as numbers are.
  static func pad(_ text: String, width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }

  private static func fixedDigits(_ value: Double, decimals: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    let magnitude = value.magnitude
    guard decimals >= 0, decimals <= 9, magnitude < 0x1p75 else { return value.description }
    var scale: UInt128 = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = roundedScaled(magnitude, scale: scale)
    let integerPart = String(scaled / scale)
    guard decimals > 0 else { return sign + integerPart }
    var fraction = String(scaled % scale)
    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    return sign + integerPart + "." + fraction
  }

  /// round_half_even(magnitude × scale) computed exactly:
  /// magnitude = significand × 2^exponent with an integer significand.
  private static func roundedScaled(_ magnitude: Double, scale: UInt128) -> UInt128 {
    guard magnitude != 0 else { return 0 }
    let isNormal = magnitude.exponentBitPattern != 0
    let significand =
      UInt128(magnitude.significandBitPattern) | (isNormal ? UInt128(1) << 52 : 0)
    let exponent = (isNormal ? Int(magnitude.exponentBitPattern) : 1) - 1075
    let product = significand * scale  // < 2^53 · 10^9 < 2^83
    if exponent >= 0 { return product << exponent }  // exact, below 2^128 by the guard
    let shift = -exponent
    if shift >= 127 { return 0 }  // product < 2^83 ≤ half of 2^shift
    let quotient = product >> shift
    let remainder = product - (quotient << shift)
    let half = UInt128(1) << (shift - 1)
    if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
    return quotient
  }
}
