import ArgumentParser
import PanopticRender
import PanopticIO
import TerminalUI

extension OverlayMode: ExpressibleByArgument {}

/// `--colors` values.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, truecolor, c256 = "256", c16 = "16", mono

  /// The mode to draw in: the flag, else COLORTERM, then terminfo for TERM
  /// (when printing to a terminal), then TERM's name; NO_COLOR means mono.
  func resolve(forTerminal: Bool) -> ColorMode {
    switch self {
    case .auto:
      let env = Console.environment
      let fromTerminfo = forTerminal ? env["TERM"].flatMap { TerminalInfo.colors(term: $0) } : nil
      return ColorMode.detect(environment: env, terminfoColors: fromTerminfo)
    case .truecolor: return .truecolor
    case .c256: return .palette256
    case .c16: return .palette16
    case .mono: return .mono
    }
  }
}
