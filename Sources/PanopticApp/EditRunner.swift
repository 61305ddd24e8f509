import Foundation
import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty edit`: recovery, then a script or the interactive loop, then a
/// clean end (or one that keeps the journal).
public enum EditRunner {
  /// Runs `source` (a script file's text or `-c`) and saves.
  public static func runScript(
    session: EditSession, keymap: Keymap, source: String, name: String, recovery: RecoveryDecision.Flags
  ) throws(AppFailure) -> [String] {
    var state = session.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    let decision = try session.recoveryDecision(flags: recovery, interactive: false, state: state)
    // --discard-recovery drops the journal once the script has run (`finish`): a script that
    // fails saves nothing, and took the journal's edits with it.
    let dropped = decision == .discard ? nil : try session.apply(decision, to: &state)
    let outcome = try ScriptRunner(source: source, name: name).run(&state, session: session)
    session.finish()
    return (dropped.map { [$0] } ?? []) + outcome.reports
  }

  /// Asks about a crash journal on the terminal (before curses takes the
  /// screen), then runs the editor until the user quits or a signal stops it.
  public static func runInteractive<T: Terminal>(
    session: EditSession, keymap: Keymap, recovery: RecoveryDecision.Flags,
    makeTerminal: () throws(AppFailure) -> T
  ) throws(AppFailure) {
    var state = session.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    var decision = try session.recoveryDecision(flags: recovery, interactive: true, state: state)
    // Watching signals from here on: one that arrives during the question ends it with the
    // terminal's modes put back (killed outright, a shell like dash is left without echo).
    SignalWatcher.install()
    if case .ask(let question) = decision {
      switch Console.askYesNo("panoptty: " + question) {
      case .yes: decision = .replay
      case .no: decision = .discard
      case .interrupted(let sig):
        throw AppFailure(
          "stopped at the recovery question; the unsaved work stays in \(session.journalPath) for the next panoptty edit",
          status: ExitStatus.signal(sig))
      }
    }
    try session.apply(decision, to: &state)
    let terminal = try makeTerminal()
    var loop = EditorLoop(
      terminal: terminal, session: session, pendingSignal: SignalWatcher.pending, takeInterrupt: SignalWatcher.takeInterrupt)
    let ending = loop.run(&state)
    terminal.close()
    switch ending {
    case .quit, .switchImage:
      session.finish()
    case .signal(let sig):
      session.abandon()
      throw AppFailure(stoppedMessage("stopped by signal \(sig)", state, session), status: ExitStatus.signal(sig))
    case .hungUp:
      session.abandon()
      throw AppFailure(stoppedMessage("the terminal went away", state, session), status: ExitStatus.signal(SIGHUP))
    }
  }

  static func stoppedMessage(_ what: String, _ state: EditorState, _ session: EditSession) -> String {
    state.isDirty
      ? "\(what); unsaved edits are in \(session.journalPath): run panoptty edit again to recover them"
      : what
  }
}
