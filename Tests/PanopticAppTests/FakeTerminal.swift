import PanopticEditor
import PanopticRender

/// A terminal for tests: events are queued in, frames come out as
/// `CellGrid`s (the way swift-nio's EmbeddedChannel lets a test drive a
/// pipeline without a socket).
final class FakeTerminal: Terminal {
  var size: (columns: Int, rows: Int)
  let colorMode: ColorMode
  let unicode = true
  var hungUp = false
  /// Events still to deliver, in order.
  var pending: [InputEvent] = []
  /// Every frame drawn, with whether it was a forced full repaint.
  private(set) var frames: [(grid: CellGrid, force: Bool)] = []
  private(set) var closed = false
  /// Called when the queue runs dry (e.g. to raise a signal); nil ends with a hang-up.
  var whenIdle: (() -> Void)?

  init(columns: Int = 100, rows: Int = 30, colorMode: ColorMode = .truecolor) {
    size = (columns, rows)
    self.colorMode = colorMode
  }

  func type(_ keys: [Key]) { pending += keys.map(InputEvent.key) }
  func type(_ text: String) { pending += text.map { InputEvent.key(.char($0)) } }

  func draw(_ grid: CellGrid, force: Bool) { frames.append((grid, force)) }

  func nextEvent(timeoutMs: Int32) -> InputEvent? {
    if pending.isEmpty {
      if timeoutMs != 0 {
        if let whenIdle {
          whenIdle()
          self.whenIdle = nil
        } else {
          hungUp = true
        }
      }
      return nil
    }
    let e = pending.removeFirst()
    if case .resize(let c, let r) = e { size = (c, r) }
    return e
  }

  func close() { closed = true }

  /// The text of the last frame, row by row.
  var screenText: [String] { frames.last.map { f in (0..<f.grid.height).map { f.grid.text(row: $0) } } ?? [] }
}
