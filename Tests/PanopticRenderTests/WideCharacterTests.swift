import PanopticModel
import Testing

@testable import PanopticRender

/// Two-column characters (CJK, emoji) and combining marks in text cells: the
/// terminal's columns must match the grid's, or a Japanese file name shifts
/// the rest of the status line and the side panel one column per character.
@Suite("Wide characters")
struct WideCharacterTests {
  @Test func aWideCharacterTakesTwoCellsAndAMarkNone() {
    var g = CellGrid(width: 8, height: 1)
    #expect(g.put("写真a", x: 0, y: 0) == 5)
    #expect(g[1, 0].glyph == Cell.continuation && g[3, 0].glyph == Cell.continuation && g[4, 0].glyph == "a")
    #expect(g.text(row: 0) == "写真a   ")
    // e + combining acute: one cell.
    var h = CellGrid(width: 4, height: 1)
    #expect(h.put("e\u{301}x", x: 0, y: 0) == 2)
    // No room for both halves: a blank, never half a character.
    var k = CellGrid(width: 3, height: 1)
    #expect(k.put("ab写", x: 0, y: 0) == 3)
    #expect(k.text(row: 0) == "ab ")
    // Half off the left edge: a blank, never a right half with nothing to its left.
    var m = CellGrid(width: 3, height: 1)
    m.put("写b", x: -1, y: 0)
    #expect(m[0, 0].glyph == " " && m[1, 0].glyph == "b")
    #expect(TextWidth.columns(of: "写真a") == 5 && TextWidth.prefix("写真a", columns: 3) == "写")
    #expect(TextWidth.columns("😀") == 2 && TextWidth.columns("\u{2580}") == 1 && TextWidth.columns("é") == 1)
  }

  @Test func writersSendEachColumnOnce() {
    var g = CellGrid(width: 6, height: 1)
    g.put("写a", x: 0, y: 0)
    #expect(AnsiWriter.plainText(g) == Array("写a\n".utf8))
    // Full frame: the wide character, then "a" with no cursor move between.
    let first = String(decoding: AnsiWriter.diff(from: nil, to: g), as: UTF8.self)
    #expect(first.contains("写a"), "\(first.debugDescription)")
    // Something covers the right half (an overlay's edge): the left half goes out as a blank.
    var covered = g
    covered[1, 0] = Cell("|")
    #expect(covered.glyphToSend(x: 0, y: 0) == " ")
    // Uncovered again: the character is sent again though its own cell did not change.
    let back = String(decoding: AnsiWriter.diff(from: covered, to: g), as: UTF8.self)
    #expect(back.contains("写"), "\(back.debugDescription)")
  }
}
