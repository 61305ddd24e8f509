import PanopticEditor
import PanopticIO
import PanopticModel

/// The one place scripts run (`edit --script FILE`, `edit -c '…'`, the
/// editor cases in the tests). Commands go through the same `EditorState`
/// as keys; a failing command stops the run with `SOURCE:LINE: reason` and
/// nothing is written. Saves are collected and written only at the end:
/// `w PATH` writes a copy there, `w`/`w!` the label file (`w!` also over a
/// file changed on disk), and the label file is saved at the end whenever
/// the script left changes (unless it quit with `q!`).
public struct ScriptRunner {
  /// What the run wrote, one line each, for stderr.
  public struct Outcome: Sendable {
    public var reports: [String]
  }

  public let source: String
  public let name: String

  public init(source: String, name: String) {
    self.source = source
    self.name = name
  }

  /// The edits whose "nothing changed" is worth a line on stderr, typed or through a tool
  /// (`apply` with the fill tool, the cut's second point; `finish` with the smart tool). An
  /// `apply` that places a polygon point or a cut's first end changes nothing by design.
  static func reportsWhenIdle(_ command: EditorCommand, tool: Tool, pending: Bool) -> Bool {
    switch command {
    case .fill, .split, .accept: return true
    case .apply: return tool == .fill || (tool == .cut && pending)
    case .finish: return tool == .smart
    default: return false
    }
  }

  public func run(_ state: inout EditorState, session: EditSession) throws(AppFailure) -> Outcome {
    state.showsLiveHints = false
    // Each save with the labels as they were at that line, in order.
    var saves: [(map: LabelMap, path: String?, force: Bool, statement: CommandParser.Statement?)] = []
    var dropChanges = false
    // A fill, split or accept that changed nothing is not an error (the next line may mend it),
    // but a script that exits 0 must not leave the user believing it did something.
    var notes: [String] = []
    lines: for statement in CommandParser.statements(source) {
      let fail = { (why: String) -> AppFailure in
        AppFailure("\(CommandParser.location(name, statement)): \(why); nothing was saved", status: ExitStatus.badInput)
      }
      let command: EditorCommand
      do {
        command = try CommandParser.parse(statement.text)
      } catch {
        throw fail(error.description)
      }
      let effects: [EditorEffect]
      let changesBefore = state.document.changeCount
      let reportIdle = Self.reportsWhenIdle(command, tool: state.tools.tool, pending: !state.tools.pendingPoints.isEmpty)
      do {
        effects = try state.execute(command)
      } catch {
        throw fail(error.description)
      }
      if reportIdle, state.document.changeCount == changesBefore {
        notes.append("\(CommandParser.location(name, statement)): \(state.message.text)")
      }
      for effect in effects {
        switch effect {
        case .save(let path, let force, let thenQuit):
          // A target no save may take (the photo, the reference) fails at its line, before any write.
          do {
            _ = try session.target(of: path)
          } catch {
            throw fail(error.description)
          }
          saves.append((state.labels, path, force, statement))
          // What the file will hold once the saves run: clean from here on.
          if path == nil { state.markSavedByScript() }
          if thenQuit { break lines }
        case .quit:
          if case .quit(force: true) = command { dropChanges = true }
          break lines
        case .switchImage, .mark:
          throw fail("\(statement.text) works in the editor's dataset mode (panoptty edit FOLDER), not in a script")
        }
      }
      if state.mode == .confirmQuit {
        throw fail("q with unsaved changes; use wq to save or q! to drop them")
      }
    }
    // Clicks without `accept` would vanish without a word.
    if !dropChanges && state.hasUnacceptedSelection {
      throw AppFailure(
        "\(name): the script ends with a smart selection it never accepted; add accept (or reject); nothing was saved",
        status: ExitStatus.badInput)
    }
    var reports = notes
    if session.readOnly && state.isDirty && !dropChanges && !saves.contains(where: { $0.path != nil }) {
      reports.append("\(name): --read-only: the changes were not saved (w PATH saves a copy)")
    }
    // Read-only sessions write only the copies the script asked for.
    if !dropChanges && state.isDirty && !session.readOnly { saves.append((state.labels, nil, false, nil)) }
    var written: [String] = []
    for save in saves {
      do {
        let outcome = try session.save(save.map, to: save.path, force: save.force)
        reports.append(outcome.message)
        written.append(save.path ?? session.labelPath)
        if outcome.savedLabelFile { state.didSave(outcome.message, fileIDs: outcome.fileIDs) }
      } catch {
        // Most refusals name the file; a failure deep in the write ("is a symlink to a file
        // that does not exist") does not, and the line must say which file it was. A refusal
        // only the write itself can see (a COCO copy whose image_id the target JSON gives
        // another PNG) comes after the saves before it, which the line must own up to.
        let failure = AppFailure(error, naming: save.path ?? session.labelPath)
        let location = save.statement.map { CommandParser.location(name, $0) + ": " } ?? ""
        let before = written.isEmpty ? "nothing was saved" : "saved before it: " + written.joined(separator: ", ")
        throw AppFailure(location + failure.line + "; " + before, status: failure.status)
      }
    }
    // A script either saved everything or failed before writing anything,
    // so it leaves no journal behind.
    _ = state.takeJournalEvents()
    return Outcome(reports: reports)
  }
}
