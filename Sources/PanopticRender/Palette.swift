import PanopticModel

/// xterm palette maths.
public enum Palette {
  /// The cube's channel levels.
  public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  @inlinable
  static func cubeIndex(_ v: UInt8) -> Int {
    // Midpoints between 0,95,135,175,215,255.
    let x = Int(v)
    if x < 48 { return 0 }
    if x < 115 { return 1 }
    return min(5, (x - 35) / 40)
  }

  /// The value of cube level `i`: 0, 95, 135, 175, 215, 255 (arithmetic, so
  /// the per-pixel path reads no global array).
  @inlinable @inline(__always)
  static func cubeLevel(_ i: Int) -> Int { i == 0 ? 0 : 55 + 40 * i }

  /// Nearest of the cube (16–231) and the grey ramp (232–255).
  @inlinable
  public static func nearest256(_ c: RGB) -> Int {
    let ri = cubeIndex(c.r), gi = cubeIndex(c.g), bi = cubeIndex(c.b)
    let cr = cubeLevel(ri), cg = cubeLevel(gi), cb = cubeLevel(bi)
    let dr = Int(c.r) - cr, dg = Int(c.g) - cg, db = Int(c.b) - cb
    let cubeDist = dr * dr + dg * dg + db * db
    let avg = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
    let gi2 = avg > 238 ? 23 : max(0, (avg - 3) / 10)
    let gv = 8 + gi2 * 10
    let er = Int(c.r) - gv, eg = Int(c.g) - gv, eb = Int(c.b) - gv
    let greyDist = er * er + eg * eg + eb * eb
    return greyDist < cubeDist ? 232 + gi2 : 16 + 36 * ri + 6 * gi + bi
  }

  /// The RGB an xterm shows for a palette index (for tests and the legend).
  public static func rgb(of index: Int) -> RGB {
    if index >= 232 {
      let v = UInt8(8 + (index - 232) * 10)
      return RGB(v, v, v)
    }
    if index >= 16 {
      let i = index - 16
      return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
    }
    return ansi16[index]
  }

  public static let ansi16: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205),
    RGB(0, 205, 205), RGB(229, 229, 229), RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  @inlinable
  public static func nearest16(_ c: RGB) -> Int {
    var best = 0
    var bestD = Int.max
    for (i, p) in ansi16.enumerated() {
      let dr = Int(c.r) - Int(p.r), dg = Int(c.g) - Int(p.g), db = Int(c.b) - Int(p.b)
      let d = dr * dr + dg * dg + db * db
      if d < bestD {
        bestD = d
        best = i
      }
    }
    return best
  }
}
