import PanopticEditor
import PanopticModel
import PanopticRender

/// The interactive editor: terminal events in, frames out, effects carried
/// out through the session. Generic over `Terminal`, so the tests run the
/// very same loop against a fake terminal, keys in and cell grids out.
public struct EditorLoop<T: Terminal> {
  /// How the loop ended.
  public enum Ending: Equatable, Sendable {
    case quit
    /// A signal asked us to stop (SIGINT, SIGTERM, SIGHUP).
    case signal(Int32)
    /// The terminal went away without a signal.
    case hungUp
  }

  public let terminal: T
  public let session: EditSession
  /// The pending stop request: 0 for none, else the signal number.
  public var pendingSignal: () -> Int32
  /// Events handled before a frame is drawn: a paste or key repeat is
  /// applied at once and drawn once, never a frame per character.
  public var maxEventsPerFrame = 4096
  private var screen = EditorScreen()

  public init(terminal: T, session: EditSession, pendingSignal: @escaping () -> Int32 = { 0 }) {
    self.terminal = terminal
    self.session = session
    self.pendingSignal = pendingSignal
  }

  public mutating func run(_ state: inout EditorState) -> Ending {
    let size = terminal.size
    state.resize(columns: size.columns, rows: size.rows, colorMode: terminal.colorMode, unicode: terminal.unicode)
    terminal.draw(screen.render(state), force: true)
    while true {
      if let ending = stopRequested() {
        state.setWarning(session.syncJournal(force: true))
        return ending
      }
      guard var event = terminal.nextEvent(timeoutMs: 200) else {
        if let w = session.syncJournal() { state.setWarning(w) }
        continue
      }
      var force = false
      var handled = 0
      while true {
        if case .resize = event { force = true }
        if handle(event, &state) { return .quit }
        handled += 1
        guard handled < maxEventsPerFrame, let next = terminal.nextEvent(timeoutMs: 0) else { break }
        event = next
      }
      terminal.draw(screen.render(state), force: force)
    }
  }

  private func stopRequested() -> Ending? {
    let sig = pendingSignal()
    if sig != 0 { return .signal(sig) }
    return terminal.hungUp ? .hungUp : nil
  }

  /// Handles one event; true when the editor should quit.
  private func handle(_ event: InputEvent, _ state: inout EditorState) -> Bool {
    let effects = state.handle(event)
    state.setWarning(session.record(&state))
    for effect in effects {
      switch effect {
      case .quit:
        return true
      case .save(let path, let force, let thenQuit):
        do {
          let outcome = try session.save(state.labels, to: path, force: force)
          if outcome.savedLabelFile {
            state.didSave(outcome.message, fileIDs: outcome.fileIDs)
            session.rememberSavedHistory(state)
            state.setWarning(nil)
          } else {
            state.note(outcome.message + (state.isDirty ? "; the label file is still unsaved" : ""))
          }
          if thenQuit { return true }
        } catch {
          state.saveFailed("not saved: \(error.description); your edits are kept (try w PATH)")
        }
      }
    }
    return false
  }
}
