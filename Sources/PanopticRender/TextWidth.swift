/// How many terminal columns a character takes. A cell holds one column:
/// a CJK character or an emoji (two columns) drawn as one cell pushed the
/// rest of its row one column right, and a combining mark (none) pulled it
/// left, so a file name in Japanese broke the status line and the panel.
/// The ranges are Unicode's East Asian Wide and Fullwidth blocks, as
/// terminals' wcwidth counts them; the stdlib knows emoji presentation.
public enum TextWidth {
  public static func columns(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    // Latin text, and the block and box glyphs every frame is made of.
    if v < 0x300 || (0x2500...0x25FF).contains(v) { return 1 }
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if s.properties.isEmojiPresentation { return 2 }
    for r in wide where r.contains(v) { return 2 }
    return 1
  }

  /// The columns `text` takes on a terminal.
  public static func columns(of text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + columns($1) } }

  /// The longest start of `text` that fits in `limit` columns.
  public static func prefix(_ text: String, columns limit: Int) -> String {
    var used = 0
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      let w = columns(s)
      if used + w > limit { break }
      used += w
      out.append(s)
    }
    return String(out)
  }

  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x20000...0x3FFFD,
  ]
}
