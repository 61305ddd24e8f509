import PanopticModel
import Testing

@testable import PanopticSelection

/// The features are read by every cut, so their fast paths (a distance table, division-free
/// block averages) must give exactly what the plain formulas give.
@Suite struct ImageFeaturesTests {
  /// A noisy photo with odd sizes, so the last column and row take the edge paths.
  static func photo(width: Int, height: Int, seed: UInt64) -> RGBImage {
    var rng = SplitMix(state: seed)
    let bytes = (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    return RGBImage(width: width, height: height, bytes: bytes)
  }

  @Test func differencesAndBinsMatchThePlainFormulas() {
    let image = Self.photo(width: 37, height: 23, seed: 7)
    let features = ImageFeatures(image: image)
    let w = image.width, h = image.height, px = image.bytes
    var sum = 0.0, pairs = 0
    for y in 0..<h {
      for x in 0..<w {
        let p = 3 * (y * w + x)
        let bin = (Int(px[p]) >> 3) << 10 | (Int(px[p + 1]) >> 3) << 5 | Int(px[p + 2]) >> 3
        #expect(Int(features.bins[y * w + x]) == bin)
        for d in 0..<8 {
          let (dx, dy) = GridMaxFlow.directions[d]
          let nx = x + dx, ny = y + dy
          guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
          let q = 3 * (ny * w + nx)
          let squared = (0..<3).reduce(0) { $0 + (Int(px[p + $1]) - Int(px[q + $1])) * (Int(px[p + $1]) - Int(px[q + $1])) }
          let expected = Int((Double(squared).squareRoot() * Double(ImageFeatures.differenceScale)).rounded())
          #expect(features.difference(x: x, y: y, direction: d) == expected)
          if [0, 2, 4, 6].contains(d) {
            sum += Double(squared)
            pairs += 1
          }
        }
      }
    }
    #expect(features.meanSquaredDifference == sum / Double(pairs))
    #expect(features.binCounts.reduce(0, +) == Int32(w * h))
  }

  @Test func reductionIsTheBlockAverage() {
    let image = Self.photo(width: 23, height: 17, seed: 11)
    let features = ImageFeatures(image: image)
    for factor in [2, 3, 5] {
      let reduced = ImagePyramid.reduce(features, by: factor)
      let w = image.width / factor, h = image.height / factor
      #expect(reduced.width == w && reduced.height == h)
      for ly in 0..<h {
        for lx in 0..<w {
          // The last block takes the leftover rows and columns.
          let ys = (ly * factor)..<(ly == h - 1 ? image.height : (ly + 1) * factor)
          let xs = (lx * factor)..<(lx == w - 1 ? image.width : (lx + 1) * factor)
          for k in 0..<3 {
            var total = 0
            for y in ys { for x in xs { total += Int(image.bytes[3 * (y * image.width + x) + k]) } }
            let c = ys.count * xs.count
            #expect(Int(reduced.bytes[3 * (ly * w + lx) + k]) == (total + c / 2) / c)
          }
        }
      }
    }
  }
}
