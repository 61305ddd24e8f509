import PanopticModel

/// How many colours the terminal can show, and how RGB is mapped to them.
public enum ColorMode: String, Sendable, CaseIterable, Hashable {
  /// 24-bit SGR (`38;2;r;g;b`).
  case truecolor
  /// xterm 256: the 6×6×6 cube and grey ramp, indices 16–255 only (the
  /// first 16 follow the user's theme, so labels would change colour).
  case palette256 = "256"
  /// The 16 ANSI colours.
  case palette16 = "16"
  /// No colour: glyphs by brightness.
  case mono

  /// Picks the mode from the environment the way users expect:
  /// COLORTERM=truecolor/24bit, then TERM's `256color`/`direct`, else 16;
  /// `dumb` or NO_COLOR means mono.
  public static func detect(environment: [String: String], terminfoColors: Int? = nil) -> ColorMode {
    if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return .mono }
    let term = environment["TERM"] ?? ""
    if term == "dumb" { return .mono }
    let ct = (environment["COLORTERM"] ?? "").lowercased()
    if ct == "truecolor" || ct == "24bit" || term.hasSuffix("-direct") { return .truecolor }
    if let n = terminfoColors {
      if n >= 16_777_216 { return .truecolor }
      if n >= 256 { return .palette256 }
      if n >= 16 { return .palette16 }
      if n >= 8 { return .palette16 }
      return .mono
    }
    if term.contains("256color") { return .palette256 }
    if term.isEmpty { return .palette16 }
    return .palette16
  }

  @inlinable
  public func quantize(_ c: RGB) -> CellColor {
    switch self {
    case .truecolor: return .rgb(c)
    case .palette256: return .palette(Palette.nearest256(c))
    case .palette16: return .palette(Palette.nearest16(c))
    // Mono means no colour escape at all, anywhere: swatches, messages, marks.
    case .mono: return .terminalDefault
    }
  }
}
