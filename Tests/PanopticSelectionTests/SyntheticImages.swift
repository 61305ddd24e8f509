import PanopticModel
@testable import PanopticSelection

/// Small synthetic photos with a known object, for tests that must not depend on files.
enum SyntheticImages {
  /// A disk of one colour on a background of another, both with uniform noise of ±`noise`.
  static func disk(
    width: Int = 96, height: Int = 80, centre: (Int, Int) = (50, 38), radius: Int = 20,
    object: (Int, Int, Int) = (200, 60, 50), background: (Int, Int, Int) = (60, 120, 70),
    noise: Int = 25, seed: UInt64 = 1
  ) -> (image: RGBImage, truth: [Bool]) {
    var rng = SplitMix(state: seed)
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    var truth = [Bool](repeating: false, count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        let dx = x - centre.0, dy = y - centre.1
        let inside = dx * dx + dy * dy <= radius * radius
        truth[y * width + x] = inside
        let c = inside ? object : background
        for (i, v) in [c.0, c.1, c.2].enumerated() {
          let jitter = Int.random(in: -noise...noise, using: &rng)
          bytes[(y * width + x) * 3 + i] = UInt8(clamping: v + jitter)
        }
      }
    }
    return (RGBImage(width: width, height: height, bytes: bytes), truth)
  }

  static func iou(_ mask: SelectionMask, _ truth: [Bool]) -> Double {
    var inter = 0, union = 0
    for (i, t) in truth.enumerated() {
      let m = mask.bytes[i] != 0
      if m && t { inter += 1 }
      if m || t { union += 1 }
    }
    return union == 0 ? 1 : Double(inter) / Double(union)
  }
}
