// In-process benchmarks for docs/performance.md and docs/formats.md.
// Usage: panoptty-bench PHOTO.png LABELS.png ANNOTATIONS.json SEED_X SEED_Y [RUNS]
// Prints one line per measurement: name, median ms, min-max, and a note.
import Foundation
import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

func measure(_ name: String, runs: Int, note: String = "", setup: () -> Void = {}, _ body: () throws -> Void) rethrows {
  var times: [Double] = []
  setup()
  try body()  // warm-up
  for _ in 0..<runs {
    setup()
    let t0 = now()
    try body()
    times.append(now() - t0)
  }
  times.sort()
  let med = times[times.count / 2]
  print(String(format: "%-44@ %9.2f ms  [%.2f-%.2f]  %@", name as NSString, med, times.first!, times.last!, note as NSString))
}

func peakRSSMB() -> Double {
  var u = rusage()
  getrusage(Int32(RUSAGE_SELF.rawValue), &u)
  return Double(u.ru_maxrss) / 1024
}

let args = CommandLine.arguments
if args.count > 1 && args[1] == "smart" {
  try smartBench(Array(args.dropFirst(2)))
  exit(0)
}
guard args.count >= 6, let sx = Int(args[4]), let sy = Int(args[5]) else {
  FileHandle.standardError.write(Data("usage: panoptty-bench PHOTO.png LABELS.png ANNOTATIONS.json SEED_X SEED_Y [RUNS]\n".utf8))
  exit(2)
}
let runs = args.count > 6 ? Int(args[6]) ?? 11 : 11
let annotationsPath = args[3]
let photoPath = args[1]
let labelPath = args[2]

var photo = RGBImage(width: 1, height: 1)
try measure("decode photo PNG → RGB (libpng)", runs: runs) { photo = try ImageFile.readRGB(path: photoPath) }
var pyramid = ImagePyramid(photo)
measure("build image pyramid", runs: runs) { pyramid = ImagePyramid(photo) }
var loaded: LoadedLabelFile?
try measure("decode COCO label PNG + JSON (shared decoder)", runs: runs) {
  loaded = try LabelFile.read(path: labelPath, options: LabelFileOptions(format: .coco, annotations: annotationsPath))
}
let labels = loaded!.decoded.map
print("  label map \(labels.width)x\(labels.height), photo \(photo.width)x\(photo.height), RSS so far \(Int(peakRSSMB())) MB")

// Frames at 200×60 cells.
var vp = Viewport(imageWidth: photo.width, imageHeight: photo.height, columns: 200, rows: 60)
var renderer = FrameRenderer()
let style = RenderStyle(mode: .overlay, opacity: 0.5, colorBy: .instance, colorMode: .palette256)
var grid = CellGrid(width: 1, height: 1)
var panStep = 0
measure("frame compose, new viewport (pan), 200x60", runs: runs * 3, setup: { panStep += 1; vp.pan(dx: panStep % 2 == 0 ? 1 : -1, dy: 0) }) {
  grid = renderer.render(image: pyramid, labels: labels, catalog: .coco, viewport: vp, style: style)
}
measure("frame compose, cached photo (after an edit)", runs: runs * 3) {
  grid = renderer.render(image: pyramid, labels: labels, catalog: .coco, viewport: vp, style: style)
}
measure("ANSI text of a 200x60 frame (view)", runs: runs) { _ = AnsiWriter.render(grid) }

// Fills at the sky seed.
var region = Region(originX: 0, originY: 0, width: 0, height: 0)
measure("flood fill by colour, tol 10, 4-conn (region)", runs: runs) {
  region = FloodFill.similarColor(photo, at: Point(sx, sy), tolerance: 10, connectivity: 4)
}
print(String(format: "  colour fill region: %d px = %.1f%% of the image", region.count, 100 * Double(region.count) / Double(photo.width * photo.height)))
measure("flood fill by label, exact, 4-conn (region)", runs: runs) {
  region = FloodFill.sameLabel(labels, at: Point(sx, sy), connectivity: 4)
}
print(String(format: "  label fill region: %d px = %.1f%%", region.count, 100 * Double(region.count) / Double(labels.width * labels.height)))
var state = EditorState(
  labels: labels, image: photo, catalog: .coco, keymap: Keymap.builtIn(named: "default")!, columns: 200, rows: 60,
  colorMode: .palette256)
_ = try state.execute(.setClass("car"))
_ = try state.execute(.tolerance(10, relative: false))
measure("editor: fill command incl. delta + stats", runs: runs, setup: { if state.document.history.undoSteps.count > 0 { _ = try? state.execute(.undo) } }) {
  _ = try? state.execute(.fill(Point(sx, sy)))
}
var screen = EditorScreen()
_ = screen.render(state)
var k = 0
measure("editor: key → frame (cursor move, 200x60)", runs: runs * 3) {
  k += 1
  _ = state.handle(.key(k % 2 == 0 ? .left : .right))
  grid = screen.render(state)
}
_ = try state.execute(.setTool(.brush))
_ = try state.execute(.brushSize(8, relative: false))
measure("editor: brush dab → frame", runs: runs * 3) {
  _ = state.handle(.key(.char(" ")))
  grid = screen.render(state)
}

// Encoding choices for label maps (docs/formats.md).
let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("panoptty-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: tmp) }
let variants: [(String, PNGCompression)] = [
  ("none, zlib 6, default (chosen)", .labels),
  ("none, zlib 1, default", .custom(level: 1, strategy: PNGCompression.strategyDefault, filters: PNGCompression.filterNone)),
  ("none, zlib 6, RLE", .custom(level: 6, strategy: PNGCompression.strategyRLE, filters: PNGCompression.filterNone)),
  ("SUB, zlib 6, default", .custom(level: 6, strategy: PNGCompression.strategyDefault, filters: PNGCompression.filterSub)),
  ("SUB, zlib 1, RLE", .custom(level: 1, strategy: PNGCompression.strategyRLE, filters: PNGCompression.filterSub)),
  ("SUB, zlib 1, default", .custom(level: 1, strategy: PNGCompression.strategyDefault, filters: PNGCompression.filterSub)),
  ("adaptive, zlib 6, default", .custom(level: 6, strategy: PNGCompression.strategyDefault, filters: PNGCompression.filterAll)),
  ("SUB, zlib 9, default", .custom(level: 9, strategy: PNGCompression.strategyDefault, filters: PNGCompression.filterSub)),
]
for fmt in [LabelFormat.offset, .coco] {
  for (name, c) in variants {
    let path = tmp + "/l.png"
    try FileManager.default.createDirectory(atPath: tmp + "/x", withIntermediateDirectories: true)
    let target = fmt == .coco ? tmp + "/x/l.png" : path
    try measure("encode \(fmt.rawValue): \(name)", runs: max(3, runs / 2)) {
      _ = try LabelFile.write(labels, catalog: .coco, to: target, format: fmt, compression: c)
    }
    let size = (try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
    try measure("  decode it back", runs: max(3, runs / 2), note: "\(size) bytes") { _ = try LabelFile.read(path: target) }
  }
}
measure("segments (area + bbox) of the 4K map", runs: runs) { _ = labels.segments() }

// A 200-edit session: memory grows with what changed, not with the image.
var session = EditorState(
  labels: labels, image: photo, catalog: .coco, keymap: Keymap.builtIn(named: "default")!, columns: 200, rows: 60,
  colorMode: .palette256)
struct LCG {
  var state: UInt64 = 42
  mutating func next(_ n: Int) -> Int {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return Int((state >> 33) % UInt64(n))
  }
}
var lcg = LCG()
let t0 = now()
for i in 0..<200 {
  let x = lcg.next(labels.width), y = lcg.next(labels.height)
  switch i % 4 {
  case 0: _ = try? session.execute(.setClass(["car", "person", "road", "sky"][lcg.next(4)]))
  case 1: _ = try? session.execute(.fill(Point(x, y)))
  case 2: _ = try? session.execute(.paint([Point(x, y), Point(min(labels.width - 1, x + 200), min(labels.height - 1, y + 50))]))
  default: _ = try? session.execute(.rect(Point(x, y), Point(min(labels.width - 1, x + 100), min(labels.height - 1, y + 80))))
  }
}
print(String(format: "200-edit session: %.0f ms, history %.1f MB in %d steps, peak RSS %.0f MB", now() - t0,
  Double(session.document.history.byteCount) / 1e6, session.document.history.undoSteps.count, peakRSSMB()))
