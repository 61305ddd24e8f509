import Foundation
import PanopticApp
import PanopticEditor
import PanopticIO
import PanopticModel
import Testing

/// Data-driven editor cases in the kakoune style: one folder per case under
/// Tests/EditorCases, each with `in.txt` (a photo and labels as ASCII art),
/// `cmd` (a script) and `out.txt` (the labels the saved file must hold, or
/// the one-line error the run must stop with, leaving the file as it was).
/// Every case runs through `EditRunner.runScript`, the same path as
/// `panoptty edit -c`, with real files in a fresh folder (`$WORK` in `cmd`). `UPDATE_CASES=1` writes a missing or
/// changed `out.txt` (then review the diff); otherwise a missing one fails.
@Suite("Editor cases")
struct EditorCaseTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("EditorCases")

  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }

  @Test func thereAreAtLeastFortyCases() { #expect(Self.names.count >= 40) }

  @Test(arguments: names)
  func editorCase(_ name: String) throws {
    let dir = Self.root.appendingPathComponent(name)
    let input = try ASCIIScene(parsing: try String(contentsOf: dir.appendingPathComponent("in.txt"), encoding: .utf8))
    let work = NSTemporaryDirectory() + "panoptty-case-" + UUID().uuidString
    // `$WORK` in a script is the case's own folder, so a case that writes a second file (`w
    // NAME`) writes it there and not into whatever folder the tests run from.
    let script = try String(contentsOf: dir.appendingPathComponent("cmd"), encoding: .utf8)
      .replacingOccurrences(of: "$WORK", with: work)
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let photo = work + "/photo.png", labels = work + "/photo_labels.png"
    try ImageFile.writePNG(input.photo, to: photo)
    _ = try LabelFile.write(input.labels, catalog: .coco, to: labels, format: .offset)
    let before = try Data(contentsOf: URL(fileURLWithPath: labels))
    var actual: String
    do {
      let session = try EditSession(image: photo, labels: labels, options: .init(), readOnly: false)
      _ = try EditRunner.runScript(
        session: session, keymap: Keymap.builtIn(named: "default")!, source: script, name: "cmd",
        recovery: .init(recover: false, discard: false))
      let map = try LabelFile.read(path: labels).decoded.map
      actual = "labels:\n" + input.legend.render(map) + "\n"
    } catch let failure as AppFailure {
      #expect(try Data(contentsOf: URL(fileURLWithPath: labels)) == before, "a failed script changed the file")
      actual = "error: " + failure.line.replacingOccurrences(of: work + "/", with: "") + "\n"
    }
    let outURL = dir.appendingPathComponent("out.txt")
    let expected = try? String(contentsOf: outURL, encoding: .utf8)
    if ProcessInfo.processInfo.environment["UPDATE_CASES"] == "1" && expected != actual {
      try actual.write(to: outURL, atomically: true, encoding: .utf8)
      return
    }
    let want = try #require(expected, "\(name)/out.txt is missing; run with UPDATE_CASES=1 and review it")
    #expect(actual == want, "\(name): got\n\(actual)")
  }
}

/// `in.txt`: a `legend:` line (`.=void s=sky 1=car#1 c=car` — class names
/// with `_` for spaces; a thing without `#N` is its crowd region), an
/// optional `photo:` grid (see `ASCIIScene.colors`) and a `labels:` grid.
struct ASCIIScene {
  var photo: RGBImage
  var labels: LabelMap
  var legend: Legend

  /// Photo characters: a few colours far apart, and near-twins for tolerance tests.
  static let colors: [Character: RGB] = [
    ".": RGB(128, 128, 128), "r": RGB(200, 30, 30), "n": RGB(210, 40, 40), "R": RGB(120, 10, 10),
    "g": RGB(30, 180, 30), "b": RGB(30, 30, 200), "y": RGB(220, 220, 40), "w": RGB(250, 250, 250),
    "k": RGB(10, 10, 10), "s": RGB(120, 170, 230),
  ]

  struct Legend {
    var labels: [Character: PanopticLabel] = [".": .void]

    init(_ line: String) throws {
      for item in line.split(separator: " ") {
        let kv = item.split(separator: "=", maxSplits: 1)
        guard kv.count == 2, kv[0].count == 1 else { throw CaseError("bad legend item \(item)") }
        let parts = kv[1].split(separator: "#")
        let name = parts[0].replacingOccurrences(of: "_", with: " ")
        guard let c = ClassCatalog.coco.resolve(name) else { throw CaseError("no class \(name)") }
        let instance = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        labels[kv[0].first!] = PanopticLabel(classIndex: c, instance: instance)
      }
    }

    func render(_ map: LabelMap) -> String {
      let chars = Dictionary(labels.map { ($0.value.raw, $0.key) }, uniquingKeysWith: { a, _ in a })
      return (0..<map.height).map { y in
        String((0..<map.width).map { x in chars[map[x, y].raw] ?? "?" })
      }.joined(separator: "\n")
    }
  }

  init(parsing text: String) throws {
    var section = ""
    var grids: [String: [String]] = [:]
    var legendLine = ""
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("#") || line.isEmpty { continue }
      if line.hasPrefix("legend:") {
        legendLine = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces)
      } else if line == "photo:" || line == "labels:" {
        section = String(line.dropLast())
      } else {
        grids[section, default: []].append(line)
      }
    }
    legend = try Legend(legendLine)
    let rows = try #require(grids["labels"], "in.txt needs a labels: grid")
    let w = rows[0].count, h = rows.count
    labels = LabelMap(width: w, height: h)
    for (y, row) in rows.enumerated() {
      for (x, ch) in row.enumerated() {
        guard let l = legend.labels[ch] else { throw CaseError("label character \(ch) is not in the legend") }
        labels[x, y] = l
      }
    }
    photo = RGBImage(width: w, height: h, fill: RGB(128, 128, 128))
    if let pixels = grids["photo"] {
      guard pixels.count == h, pixels.allSatisfy({ $0.count == w }) else { throw CaseError("photo and labels differ in size") }
      for (y, row) in pixels.enumerated() {
        for (x, ch) in row.enumerated() {
          guard let c = Self.colors[ch] else { throw CaseError("no photo colour \(ch)") }
          photo[x, y] = c
        }
      }
    }
  }
}

struct CaseError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
