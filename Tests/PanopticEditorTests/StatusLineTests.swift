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

  /// Crowd mode paints the class's crowd whatever instance is chosen: the status line and `n`
  /// say so (they said "car new#5", and `n` "starts instance #5", before a fill made a crowd).
  @Test func crowdModeShowsAsCrowd() throws {
    var s = EditorState(labels: asciiMap("..\n..", [:]), image: nil, catalog: coco, keymap: Keymap(name: "t"))
    _ = try s.execute(.setClass("car"))
    #expect(StatusLine.text(s).contains("car new#1"))
    _ = try s.execute(.crowd(true))
    _ = try s.execute(.newInstance)
    #expect(StatusLine.text(s).contains("car crowd"))
    #expect(s.message.text.hasPrefix("crowd is on: the next stroke or fill paints car crowd"))
  }

  /// A session opened with --read-only says so on the status line; before, only a refused save
  /// told the annotator, after the work.
  @Test func readOnlyShowsOnTheStatusLine() {
    var s = EditorState(labels: asciiMap("..\n..", [:]), image: nil, catalog: Self.catalog, keymap: Keymap(name: "t"))
    #expect(!StatusLine.text(s).contains("READ-ONLY"))
    s.isReadOnly = true
    #expect(StatusLine.text(s).hasPrefix(" READ-ONLY |"))
  }

  /// Cut by the screen's edge a value was read as another: `[100` for the raw id 1000 at 80
  /// columns, `fill tol 2` for tolerance 24 at 40. The line now ends at the last whole word.
  @Test func aNarrowScreenCutsTheLineBetweenWordsNotInAValue() {
    let line = "     person #1              | fill tol 24/4c   | over | 320,213   person #1 [1000]          | 1/4"
    let at80 = StatusLine.fitted(line, columns: 80)
    #expect(at80 == "     person #1              | fill tol 24/4c   | over | 320,213   person #1")
    #expect(StatusLine.fitted(line, columns: 40) == "     person #1              | fill tol")
    #expect(StatusLine.fitted(line, columns: 200) == line)
  }
}
