import Foundation
import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty-bench smart CLICKS.txt`: smart selection in the running editor.
/// The file (bench/smart_clicks.py writes it) names a photo and, per object,
/// a box and clicks. Each click is timed from the command to the finished
/// frame (engine cut + overlay + compose at 200×60), as the annotator waits
/// for it; the first click on a photo includes building the engine. Each
/// object's selection is then accepted, timed on its own: the preview after a
/// click is cut at the detail the 200×60 picture shows, `accept` at full
/// resolution. `--each` also prints every command with its time (to find the slow ones);
/// `--agreement` compares each preview with the full-resolution mask (untimed). A line
/// `preserve on` (after `photo`) times the clicks of an annotator in preserve mode, whose
/// selections leave the objects already accepted out.
func smartBench(_ args: [String]) throws {
  let each = args.contains("--each")
  let agreement = args.contains("--agreement")
  guard let path = args.first(where: { !$0.hasPrefix("--") }), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: panoptty-bench smart CLICKS.txt [--each] [--agreement]\n".utf8))
    exit(2)
  }
  var state: EditorState?
  var screen = EditorScreen()
  var first: [Double] = []
  var later: [Double] = []
  var accepts: [Double] = []
  var sizes = ""
  var freshPhoto = false
  var ious: [Double] = []
  /// Times one command from its execution to the finished frame.
  func timed(_ s: inout EditorState, _ command: EditorCommand) throws -> Double {
    let t0 = now()
    _ = try s.execute(command)
    _ = screen.render(s)
    return now() - t0
  }
  for line in text.split(separator: "\n") {
    let w = line.split(separator: " ").map(String.init)
    guard let head = w.first else { continue }
    let n = w.dropFirst().compactMap { Int($0) }
    if head == "photo" {
      if var s = state, !s.selection.isEmpty { accepts.append(try timed(&s, .accept(add: false))) }
      let photo = try ImageFile.readRGB(path: w[1])
      sizes = "\(photo.width)x\(photo.height)"
      state = EditorState(
        labels: LabelMap(width: photo.width, height: photo.height), image: photo, catalog: .coco,
        keymap: Keymap.builtIn(named: "default")!, columns: 200, rows: 60, colorMode: .palette256)
      _ = try state!.execute(.setClass("person"))
      _ = screen.render(state!)
      freshPhoto = true
      continue
    }
    guard var s = state else { continue }
    if head == "preserve" {  // `preserve on|off`, untimed: the clicks after it pay for the kept pixels
      _ = try s.execute(.preserve(w.count > 1 ? w[1] == "on" : nil))
      state = s
      continue
    }
    let command: EditorCommand
    switch head {
    case "object":
      // The previous object's selection is accepted: the full-resolution mask, painted.
      if !s.selection.isEmpty {
        let ms = try timed(&s, .accept(add: false))
        accepts.append(ms)
        if each { print(String(format: "%8.1f ms  accept", ms)) }
      }
      state = s
      continue
    case "box": command = .box(Point(n[0], n[1]), Point(n[2], n[3]))
    case "include": command = .include(Point(n[0], n[1]))
    case "exclude": command = .exclude(Point(n[0], n[1]))
    default: continue
    }
    let ms = try timed(&s, command)
    if each { print(String(format: "%8.1f ms  %@", ms, String(line))) }
    if agreement, let preview = s.selectionPreview, let full = s.selectionMask {
      var both = 0, either = 0
      for i in 0..<full.bytes.count where full.bytes[i] != 0 || preview.bytes[i] != 0 {
        either += 1
        if full.bytes[i] != 0 && preview.bytes[i] != 0 { both += 1 }
      }
      ious.append(either == 0 ? 1 : Double(both) / Double(either))
      if each { print(String(format: "          preview IoU %.4f (preview %d px, answer %d px)", ious.last!, preview.pixelCount, full.pixelCount)) }
    }
    if freshPhoto { first.append(ms) } else { later.append(ms) }
    freshPhoto = false
    state = s
  }
  if var s = state, !s.selection.isEmpty { accepts.append(try timed(&s, .accept(add: false))) }
  later.sort()
  accepts.sort()
  func pct(_ v: [Double], _ p: Double) -> Double { v.isEmpty ? 0 : v[min(v.count - 1, Int(Double(v.count) * p))] }
  print(String(format: "smart selection at %@, %d clicks/boxes: median %.1f ms, p95 %.1f ms, max %.1f ms (command → frame, 200x60)",
               sizes, later.count, pct(later, 0.5), pct(later, 0.95), later.last ?? 0))
  print(String(format: "  accept (the full-resolution mask, painted), %d: median %.1f ms, p95 %.1f ms, max %.1f ms",
               accepts.count, pct(accepts, 0.5), pct(accepts, 0.95), accepts.last ?? 0))
  if agreement {
    ious.sort()
    print(String(format: "  preview against the full-resolution mask after each click: IoU mean %.4f, 5th percentile %.4f, min %.4f",
                 ious.reduce(0, +) / Double(max(1, ious.count)), pct(ious, 0.05), ious.first ?? 0))
  }
  print(String(format: "  first click on each photo (builds the engine): %@; peak RSS %.0f MB",
               first.map { String(format: "%.1f ms", $0) }.joined(separator: ", "), peakRSSMB()))
}
