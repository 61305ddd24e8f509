import PanopticIO
import PanopticModel

/// What to do with a crash journal found when a label file is opened. A
/// pure decision, so every combination of flags, journals and files is
/// tested without a crash.
public enum RecoveryDecision: Equatable, Sendable {
  /// No journal, or the session is read-only: nothing to do.
  case nothing
  /// The journal only restores undo history onto an unchanged file.
  case restoreHistory
  /// Replay the unsaved work.
  case replay
  /// Remove the journal.
  case discard
  /// Ask the user (interactive sessions), with this question.
  case ask(String)
  /// Stop: the journal cannot be used as things are, for this reason.
  case refuse(String)

  public struct Flags: Sendable {
    public var recover: Bool
    public var discard: Bool
    public init(recover: Bool, discard: Bool) {
      self.recover = recover
      self.discard = discard
    }
  }

  /// What the label file holds when it is not the file the journal was started on (another
  /// inode or mtime): only its pixels say whether the journal still applies.
  public enum FileContent: Equatable, Sendable {
    /// Not compared, or neither of the two below.
    case other
    /// The pixels the journal's edits were made on (a `touch`, a copy put back): replay is safe.
    case journalBase
    /// The pixels the journal's edits end in: a save finished and the crash came before the
    /// journal was removed, or the edits since the save were undone. Nothing is lost.
    case journalEnd
  }

  public static func decide(
    journal: EditJournal.Recovery?, journalPath: String, labelPath: String, current: FileIdentity?,
    width: Int, height: Int, flags: Flags, readOnly: Bool, interactive: Bool, content: FileContent = .other,
    describeTime: (Int64) -> String = { "\($0)" }
  ) -> RecoveryDecision {
    if readOnly { return .nothing }
    if flags.discard { return .discard }
    // --recover asks for work that is not there: saying nothing would let a
    // script run on the saved file as if the lost edits had come back.
    let nothingToRecover = "--recover: there is no unsaved work for \(labelPath)"
    guard let j = journal else { return flags.recover ? .refuse("\(nothingToRecover) (no \(journalPath)); run without --recover") : .nothing }
    let dropIt = "--discard-recovery drops it"
    guard j.header.width == width, j.header.height == height else {
      return .refuse(
        "\(journalPath) is for a \(j.header.width)×\(j.header.height) map but \(labelPath) is \(width)×\(height); \(dropIt)")
    }
    let sameIdentity = j.header.base == current || (j.header.base == nil && current == nil)
    // The file holds where the edits end: saved just before a crash, or undone back to the
    // saved labels before a Ctrl-C. What a clean quit would do is right: drop the journal.
    if content == .journalEnd {
      return flags.recover
        ? .refuse("\(nothingToRecover): \(labelPath) already holds every edit in \(journalPath) (a save finished just before the crash); run without --recover")
        : .discard
    }
    let sameBase = sameIdentity || content == .journalBase
    if !j.hasUnsavedWork {
      if flags.recover {
        let held =
          j.tornTailBytes > 0
          ? "the only unsaved edit in \(journalPath) was cut short by the crash and cannot be replayed"
          : "\(journalPath) holds only the undo history of saved edits"
        return .refuse("\(nothingToRecover): \(held); run without --recover")
      }
      return sameBase ? .restoreHistory : .discard
    }
    // Nothing readable to compare with the file: the damage is the reason, whatever the file
    // did (a `touch` was blamed as "changed on disk"). A first edit that does not fit a file
    // whose identity changed is the file's change, not damage.
    var damagedOnDisk = j.damagedRecords > 0
    if case .doesNotFit = j.firstDamage, !sameBase { damagedOnDisk = false }
    if damagedOnDisk && !j.events.contains(where: { $0.changesPixels }) {
      return .refuse("\(journalPath) is damaged from its first edit on, \(j.damageText): nothing in it can be replayed; \(dropIt)")
    }
    guard sameBase else {
      return .refuse(
        "\(labelPath) changed on disk after the unsaved work was journaled, so it cannot be replayed; --recover-to COPY.png writes it onto the file as it is now, into a copy; \(dropIt)")
    }
    let edits = j.workText
    let replayable = j.events.contains { $0.changesPixels }
    if j.damagedRecords > 0 {
      guard replayable else {
        return .refuse("\(journalPath) is damaged from its first edit on, \(j.damageText): nothing in it can be replayed; \(dropIt)")
      }
      // Not a crash artefact but damage: replaying only the part before it
      // must be asked for, by a person at the prompt or by --recover.
      if !interactive && !flags.recover {
        return .refuse(
          "\(journalPath) has \(j.damageText) after \(edits) of unsaved work; --recover replays what comes before the damage, --discard-recovery drops it all")
      }
    }
    if flags.recover { return .replay }
    let damaged = j.damagedRecords > 0 ? ", then \(j.damageText), which cannot be replayed" : ""
    let torn = j.tornTailBytes > 0 ? "; the last edit was cut short by the crash and is lost" : ""
    let history = j.savedHistoryDropped ? "; without the undo history from before the last save, which does not fit the file" : ""
    let what = "unsaved work from \(describeTime(j.header.started)) (\(edits)\(damaged)\(torn)\(history)) exists for \(labelPath) in \(journalPath)"
    if interactive { return .ask("\(what). Recover it? [Y/n] ") }
    return .refuse("\(what); rerun with --recover to replay it or --discard-recovery to drop it")
  }
}
