import Foundation
import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty-bench smart CLICKS.txt`: smart selection in the running editor.
/// The file (bench/smart_clicks.py writes it) names a photo and, per object,
/// a box and clicks. Each click is timed from the command to the finished
/// frame (engine cut + overlay + compose at 200×60), as the annotator waits
/// for it; the first click on a photo includes building the engine.
func smartBench(_ args: [String]) throws {
  guard let path = args.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: panoptty-bench smart CLICKS.txt\n".utf8))
    exit(2)
  }
  var state: EditorState?
  var screen = EditorScreen()
  var first: [Double] = []
  var later: [Double] = []
  var sizes = ""
  for line in text.split(separator: "\n") {
    let w = line.split(separator: " ").map(String.init)
    guard let head = w.first else { continue }
    let n = w.dropFirst().compactMap { Int($0) }
    if head == "photo" {
      let photo = try ImageFile.readRGB(path: w[1])
      sizes = "\(photo.width)x\(photo.height)"
      state = EditorState(
        labels: LabelMap(width: photo.width, height: photo.height), image: photo, catalog: .coco,
        keymap: Keymap.builtIn(named: "default")!, columns: 200, rows: 60, colorMode: .palette256)
      _ = try state!.execute(.setClass("person"))
      _ = screen.render(state!)
      continue
    }
    guard var s = state else { continue }
    let command: EditorCommand
    switch head {
    case "object": command = .reject
    case "box": command = .box(Point(n[0], n[1]), Point(n[2], n[3]))
    case "include": command = .include(Point(n[0], n[1]))
    case "exclude": command = .exclude(Point(n[0], n[1]))
    default: continue
    }
    let fresh = s.selectionMask == nil && head != "object"
    let t0 = now()
    _ = try s.execute(command)
    _ = screen.render(s)
    let ms = now() - t0
    if head != "object" { (fresh && first.isEmpty ? { first.append(ms) } : { later.append(ms) })() }
    state = s
  }
  later.sort()
  func pct(_ p: Double) -> Double { later.isEmpty ? 0 : later[min(later.count - 1, Int(Double(later.count) * p))] }
  print(String(format: "smart selection at %@, %d clicks/boxes: median %.1f ms, p95 %.1f ms, max %.1f ms (command → frame, 200x60)",
               sizes, later.count, pct(0.5), pct(0.95), later.last ?? 0))
  print(String(format: "  first click on the photo (builds the engine): %.1f ms; peak RSS %.0f MB", first.first ?? 0, peakRSSMB()))
}
