import Foundation
import PanopticEditor
import PanopticIO
import PanopticModel

/// The crash journal: written as the user edits, replayed after a crash.
extension EditSession {
  /// Appends the editor's history changes to the journal, creating it (with
  /// the undo history as of the last save) on the first edit. A failed write
  /// (a full disk) keeps the events for the next try and returns a warning
  /// for the user to see until the journal has caught up.
  public func record(_ state: inout EditorState) -> String? {
    let events = state.takeJournalEvents()
    guard !readOnly else { return nil }
    journalBacklog += events
    guard !journalBacklog.isEmpty else { return nil }
    do {
      if journal == nil { journal = try startJournal(width: state.labels.width, height: state.labels.height) }
      try journal!.append(journalBacklog)
      journalBacklog = []
      try journal!.syncIfDue()
      return nil
    } catch {
      let behind = "journal behind by \(journalBacklog.count.counted("edit"))"
      // On a full disk `w` fails too (a save needs room for a whole new
      // file), so the way out is room, or a copy somewhere else.
      if error.isDiskFull { return "\(behind) (disk full): free some space, or :w PATH saves them on another disk" }
      var reason = error.description
      if case .os(let f) = error { reason = String(cString: strerror(f.code)) }
      return "\(behind) (\(reason)); w saves them"
    }
  }

  /// A new journal holding the saved history; nothing is left behind if
  /// even that cannot be written.
  private func startJournal(width: Int, height: Int) throws(PanopticError) -> EditJournal {
    let header = JournalHeader(
      labelName: FileNames.lastComponent(labelPath), width: width, height: height, base: baseIdentity,
      started: JournalClock.now())
    let j = try EditJournal(labelPath: openedTarget, header: header)
    do {
      try j.append(savedHistory)
    } catch {
      j.remove()
      throw error
    }
    return j
  }

  /// Where the crash journal of this label file lives.
  /// Beside the file the session opened: a symlink (or a symlinked folder) swapped since must
  /// not lead it to another file's journal (a quit deleted the journal of the file the link
  /// then pointed to).
  public var journalPath: String { EditJournal.path(for: openedTarget) }

  /// fsyncs the journal if a second has passed (or now, before exiting).
  public func syncJournal(force: Bool = false) -> String? {
    do {
      try journal?.syncIfDue(force: force)
      return nil
    } catch {
      return "crash journal: \(error.description)"
    }
  }

  /// The history to seed the next journal with, after a save.
  public func rememberSavedHistory(_ state: EditorState) { savedHistory = state.historyRecords() }

  /// Looks for a journal and decides what to do with it, for `state` as
  /// opened (before any replay).
  public func recoveryDecision(
    flags: RecoveryDecision.Flags, interactive: Bool, state: EditorState
  ) throws(AppFailure) -> RecoveryDecision {
    if readOnly { return .nothing }
    // --discard-recovery cannot drop a folder, and the script used to run and exit 0 with
    // the folder still in the way of every later open.
    if EditJournal.folderStandsInTheWay(labelPath: openedTarget) {
      throw AppFailure(EditJournal.folderInTheWay(journalPath))
    }
    if flags.discard { return .discard }
    let found: EditJournal.Recovery?
    var content = RecoveryDecision.FileContent.other
    let current = FileIdentity.of(labelPath)
    do {
      // Another identity is not yet another file: compare the pixels with the journal's.
      let raw = try EditJournal.read(labelPath: openedTarget)
      if let raw, raw.header.width == state.labels.width, raw.header.height == state.labels.height {
        let whole = raw.damagedRecords == 0 && raw.tornTailBytes == 0
        // (On the journal's own file this means the edits net to nothing: undone back to it.)
        // Only a whole journal can say where its edits end.
        if whole && state.document.holdsTheEnd(of: raw.events) {
          content = .journalEnd
        } else if raw.header.base != current, raw.header.base?.size == current?.size {
          // A torn or damaged journal's readable edits still say what they were made on: a
          // kill -9 mid-append and then a `touch` (a sync, a backup restore) was refused as
          // "changed on disk", and the edits before the tear could only be dropped. What the
          // damage costs is the decision's to say, as on an untouched file.
          // The touched pixels alone do not say the file is the base: a teammate's change
          // elsewhere passed, and the replay merged two rectangles into one car. The same byte
          // size too (a `touch` or a copy put back keeps it; another PNG hardly ever does).
          let check = state.document.replayableCount(raw.events)
          if check.problem == nil && check.historyFits && raw.events.contains(where: \.changesPixels) {
            content = .journalBase
          }
        }
      }
      found = try readRecovery(fitting: state, read: raw)
    } catch {
      throw AppFailure(error)
    }
    decidedRecovery = found
    return RecoveryDecision.decide(
      journal: found, journalPath: journalPath, labelPath: labelPath,
      current: current, width: state.labels.width, height: state.labels.height, flags: flags,
      readOnly: readOnly,
      interactive: interactive, content: content
    ) { seconds in
      DateFormatter.localizedString(
        from: Date(timeIntervalSince1970: TimeInterval(seconds)), dateStyle: .short, timeStyle: .short)
    }
  }

  /// The journal, with the events that do not fit `state`'s labels (and
  /// all after them) counted as damage: the edits before a nonsense record
  /// are replayed like those before a failed checksum, not lost with it.
  /// `read`: the journal as already read from disk (nil: read it here).
  func readRecovery(fitting state: EditorState, read: EditJournal.Recovery?? = nil) throws(PanopticError) -> EditJournal.Recovery? {
    let found: EditJournal.Recovery?
    if let read { found = read } else { found = try EditJournal.read(labelPath: openedTarget) }
    guard var j = found else { return nil }
    // A journal for another size cannot fit at all; the decision says why in its own words.
    guard j.header.width == state.labels.width, j.header.height == state.labels.height else { return j }
    var check = state.document.replayableCount(j.events)
    if !check.historyFits {
      // The undo history from before the last save does not fit the file: the edits since
      // are still good, so replay them without it rather than lose them with it.
      j.dropSavedHistory()
      check = state.document.replayableCount(j.events, numbers: j.recordNumbers)
    }
    if let problem = check.problem {
      j.keepFirst(check.count, because: problem)
    } else if !check.historyFits {
      j.keepFirst(0, because: "the journal's undo history does not match its labels")
    }
    return j
  }

  /// Carries out a decision (an `.ask` must have been answered first).
  /// Returns what a replay had to leave out (damaged records, an edit the
  /// crash cut short), for a script to print: a person was told at the prompt.
  @discardableResult
  public func apply(_ decision: RecoveryDecision, to state: inout EditorState) throws(AppFailure) -> String? {
    switch decision {
    case .nothing where readOnly && FileStatus.of(journalPath) != nil:
      // A read-only look replays nothing, but must not pass the file off as all there is.
      let note = "\(labelPath) has unsaved edits in a crash journal (\(journalPath)); this read-only session shows the file as saved, and panoptty edit without --read-only recovers them"
      state.note(note)
      return note
    case .nothing, .ask:
      return nil
    case .refuse(let why):
      throw AppFailure(why)
    case .discard:
      do {
        try EditJournal.discard(labelPath: openedTarget)
      } catch {
        throw AppFailure(error)
      }
      return nil
    case .restoreHistory, .replay:
      let path = journalPath
      do {
        let read: EditJournal.Recovery?
        if let decided = decidedRecovery { read = decided } else { read = try readRecovery(fitting: state) }
        decidedRecovery = nil
        guard let j = read else { return nil }
        try state.replay(j.events)
        if j.savedHistoryDropped && j.changes > 0 {
          state.note(
            "recovered \(j.workText) of unsaved work; undo reaches back only to the first of them (the history from before the last save does not fit the file)")
        }
        journal = try EditJournal(appendingTo: path, keepingFirst: j.validBytes)
        var lost = j.unreplayable
        if j.savedHistoryDropped { lost.append("the undo history from before the last save (it does not fit the file)") }
        guard !lost.isEmpty else { return nil }
        if j.changes == 0 {
          // Only saved history came back (damage before any edit is refused earlier).
          return j.tornTailBytes > 0 ? "the only unsaved edit in \(path) was cut short by the crash and is lost" : nil
        }
        return "replayed the \(j.workText) in \(path); dropped \(lost.joined(separator: " and "))"
      } catch {
        throw AppFailure("\(path): \(error.description); --discard-recovery drops it")
      }
    }
  }
}

/// Wall-clock seconds, for the journal's "unsaved work from …" line.
enum JournalClock {
  static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
