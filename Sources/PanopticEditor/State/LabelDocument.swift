import PanopticModel

/// The label map being edited, its undo history and what the crash journal
/// has not yet been told. The only writer of the map: every edit, undo, redo
/// and replay goes through here, so areas, history and journal never drift
/// from the pixels.
public struct LabelDocument: Sendable {
  public private(set) var labels: LabelMap
  public private(set) var areas: LabelAreas
  public private(set) var history = History()
  public let catalog: ClassCatalog
  /// Bumped by every change of the pixels (edit, undo, redo, replay), so state derived from
  /// them (the kept pixels of a pending selection) knows when it is stale.
  public private(set) var changeCount = 0
  /// Undo depth at the last save; nil once that state can no longer be
  /// reached by undo/redo (an edit after undoing past it).
  private var savedDepth: Int? = 0
  /// History changes not yet handed to the journal.
  private var journalBacklog: [JournalEvent] = []

  public init(labels: LabelMap, catalog: ClassCatalog) {
    self.labels = labels
    self.catalog = catalog
    self.areas = LabelAreas(labels)
  }

  public var isDirty: Bool { savedDepth != history.undoSteps.count }
  public var nextInstanceID: Int { areas.nextInstanceID }

  /// Applies `transform` to the pixels of `region` as one undo step (or as
  /// part of the last one, for a stroke being drawn). Returns the pixels changed.
  @discardableResult
  public mutating func edit(
    _ region: Region, _ description: String, extendLast: Bool = false, _ transform: (UInt32) -> UInt32?
  ) -> Int {
    commit(labels.apply(region, transform), description, extendLast: extendLast)
  }

  /// Like `edit`, over the whole map (relabel, merge, renumber).
  @discardableResult
  public mutating func editEverywhere(_ description: String, _ transform: (UInt32) -> UInt32?) -> Int {
    commit(labels.applyEverywhere(transform), description, extendLast: false)
  }

  /// Applies a change to the labels now, to be committed (with others) as
  /// one step by `commitPrepared`: for edits made of several regions.
  mutating func labelsApply(_ region: Region, _ transform: (UInt32) -> UInt32?) -> EditDelta {
    changeCount += 1
    return labels.apply(region, transform)
  }

  /// Commits changes already applied with `labelsApply` as one undo step.
  mutating func commitPrepared(_ delta: EditDelta, _ description: String) {
    _ = commit(delta, description, extendLast: false)
  }

  private mutating func commit(_ delta: EditDelta, _ description: String, extendLast: Bool) -> Int {
    guard !delta.isEmpty else { return 0 }
    changeCount += 1
    areas.update(delta)
    if extendLast && !history.undoSteps.isEmpty {
      if savedDepth == history.undoSteps.count { savedDepth = nil }
      history.extendLast(with: delta)
      journalBacklog.append(.extend(delta))
    } else {
      if let d = savedDepth, history.undoSteps.count < d { savedDepth = nil }
      let step = HistoryStep(description: description, delta: delta)
      history.push(step)
      journalBacklog.append(.step(step))
    }
    return delta.pixelCount
  }

  public mutating func undo() throws(PanopticError) -> HistoryStep {
    guard let step = history.popUndo() else { throw .usage("nothing to undo") }
    journalBacklog.append(.undo)
    changeCount += 1
    labels.revert(step.delta, toBefore: true)
    areas.update(step.delta, reverse: true)
    return step
  }

  public mutating func redo() throws(PanopticError) -> HistoryStep {
    guard let step = history.popRedo() else { throw .usage("nothing to redo") }
    journalBacklog.append(.redo)
    changeCount += 1
    labels.revert(step.delta, toBefore: false)
    areas.update(step.delta)
    return step
  }

  // MARK: - Saving and the journal

  /// The host saved the file: the current state is clean.
  public mutating func markSaved() { savedDepth = history.undoSteps.count }

  /// Hands over the history changes since the last call (for the journal).
  public mutating func takeJournalEvents() -> [JournalEvent] {
    defer { journalBacklog.removeAll() }
    return journalBacklog
  }

  /// The undo and redo stacks as journal records, for a journal whose base
  /// is the file as just saved (so undo survives a crash after a save).
  public func historyRecords() -> [JournalEvent] {
    history.undoSteps.map { .savedUndo($0) } + history.redoSteps.map { .savedRedo($0) }
  }

  /// True when every undo step can be undone and every redo step redone from
  /// the current labels: history restored from a journal must be history of
  /// these pixels, or a later undo would write labels that never were.
  func historyFits() -> Bool {
    var back = labels
    for step in history.undoSteps.reversed() {
      guard back.matches(step.delta, before: false) else { return false }
      back.revert(step.delta, toBefore: true)
    }
    var forward = labels
    for step in history.redoSteps.reversed() {
      guard forward.matches(step.delta, before: true) else { return false }
      forward.revert(step.delta, toBefore: false)
    }
    return true
  }

  /// Replays journal events (crash recovery) onto the labels as opened.
  ///
  /// All or nothing: each delta is checked against the map's size and the
  /// catalog, and each step must find the pixels it expects, on a copy; only
  /// a journal that passes replaces this document. A hostile or foreign
  /// journal changes nothing. (`replayableCount` finds how much of one does.)
  public mutating func replay(_ events: [JournalEvent]) throws(PanopticError) {
    var copy = self
    for (i, e) in events.enumerated() { try copy.replayOne(e, number: i + 1) }
    guard copy.historyFits() else {
      throw .badLabels("the journal's undo history does not match its labels")
    }
    copy.journalBacklog = []
    copy.changeCount = changeCount + 1
    self = copy
  }

  /// How many of `events`, from the first, replay cleanly onto these labels,
  /// and what is wrong with the next one. A record with a sound checksum can
  /// still be nonsense (a run past the map, a class the catalog lacks, an
  /// undo of nothing): the good edits before it must not be lost with it.
  /// `historyFits` is false when the undo history those events leave does
  /// not fit the labels (saved history that belongs to another file): the
  /// caller may try again without it.
  /// `numbers`: each event's record number in the journal, when some were
  /// left out (messages name the record the user would find in the file).
  public func replayableCount(
    _ events: [JournalEvent], numbers: [Int]? = nil
  ) -> (count: Int, problem: String?, historyFits: Bool) {
    var copy = self
    var stop: (Int, String)?
    for (i, e) in events.enumerated() {
      do {
        try copy.replayOne(e, number: numbers?[i] ?? i + 1)
      } catch {
        stop = (i, error.description)
        break
      }
    }
    return (stop?.0 ?? events.count, stop?.1, copy.historyFits())
  }

  /// Whether these labels already hold what `events` end in: every pixel the events touch has
  /// the value their last change gave it. A save that put its file in place and was killed
  /// before it removed the journal leaves exactly that (a stranger's kill -9 right after `:w`);
  /// the work is on disk, not lost.
  public func holdsTheEnd(of events: [JournalEvent]) -> Bool {
    guard events.contains(where: \.changesPixels) else { return false }
    var copy = self
    for (i, e) in events.enumerated() {
      do {
        try copy.replayOne(e, number: i + 1, checked: false)
      } catch {
        return false
      }
    }
    return copy.labels == labels
  }

  /// What a journal's edits come to, put onto these labels as they are now: every pixel the
  /// edits touch takes the value their last change gave it, whatever the file holds there.
  /// The way to keep a crashed session's work when its file changed on disk since, where a
  /// checked replay must refuse (`edit --recover-to COPY`): the copy is the user's to compare.
  ///
  /// Stops at the first event that is nonsense for these labels (a run past the map, a class
  /// the catalog lacks, an undo of nothing); `usedEvents` says how far it got.
  public func journalEndOnto(_ events: [JournalEvent]) -> JournalEndCopy {
    var copy = self
    let n = labels.pixelCount
    // What the edits found at each pixel they touch first: where the file holds something
    // else now, it changed there too, and the copy takes the edit's value over it.
    var found = [UInt32](repeating: 0, count: n)
    var seen = [Bool](repeating: false, count: n)
    var used = 0
    var problem: String?
    for (i, e) in events.enumerated() {
      let touched: (EditDelta, findsBefore: Bool)?
      switch e {
      case .step(let s): touched = (s.delta, true)
      case .extend(let d): touched = (d, true)
      case .undo: touched = copy.history.undoSteps.last.map { ($0.delta, false) }
      case .redo: touched = copy.history.redoSteps.last.map { ($0.delta, true) }
      case .savedUndo, .savedRedo: touched = nil
      }
      do {
        try copy.replayOne(e, number: i + 1, checked: false)
      } catch {
        problem = error.description
        break
      }
      if let (delta, findsBefore) = touched {
        for r in delta.runs {
          for p in r.start..<(r.start + r.length) where !seen[p] {
            seen[p] = true
            found[p] = findsBefore ? r.before : r.after
          }
        }
      }
      used = i + 1
    }
    // Only what the edits changed in the end is theirs: a pixel they set back to what they
    // found (an undone rectangle) keeps the file's value, whatever the file did meanwhile.
    // (The undone region overwrote a teammate's newer car with the old sky.)
    for p in 0..<n where seen[p] && copy.labels.pixels[p] == found[p] {
      seen[p] = false
      copy.labels.pixels[p] = labels.pixels[p]
    }
    // Instance ids are global, and the file may have given one of the edits' ids to another
    // class meanwhile (both sides took "the next id"): such a copy could not be saved. The
    // edits' pixels take a fresh id there. One id on the same class elsewhere may be one
    // object or two, which only a look can tell: it is reported, not changed.
    var elsewhere: [Int: UInt32] = [:]
    var highest = 0
    for p in 0..<n {
      let l = PanopticLabel(raw: copy.labels.pixels[p])
      highest = max(highest, l.instance)
      if !seen[p] && l.instance > 0 && elsewhere[l.instance] == nil { elsewhere[l.instance] = l.raw }
    }
    var renumbered: [UInt32: UInt32] = [:]
    var shared: Set<UInt32> = []
    for p in 0..<n where seen[p] {
      let l = PanopticLabel(raw: copy.labels.pixels[p])
      guard l.instance > 0, let other = elsewhere[l.instance] else { continue }
      if other == l.raw {
        shared.insert(l.raw)
        continue
      }
      if renumbered[l.raw] == nil && highest < PanopticLabel.maxInstance {
        highest += 1
        renumbered[l.raw] = PanopticLabel.pack(classIndex: UInt32(l.classIndex), instance: UInt32(highest))
      }
      if let fresh = renumbered[l.raw] { copy.labels.pixels[p] = fresh }
    }
    var edited = 0, contested = 0
    for p in 0..<n where seen[p] && copy.labels.pixels[p] != labels.pixels[p] {
      edited += 1
      // The file holds neither what the edits found nor what they made: both changed it.
      if labels.pixels[p] != found[p] { contested += 1 }
    }
    return JournalEndCopy(
      labels: copy.labels, edited: edited, contested: contested,
      renumbered: renumbered.map { (PanopticLabel(raw: $0.key), PanopticLabel(raw: $0.value)) }.sorted { $0.0.raw < $1.0.raw },
      sharedInstances: shared.map { PanopticLabel(raw: $0) }.sorted { $0.raw < $1.raw },
      usedEvents: used, problem: problem)
  }

  /// One journal event, checked, onto this document (record `number`, for messages).
  /// Unchecked (`holdsTheEnd`), the values it replaces are not compared with the labels.
  private mutating func replayOne(_ e: JournalEvent, number n: Int, checked: Bool = true) throws(PanopticError) {
    if let delta = e.delta {
      do {
        try delta.validate(pixelCount: labels.pixelCount, catalog: catalog)
      } catch {
        throw error.prefixed("journal record \(n)")
      }
    }
    switch e {
    case .step(let step):
      guard !checked || labels.matches(step.delta, before: true) else {
        throw .badLabels("journal record \(n) does not match the labels it was made on")
      }
      labels.revert(step.delta, toBefore: false)
      areas.update(step.delta)
      history.push(step)
    case .extend(let delta):
      guard !history.undoSteps.isEmpty else { throw .badLabels("journal record \(n) extends an edit that is not there") }
      guard !checked || labels.matches(delta, before: true) else {
        throw .badLabels("journal record \(n) does not match the labels it was made on")
      }
      labels.revert(delta, toBefore: false)
      areas.update(delta)
      history.extendLast(with: delta)
    case .undo:
      guard let step = history.undoSteps.last, !checked || labels.matches(step.delta, before: false) else {
        throw .badLabels("journal record \(n) undoes more than it did")
      }
      _ = history.popUndo()
      labels.revert(step.delta, toBefore: true)
      areas.update(step.delta, reverse: true)
    case .redo:
      guard let step = history.redoSteps.last, !checked || labels.matches(step.delta, before: true) else {
        throw .badLabels("journal record \(n) redoes more than it undid")
      }
      _ = history.popRedo()
      labels.revert(step.delta, toBefore: false)
      areas.update(step.delta)
    case .savedUndo(let step):
      history.restore(undo: step)
      savedDepth = history.undoSteps.count
    case .savedRedo(let step):
      history.restore(redo: step)
    }
  }
}

/// A journal's edits put onto the labels as they are now (`LabelDocument.journalEndOnto`).
public struct JournalEndCopy: Sendable {
  public var labels: LabelMap
  /// Pixels whose value differs from the labels now.
  public var edited: Int
  /// Of those, pixels where the labels now hold neither what the edits found there nor what
  /// they made: the file changed there too, and the copy holds the edit's value.
  public var contested: Int
  /// Instances of the edits whose id the file gave another class meanwhile, with the fresh
  /// label their pixels took in the copy.
  public var renumbered: [(PanopticLabel, PanopticLabel)]
  /// Instances of the edits whose label also marks pixels the edits did not touch: one
  /// object that the edits grew, or two that took the same next id.
  public var sharedInstances: [PanopticLabel]
  /// How many events were used; `problem` says why the next one could not be.
  public var usedEvents: Int
  public var problem: String?
}
