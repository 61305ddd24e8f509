/// A procedurally drawn street scene with its exact panoptic ground truth,
/// deterministic for a given size and seed: the built-in demo, the test
/// fixture, and the benchmark input at any size up to 4K and beyond.
public struct DemoScene: Sendable {
  public var image: RGBImage
  public var labels: LabelMap
  public static let catalog = ClassCatalog.coco

  /// Small, fast, reproducible generator (SplitMix64).
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func range(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * double() }
  }

  public static func generate(width: Int = 320, height: Int = 200, seed: UInt64 = 7) -> DemoScene {
    var gen = Generator(width: width, height: height, seed: seed)
    gen.draw()
    return DemoScene(
      image: RGBImage(width: width, height: height, bytes: gen.rgb),
      labels: LabelMap(width: width, height: height, pixels: gen.labels))
  }

  struct Generator {
    let w: Int
    let h: Int
    var rng: Random
    var rgb: [UInt8]
    var labels: [UInt32]
    var nextInstance = 1
    let cls: [String: Int]

    init(width: Int, height: Int, seed: UInt64) {
      w = width
      h = height
      rng = Random(state: seed)
      rgb = [UInt8](repeating: 0, count: width * height * 3)
      labels = [UInt32](repeating: PanopticLabel.voidClass, count: width * height)
      var c: [String: Int] = [:]
      for n in [
        "sky-other-merged", "building-other-merged", "road", "pavement-merged", "tree-merged", "grass-merged",
        "car", "person",
      ] {
        c[n] = DemoScene.catalog.resolve(n)!
      }
      cls = c
    }

    func fx(_ v: Double) -> Int { Int((v * Double(w)).rounded()) }
    func fy(_ v: Double) -> Int { Int((v * Double(h)).rounded()) }

    /// Sets one pixel's colour (with grain) and label.
    mutating func put(_ x: Int, _ y: Int, _ c: RGB, _ label: UInt32?, noise: Int = 6) {
      guard x >= 0, y >= 0, x < w, y < h else { return }
      let i = y * w + x
      // Cheap deterministic per-pixel grain from the coordinates.
      var hsh = UInt32(truncatingIfNeeded: x &* 73_856_093 ^ y &* 19_349_663)
      hsh = (hsh ^ (hsh >> 13)) &* 0x5BD1_E995
      let n = noise > 0 ? Int(hsh >> 24) % (2 * noise + 1) - noise : 0
      rgb[i * 3] = UInt8(clamping: Int(c.r) + n)
      rgb[i * 3 + 1] = UInt8(clamping: Int(c.g) + n)
      rgb[i * 3 + 2] = UInt8(clamping: Int(c.b) + n)
      if let label { labels[i] = label }
    }

    static func shade(_ c: RGB, _ f: Double) -> RGB {
      RGB(UInt8(clamping: Int(Double(c.r) * f)), UInt8(clamping: Int(Double(c.g) * f)), UInt8(clamping: Int(Double(c.b) * f)))
    }

    func stuff(_ name: String) -> UInt32 { UInt32(cls[name]!) }

    mutating func thing(_ name: String) -> UInt32 {
      defer { nextInstance += 1 }
      return PanopticLabel.pack(classIndex: UInt32(cls[name]!), instance: UInt32(nextInstance))
    }

    mutating func rect(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ label: UInt32?, noise: Int = 6, color: (Int, Int) -> RGB) {
      for y in max(0, y0)..<min(h, y1) {
        for x in max(0, x0)..<min(w, x1) { put(x, y, color(x, y), label, noise: noise) }
      }
    }

    mutating func ellipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ label: UInt32?, noise: Int = 6, color: (Int, Int, Double) -> RGB) {
      let x0 = Int((cx - rx).rounded(.down)), x1 = Int((cx + rx).rounded(.up))
      let y0 = Int((cy - ry).rounded(.down)), y1 = Int((cy + ry).rounded(.up))
      guard rx > 0, ry > 0 else { return }
      for y in max(0, y0)...max(0, min(h - 1, y1)) {
        for x in max(0, x0)...max(0, min(w - 1, x1)) {
          let dx = (Double(x) + 0.5 - cx) / rx
          let dy = (Double(y) + 0.5 - cy) / ry
          let d = dx * dx + dy * dy
          if d <= 1 { put(x, y, color(x, y, d), label, noise: noise) }
        }
      }
    }

    mutating func draw() {
      let W = w
      let H = h
      let laneY = Double(fy(0.83))
      let horizon = fy(0.52)
      let walkTop = fy(0.58)
      let roadTop = fy(0.66)
      // Sky: a vertical gradient with a few soft clouds.
      let sky = stuff("sky-other-merged")
      rect(0, 0, w, horizon, sky, noise: 3) { _, y in
        let t = Double(y) / Double(max(1, horizon))
        return RGB(UInt8(90 + 80 * t), UInt8(140 + 70 * t), UInt8(215 + 30 * t))
      }
      for _ in 0..<4 {
        let cx = rng.range(0.05, 0.95) * Double(w), cy = rng.range(0.05, 0.25) * Double(h)
        let rx = rng.range(0.06, 0.12) * Double(w), ry = rng.range(0.02, 0.05) * Double(h)
        ellipse(cx, cy, rx, ry, sky, noise: 3) { _, _, d in RGB(UInt8(240 - 25 * d), UInt8(242 - 25 * d), 250) }
      }
      // Buildings along the horizon, with lit and dark windows.
      let building = stuff("building-other-merged")
      var bx = 0
      while bx < w {
        let bw = max(4, fx(rng.range(0.08, 0.16)))
        let top = fy(rng.range(0.12, 0.34))
        let base = RGB(UInt8(rng.range(120, 190)), UInt8(rng.range(100, 160)), UInt8(rng.range(90, 150)))
        let win = max(2, bw / 7)
        rect(bx, top, bx + bw, walkTop, building) { x, y in
          let wx = (x - bx) % (win * 2), wy = (y - top) % (win * 2)
          let isWindow = wx >= win / 2 && wx < win / 2 + win && wy >= win / 2 && wy < win / 2 + win
            && x - bx > win / 2 && bx + bw - x > win / 2
          if isWindow { return ((x / win + y / win) % 3 == 0) ? RGB(235, 220, 150) : RGB(50, 60, 75) }
          return Self.shade(base, 0.85 + 0.3 * Double(x - bx) / Double(bw))
        }
        bx += bw + max(1, fx(rng.range(0.0, 0.02)))
      }
      // Trees in front of some buildings.
      let tree = stuff("tree-merged")
      for i in 0..<3 {
        let cx = (Double(i) + rng.range(0.2, 0.8)) / 3 * Double(w)
        let cy = Double(fy(0.42))
        let r = rng.range(0.05, 0.08) * Double(w)
        rect(Int(cx) - max(1, fx(0.006)), Int(cy), Int(cx) + max(1, fx(0.006)), walkTop, tree) { _, _ in RGB(90, 60, 35) }
        ellipse(cx, cy, r, r * 0.9 * Double(w) / Double(h) * Double(h) / Double(w), tree, noise: 14) { x, y, d in
          let leaf = ((x / max(1, W / 160)) ^ (y / max(1, H / 100))) & 1 == 0
          return Self.shade(leaf ? RGB(70, 130, 50) : RGB(50, 105, 40), 1.15 - 0.4 * d)
        }
      }
      // Sidewalk, grass verge, road with lane markings.
      let pavement = stuff("pavement-merged")
      rect(0, walkTop, w, roadTop, pavement) { x, y in
        (x / max(2, W / 40) + y / max(2, H / 50)) % 2 == 0 ? RGB(175, 170, 165) : RGB(160, 155, 150)
      }
      let grass = stuff("grass-merged")
      rect(0, walkTop - max(1, fy(0.01)), w, walkTop + max(1, fy(0.01)), grass, noise: 12) { _, _ in RGB(95, 150, 60) }
      let road = stuff("road")
      rect(0, roadTop, w, h, road) { x, y in
        let t = Double(y - roadTop) / Double(max(1, H - roadTop))
        let lane = abs(Double(y) - laneY) < max(1, Double(H) * 0.006) && (x / max(2, W / 12)) % 2 == 0
        return lane ? RGB(230, 230, 220) : Self.shade(RGB(85, 85, 90), 0.9 + 0.25 * t)
      }
      // Cars: body, cabin with windows, wheels; each its own instance.
      let carColors = [RGB(200, 30, 35), RGB(30, 70, 170), RGB(235, 235, 235), RGB(40, 40, 45), RGB(230, 180, 20)]
      let carCount = 5
      for i in 0..<carCount {
        let cw = rng.range(0.14, 0.2) * Double(w)
        let ch = cw * 0.42 * Double(w) / Double(h) * Double(h) / Double(w)
        let lane = i % 2 == 0 ? 0.78 : 0.93
        let cx = (Double(i) + 0.5) / Double(carCount) * Double(w) + rng.range(-0.03, 0.03) * Double(w)
        let bottom = lane * Double(h)
        let label = thing("car")
        let color = carColors[i % carColors.count]
        let x0 = Int(cx - cw / 2), x1 = Int(cx + cw / 2)
        let bodyTop = Int(bottom - ch * 0.55)
        rect(x0, bodyTop, x1, Int(bottom - ch * 0.12), label) { x, y in
          Self.shade(color, 1.04 - 0.1 * Double(y - bodyTop) / max(1, ch * 0.45))
        }
        let cabTop = Int(bottom - ch)
        let inset = Int(cw * 0.18)
        rect(x0 + inset, cabTop, x1 - inset, bodyTop, label) { x, _ in
          let glass = x > x0 + inset + Int(cw * 0.04) && x < x1 - inset - Int(cw * 0.04)
          return glass ? RGB(120, 160, 190) : Self.shade(color, 0.9)
        }
        for wx in [cx - cw * 0.3, cx + cw * 0.3] {
          ellipse(wx, bottom - ch * 0.14, cw * 0.1, ch * 0.16, label, noise: 4) { _, _, d in
            d < 0.3 ? RGB(150, 150, 150) : RGB(20, 20, 22)
          }
        }
      }
      // Pedestrians on the sidewalk: head and body, each its own instance.
      for i in 0..<4 {
        let px = rng.range(0.05, 0.95) * Double(w)
        let foot = Double(walkTop) + rng.range(0.2, 0.9) * Double(roadTop - walkTop)
        let ph = rng.range(0.16, 0.22) * Double(h)
        let label = thing("person")
        let shirt = [RGB(40, 90, 160), RGB(180, 40, 60), RGB(60, 140, 80), RGB(220, 200, 60)][i]
        let bw = ph * 0.16
        rect(Int(px - bw / 2), Int(foot - ph * 0.45), Int(px + bw / 2), Int(foot), label) { _, y in
          Double(y) > foot - ph * 0.22 ? RGB(40, 40, 60) : shirt
        }
        rect(Int(px - bw * 0.8), Int(foot - ph * 0.78), Int(px + bw * 0.8), Int(foot - ph * 0.45), label) { _, _ in shirt }
        ellipse(px, foot - ph * 0.88, ph * 0.1, ph * 0.1, label, noise: 4) { _, _, _ in RGB(225, 180, 150) }
      }
    }
  }
}
