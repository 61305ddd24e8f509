import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

/// The status line's fields sit at fixed columns, so a cursor move rewrites only what changed.
@Suite("Status line")
struct StatusLineTests {
  static let catalog = ClassCatalog(
    name: "t",
    classes: [
      ClassInfo(id: 1, name: "road", kind: .stuff, color: RGB(128, 64, 128)),
      ClassInfo(id: 2, name: "歩道", kind: .stuff, color: RGB(244, 35, 232)),
    ])

  /// The column where the preserve field ("keep"/"over") starts, as a terminal counts columns.
  static func preserveColumn(classIndex: Int) throws -> Int {
    var s = EditorState(
      labels: asciiMap("..\n..", [:]), image: nil, catalog: catalog, keymap: Keymap(name: "t"))
    _ = try s.execute(.setClass(String(classIndex)))
    let text = StatusLine.text(s)
    let range = try #require(text.range(of: " | over | "))
    return TextWidth.columns(of: String(text[..<range.lowerBound]))
  }

  @Test func aWideClassNameKeepsTheFieldsAfterItInTheirColumns() throws {
    // 歩道 takes four columns, not two: counted as characters it pushed every later field two
    // columns right, and each change of class rewrote the rest of the line.
    #expect(try Self.preserveColumn(classIndex: 1) == Self.preserveColumn(classIndex: 0))
  }
}
