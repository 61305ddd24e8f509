// libFuzzer target: command language, keymap files, and the editor state
// machine executing whatever parses, on a small map.
import PanopticEditor
import PanopticModel

/// Built once; each run edits its own copy (a value type).
let baseState: EditorState = {
  var image = RGBImage(width: 16, height: 12, fill: RGB(90, 90, 90))
  for i in 0..<(16 * 12) { image[i % 16, i / 16] = RGB(UInt8(i % 7 * 30), UInt8(i % 5 * 40), UInt8(i % 3 * 60)) }
  return EditorState(
    labels: LabelMap(width: 16, height: 12), image: image, catalog: .coco,
    keymap: Keymap.builtIn(named: "default")!, columns: 24, rows: 8)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = try? Keymap(name: "fuzz").applying(text, source: "fuzz")
  var state = baseState
  var screen = EditorScreen()
  for item in CommandParser.statements(text).prefix(64) {
    guard let command = try? CommandParser.parse(item.text) else { continue }
    _ = try? state.execute(command)
  }
  // Keys too: every byte as a key press.
  for b in UnsafeBufferPointer(start: data, count: min(size, 24)) {
    _ = state.handle(.key(.char(Character(Unicode.Scalar(b)))))
  }
  _ = screen.render(state)
  return 0
}
