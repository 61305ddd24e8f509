import Testing

@testable import PanopticIO

/// `eval`'s PNG → id fold: four RGB pixels from three 32-bit loads must give
/// rgb2id's R + 256·G + 65536·B for every width (tails included) and for RGBA.
@Suite struct SegmentIdDecodeTests {
  @Test(arguments: [3, 4])
  func foldMatchesRGB2ID(channels: Int) {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for width in 1...19 {
      let bytes: [UInt8] = (0..<(width * channels)).map { _ in
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: seed >> 56)
      }
      var out = [UInt32](repeating: 0xDEAD_BEEF, count: width)
      bytes.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
          PNGCodec.foldRGBRow(src.baseAddress!, into: dst.baseAddress!, width: width, channels: channels)
        }
      }
      let want = (0..<width).map { x in
        UInt32(bytes[x * channels]) + 256 * UInt32(bytes[x * channels + 1]) + 65536 * UInt32(bytes[x * channels + 2])
      }
      #expect(out == want, "width \(width), \(channels) channels")
    }
  }
}
