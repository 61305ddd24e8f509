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
    /// Dataset mode: the image was saved; open another.
    case switchImage(ImageStep)
  }

  public let terminal: T
  public let session: EditSession
  /// The pending stop request: 0 for none, else the signal number.
  public var pendingSignal: () -> Int32
  /// Takes back a pending Ctrl-C (true when there was one): on the `:` line it leaves the line.
  public var takeInterrupt: () -> Bool
  /// Events handled before a frame is drawn: a paste or key repeat is
  /// applied at once and drawn once, never a frame per character.
  public var maxEventsPerFrame = 4096
  /// Dataset mode: records `mark` in the status file and says what it did;
  /// nil for a single image, where `next` and `mark` explain themselves.
  public var marker: ((ImageMark) -> String)?
  private var screen = EditorScreen()

  public init(
    terminal: T, session: EditSession, pendingSignal: @escaping () -> Int32 = { 0 },
    takeInterrupt: @escaping () -> Bool = { false }
  ) {
    self.terminal = terminal
    self.session = session
    self.pendingSignal = pendingSignal
    self.takeInterrupt = takeInterrupt
  }

  public mutating func run(_ state: inout EditorState) -> Ending {
    let size = terminal.size
    state.resize(columns: size.columns, rows: size.rows, colorMode: terminal.colorMode, unicode: terminal.unicode)
    terminal.draw(screen.render(state), force: true)
    while true {
      // The terminal sends Ctrl-C as SIGINT; typed on the `:` line it leaves the line.
      if case .commandLine = state.mode, takeInterrupt() {
        _ = state.handle(.key(.ctrl("c")))
        terminal.draw(screen.render(state), force: false)
        continue
      }
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
        if let ending = handle(event, &state) { return ending }
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

  /// Handles one event; the ending when the editor should stop.
  private func handle(_ event: InputEvent, _ state: inout EditorState) -> Ending? {
    let effects = state.handle(event)
    state.setWarning(session.record(&state))
    for effect in effects {
      switch effect {
      case .quit:
        return .quit
      case .save(let path, let force, let thenQuit):
        if save(path, force: force, &state), thenQuit { return .quit }
      case .switchImage(let step):
        guard marker != nil else {
          state.note("next, prev and image work when editing a folder: panoptty edit FOLDER", error: true)
          continue
        }
        // Moving on saves the work first; a failed save stays here.
        if state.isDirty && !session.readOnly && !save(nil, force: false, &state) { continue }
        return .switchImage(step)
      case .mark(let m):
        guard let marker else {
          state.note("mark works when editing a folder: panoptty edit FOLDER", error: true)
          continue
        }
        state.note(marker(m))
      }
    }
    return nil
  }

  /// Saves through the session; false (with the reason on screen) when it failed.
  private func save(_ path: String?, force: Bool, _ state: inout EditorState) -> Bool {
    do {
      let outcome = try session.save(state.labels, to: path, force: force)
      if outcome.savedLabelFile {
        state.didSave(outcome.message, fileIDs: outcome.fileIDs)
        session.rememberSavedHistory(state)
        state.setWarning(nil)
      } else {
        state.note(outcome.message + (state.isDirty ? "; the label file is still unsaved" : ""))
      }
      return true
    } catch {
      let file = path ?? session.labelPath
      let why = error.description.contains(file) ? error.description : "\(file): \(error.description)"
      // Most refusals already say what to do (w!, w PATH); only say it when they do not.
      let hint = why.contains("w PATH") ? "" : " (w PATH saves them elsewhere)"
      state.saveFailed("not saved: \(why); your edits are kept\(hint)")
      return false
    }
  }
}
