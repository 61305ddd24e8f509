import PanopticRender

/// What the editor loop needs from a terminal: draw a frame of cells, wait
/// for input. The ncurses front end and the tests' fake terminal both
/// conform, so the whole loop runs in tests without a terminal.
public protocol Terminal: AnyObject {
  /// Current size in cells.
  var size: (columns: Int, rows: Int) { get }
  /// The colours frames should be drawn in.
  var colorMode: ColorMode { get }
  /// False when the locale cannot show half blocks (ASCII fallback).
  var unicode: Bool { get }
  /// True once the terminal has gone away (SSH link dropped, pane killed).
  var hungUp: Bool { get }
  /// Shows `grid`; only cells that differ from the last frame need to be sent
  /// unless `force` (after a resize or a redraw request).
  func draw(_ grid: CellGrid, force: Bool)
  /// Waits up to `timeoutMs` milliseconds (-1: forever) for the next event.
  func nextEvent(timeoutMs: Int32) -> InputEvent?
  /// Gives the terminal back to the shell (idempotent).
  func close()
}
