import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// A baseline JPEG written by the test itself, so the expected pixels are
/// known exactly: every 8×8 block is one flat colour, so each block is its
/// DC coefficient alone (quantisation table of ones, no chroma subsampling)
/// and decodes back to its colour within YCbCr rounding.
enum FlatJPEG {
  static func encode(_ blocks: [[RGB]]) -> [UInt8] {
    let bh = blocks.count, bw = blocks[0].count
    var out: [UInt8] = [0xFF, 0xD8]
    func segment(_ marker: UInt8, _ body: [UInt8]) {
      out += [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
    }
    segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
    let h = bh * 8, w = bw * 8
    segment(0xC0, [8, UInt8(h >> 8), UInt8(h & 0xFF), UInt8(w >> 8), UInt8(w & 0xFF), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
    // DC: categories 0…11, all four-bit codes (0000 … 1011). AC: only EOB, code "0".
    segment(0xC4, [0x00] + [0, 0, 0, 12] + [UInt8](repeating: 0, count: 12) + Array(0...11))
    segment(0xC4, [0x10] + [1] + [UInt8](repeating: 0, count: 15) + [0x00])
    segment(0xDA, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    var bits = BitWriter()
    var predictor = [0, 0, 0]
    for row in blocks {
      for c in row {
        for (k, v) in ycbcr(c).enumerated() {
          let dc = 8 * (v - 128)
          let diff = dc - predictor[k]
          predictor[k] = dc
          let category = diff == 0 ? 0 : Int.bitWidth - abs(diff).leadingZeroBitCount
          bits.put(category, 4)
          if category > 0 { bits.put(diff > 0 ? diff : diff + (1 << category) - 1, category) }
          bits.put(0, 1)  // EOB: every AC coefficient is 0
        }
      }
    }
    out += bits.finish()
    return out + [0xFF, 0xD9]
  }

  static func ycbcr(_ c: RGB) -> [Int] {
    let r = Double(c.r), g = Double(c.g), b = Double(c.b)
    func clamp(_ v: Double) -> Int { min(255, max(0, Int(v.rounded()))) }
    return [
      clamp(0.299 * r + 0.587 * g + 0.114 * b),
      clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
      clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
    ]
  }

  struct BitWriter {
    var bytes: [UInt8] = []
    var acc = 0
    var count = 0

    mutating func put(_ value: Int, _ n: Int) {
      for i in stride(from: n - 1, through: 0, by: -1) {
        acc = acc << 1 | (value >> i) & 1
        count += 1
        if count == 8 { flush() }
      }
    }

    mutating func flush() {
      bytes.append(UInt8(acc))
      if acc == 0xFF { bytes.append(0) }  // byte stuffing
      acc = 0
      count = 0
    }

    mutating func finish() -> [UInt8] {
      while count != 0 { put(1, 1) }  // pad with ones
      return bytes
    }
  }
}

@Suite("JPEG codec")
struct JPEGCodecTests {
  static let corpus = SharedData.repoRoot.appendingPathComponent("Tests/corpus/files")
  static func corpusFile(_ name: String) -> String { corpus.appendingPathComponent(name).path }

  /// 4 × 2 blocks = a 32 × 16 photo.
  static let blocks: [[RGB]] = [
    [RGB(200, 30, 35), RGB(30, 70, 170), RGB(235, 235, 235), RGB(0, 0, 0)],
    [RGB(90, 150, 60), RGB(128, 128, 128), RGB(255, 255, 255), RGB(230, 180, 20)],
  ]

  static func expectClose(_ img: RGBImage, _ expected: (Int, Int) -> RGB, tolerance: Int = 3, _ what: String) {
    var worst = 0
    var at = (0, 0)
    for y in 0..<img.height {
      for x in 0..<img.width {
        let a = img[x, y], e = expected(x, y)
        let d = max(abs(Int(a.r) - Int(e.r)), abs(Int(a.g) - Int(e.g)), abs(Int(a.b) - Int(e.b)))
        if d > worst { (worst, at) = (d, (x, y)) }
      }
    }
    #expect(worst <= tolerance, "\(what): off by \(worst) at \(at): \(img[at.0, at.1]) vs \(expected(at.0, at.1))")
  }

  @Test func decodesAJPEGMadeHereToItsColours() throws {
    let bytes = FlatJPEG.encode(Self.blocks)
    let img = try JPEGCodec.decode(bytes)
    #expect(img.width == 32 && img.height == 16)
    Self.expectClose(img, { x, y in Self.blocks[y / 8][x / 8] }, "full size")
    // The same from a file, and its size from the header alone.
    let path = makeTempDir() + "/flat.jpg"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(try JPEGCodec.readRGB(path: path) == img)
    let size = try JPEGCodec.size(path: path)
    #expect(size.width == 32 && size.height == 16)
    #expect(try ImageFile.sniff(path: path) == .jpeg)
    #expect(try ImageFile.readRGB(path: path) == img)
  }

  /// `minSize` picks the largest DCT reduction (1/8, 1/4, 1/2) that still
  /// gives at least the wanted size; at 1/8 each flat block is one pixel.
  @Test func dctScalingKeepsAtLeastTheWantedSize() throws {
    let bytes = FlatJPEG.encode(Self.blocks)
    let eighth = try JPEGCodec.decode(bytes, minSize: (4, 2))
    #expect(eighth.width == 4 && eighth.height == 2)
    Self.expectClose(eighth, { x, y in Self.blocks[y][x] }, "1/8")
    let quarter = try JPEGCodec.decode(bytes, minSize: (5, 1))
    #expect(quarter.width == 8 && quarter.height == 4)
    Self.expectClose(quarter, { x, y in Self.blocks[y / 2][x / 2] }, "1/4")
    let half = try JPEGCodec.decode(bytes, minSize: (16, 5))
    #expect(half.width == 16 && half.height == 8)
    Self.expectClose(half, { x, y in Self.blocks[y / 4][x / 4] }, "1/2")
    let full = try JPEGCodec.decode(bytes, minSize: (17, 1))
    #expect(full.width == 32 && full.height == 16)
    let tooBig = try JPEGCodec.decode(bytes, minSize: (1000, 1000))
    #expect(tooBig.width == 32 && tooBig.height == 16)
    // Sizes that do not divide by 8 round up, as libjpeg does.
    let odd = try JPEGCodec.decode(FlatJPEG.encode([[RGB(1, 2, 3), RGB(4, 5, 6), RGB(7, 8, 9)]]), minSize: (3, 1))
    #expect(odd.width == 3 && odd.height == 1)
  }

  /// The corpus photo (the demo scene at 64×48, progressive) decodes to
  /// the PNG it was made from, within JPEG's loss.
  @Test func progressiveJPEGMatchesItsSourcePNG() throws {
    let jpeg = try JPEGCodec.readRGB(path: Self.corpusFile("progressive.jpg"))
    let png = try PNGCodec.readRGB(path: Self.corpusFile("demo.png"))
    #expect(jpeg.width == 64 && jpeg.height == 48)
    #expect(png.width == 64 && png.height == 48)
    var total = 0
    for i in 0..<jpeg.bytes.count { total += abs(Int(jpeg.bytes[i]) - Int(png.bytes[i])) }
    // Quality 90 with 4:2:0 chroma on a noisy 64×48 scene: Pillow's own
    // decode is 9.43 off on average; swapped or shifted channels would be
    // several times that.
    #expect(Double(total) / Double(jpeg.bytes.count) < 10.5, "mean error \(Double(total) / Double(jpeg.bytes.count))")
    // Channel means and a few pixels of Pillow's decode of the same file.
    let n = Double(jpeg.width * jpeg.height)
    let means = (0..<3).map { c in Double(stride(from: c, to: jpeg.bytes.count, by: 3).reduce(0) { $0 + Int(jpeg.bytes[$1]) }) / n }
    for (m, ref) in zip(means, [121.17, 128.82, 133.27]) { #expect(abs(m - ref) < 0.5, "channel means \(means)") }
    for (x, y, ref) in [(0, 0, RGB(70, 138, 209)), (32, 10, RGB(126, 166, 228)), (10, 40, RGB(242, 237, 234)), (63, 47, RGB(87, 92, 95))] {
      let p = jpeg[x, y]
      #expect(
        abs(Int(p.r) - Int(ref.r)) <= 3 && abs(Int(p.g) - Int(ref.g)) <= 3 && abs(Int(p.b) - Int(ref.b)) <= 3,
        "(\(x), \(y)) is \(p), Pillow decodes \(ref)")
    }
    let size = try JPEGCodec.size(path: Self.corpusFile("progressive.jpg"))
    #expect(size.width == 64 && size.height == 48)
    let small = try JPEGCodec.readRGB(path: Self.corpusFile("progressive.jpg"), minSize: (20, 10))
    #expect(small.width == 32 && small.height == 24)
  }

  @Test func cmykIsRefusedInWords() throws {
    #expect(throws: PanopticError.badImage("CMYK JPEG: panoptty reads RGB and grayscale JPEGs; convert it to sRGB first")) {
      try JPEGCodec.readRGB(path: Self.corpusFile("cmyk.jpg"))
    }
    // Its header still gives a size.
    let size = try JPEGCodec.size(path: Self.corpusFile("cmyk.jpg"))
    #expect(size.width == 64 && size.height == 48)
  }

  @Test func truncatedJPEGsAreRefusedNotHalfGrey() throws {
    let error = #expect(throws: PanopticError.self) { try JPEGCodec.readRGB(path: Self.corpusFile("truncated.jpg")) }
    #expect(error?.description.hasPrefix("truncated JPEG") == true, "\(String(describing: error))")
    let bytes = FlatJPEG.encode(Self.blocks)
    // Cut inside the entropy-coded data (before the last bytes and EOI).
    let cut = Array(bytes.prefix(bytes.count - 6))
    let mine = #expect(throws: PanopticError.self) { try JPEGCodec.decode(cut) }
    #expect(mine?.description.hasPrefix("truncated JPEG") == true, "\(String(describing: mine))")
    // Cut inside the header: no size at all.
    #expect(throws: PanopticError.self) { try JPEGCodec.decode(Array(bytes.prefix(40))) }
  }

  @Test func garbageAndLimits() throws {
    for bytes: [UInt8] in [[], [0xFF, 0xD8], [0xFF, 0xD8] + Array(" garbage that stops here".utf8), Array("GIF89a".utf8)] {
      #expect(throws: PanopticError.self, "\(bytes)") { try JPEGCodec.decode(bytes) }
    }
    #expect(throws: PanopticError.self) { try JPEGCodec.readRGB(path: Self.corpusFile("not-jpeg.jpg")) }
    #expect(throws: PanopticError.self) { try JPEGCodec.size(path: Self.corpusFile("garbage.jpg")) }
    let bytes = FlatJPEG.encode(Self.blocks)
    let limits = DecodeLimits(maxWidth: 31)
    let error = #expect(throws: PanopticError.self) { try JPEGCodec.decode(bytes, limits: limits) }
    guard case .tooLarge? = error else {
      Issue.record("expected tooLarge, got \(String(describing: error))")
      return
    }
    let tinyFile = DecodeLimits(maxFileBytes: 100)
    let path = makeTempDir() + "/flat.jpg"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: PanopticError.self) { try JPEGCodec.readRGB(path: path, limits: tinyFile) }
  }
}
