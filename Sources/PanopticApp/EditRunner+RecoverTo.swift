import PanopticEditor
import PanopticIO
import PanopticModel

extension EditRunner {
  /// `edit --recover-to COPY`: a crash journal's edits put onto the label file as it is now,
  /// written to COPY; the label file and the journal stay as they are.
  ///
  /// A journal whose file changed on disk since cannot be replayed (its edits might merge
  /// into a teammate's), and until this the only way on was to drop it. The copy keeps the
  /// work where the user can compare it (`panoptty diff`) and choose.
  public static func recoverTo(session: EditSession, keymap: Keymap, copy: String) throws(AppFailure) -> [String] {
    defer { session.abandon() }
    let state = session.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    let label = session.labelPath, journalPath = session.journalPath
    let read: EditJournal.Recovery?
    do {
      read = try EditJournal.read(labelPath: session.openedTarget)
    } catch {
      throw AppFailure(error.description)
    }
    guard let journal = read else {
      throw AppFailure("--recover-to: there is no unsaved work for \(label) (no \(journalPath))")
    }
    // The edits go onto the file as it is now; with no file they would be islands in a void
    // map, passed off as the work.
    guard !session.isNew else {
      throw AppFailure(
        "--recover-to: \(label) does not exist any more, and the edits in \(journalPath) go onto it; put the file (or a copy of it) back and run again")
    }
    let (w, h) = (state.labels.width, state.labels.height)
    guard journal.header.width == w, journal.header.height == h else {
      throw AppFailure(
        "--recover-to: \(journalPath) is for a \(journal.header.width)×\(journal.header.height) map but \(label) is \(w)×\(h); its edits cannot be put on it")
    }
    let end = state.document.journalEndOnto(journal.events)
    // What the copy leaves out: records that are nonsense for these labels, damage, a torn end.
    var lost = journal.unreplayable
    if end.usedEvents < journal.events.count, let why = end.problem {
      lost.insert("the journal's records from \(end.usedEvents + 1) on (\(why))", at: 0)
    }
    guard end.edited > 0 else {
      if !lost.isEmpty {
        throw AppFailure(
          "--recover-to: nothing in \(journalPath) can be put onto \(label) (\(lost.joined(separator: "; "))); nothing was written; --discard-recovery drops it")
      }
      throw AppFailure("--recover-to: the edits in \(journalPath) change nothing in \(label) as it is now; nothing was written")
    }
    // Only a new file: the label file itself (any spelling or link to it) must keep what is on
    // disk, and an existing file may be another image's labels.
    let saved: EditSession.SaveOutcome
    do throws(PanopticError) {
      guard try session.target(of: copy) != .labelFile else {
        throw PanopticError.usage("\(copy) is \(label) itself, which keeps what is on disk; name a new file")
      }
      guard FileStatus.of(copy) == nil, Folders.linkTarget(copy) == nil else {
        throw PanopticError.usage("\(copy) exists; name a new file (the copy is written only where nothing is)")
      }
      saved = try session.save(end.labels, to: copy, force: false)
    } catch {
      throw AppFailure("--recover-to: \(error.description); nothing was written")
    }
    let contested =
      end.contested > 0
      ? "; \(end.contested.counted("pixel")) of them changed on disk since too, and hold your edit in the copy"
      : ""
    let catalog = session.catalog
    var notes: [String] = []
    if !end.renumbered.isEmpty {
      let list = end.renumbered.map { "\(catalog.describe($0.0)) is \(catalog.describe($0.1))" }
      notes.append("the file gave an id of your edits to another class meanwhile, so in the copy " + list.joined(separator: ", "))
    }
    if !end.sharedInstances.isEmpty {
      let list = end.sharedInstances.map { catalog.describe($0) }
      notes.append(
        "\(list.joined(separator: ", ")) also label\(list.count == 1 ? "s" : "") pixels your edits did not touch: one object, or two that took the same id (panoptty validate \(FileNames.shellQuoted(copy)) names an instance in pieces)")
    }
    let q = FileNames.shellQuoted
    let json = session.annotations.map { " --annotations " + q($0) } ?? ""
    return [
      saved.message,
      "put the unsaved edits in \(journalPath) onto \(label) as it is now: \(end.edited.counted("pixel")) differ\(end.edited == 1 ? "s" : "")\(contested)"
        + (lost.isEmpty ? "" : "; left out \(lost.joined(separator: " and "))"),
    ] + notes + [
      "\(label) and its journal are unchanged: compare with panoptty diff \(q(label)) \(q(copy)); then drop the journal with panoptty edit \(q(session.imagePath)) --labels \(q(label))\(json) --discard-recovery",
    ]
  }
}
