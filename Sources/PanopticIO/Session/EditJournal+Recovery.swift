import PanopticModel

extension EditJournal {
  /// What a journal on disk holds.
  public struct Recovery: Sendable {
    public var header: JournalHeader
    public var events: [JournalEvent]
    public var damagedRecords: Int
    /// Bytes of a last record a crash cut short (lost, and said so).
    public var tornTailBytes: Int
    /// Why the first damaged record cannot be replayed.
    public var firstDamage: JournalDamage?
    /// Where the header record ends, and each event's record (nil: unknown).
    public var headerBytes: Int?
    public var eventEnds: [Int]?

    public init(
      header: JournalHeader, events: [JournalEvent], damagedRecords: Int, tornTailBytes: Int = 0,
      firstDamage: JournalDamage? = nil, headerBytes: Int? = nil, eventEnds: [Int]? = nil
    ) {
      self.header = header
      self.events = events
      self.damagedRecords = damagedRecords
      self.tornTailBytes = tornTailBytes
      self.firstDamage = firstDamage ?? (damagedRecords > 0 ? .checksum : nil)
      self.headerBytes = headerBytes
      self.eventEnds = eventEnds
    }

    /// Edits made after the base was saved (the unsaved work).
    public var steps: Int { events.editCount }
    /// Events that change pixels: edits, and undos or redos of saved ones.
    public var changes: Int { events.changeCount }
    /// True when the journal changes pixels (not only restores history).
    public var hasUnsavedWork: Bool { changes > 0 || damagedRecords > 0 }

    /// The unsaved work in words: "3 edits", or for a journal of undos and
    /// redos of saved edits only, "1 undo or redo of saved edits".
    public var workText: String {
      steps > 0 || changes == 0 ? steps.counted("edit") : changes.counted("undo or redo", plural: "undos or redos") + " of saved edits"
    }

    /// The damage in words: "1 damaged record (checksum failed)", or "a
    /// damaged record and the 2 after it (…)": nothing after the first damage
    /// is replayed, sound or not.
    public var damageText: String {
      let cause = (firstDamage ?? .checksum).description
      return damagedRecords <= 1
        ? "1 damaged record (\(cause))"
        : "a damaged record and the \((damagedRecords - 1).counted("record")) after it (\(cause))"
    }

    /// What of the journal cannot be replayed, in words: its damage and an edit the crash cut
    /// short (empty for a whole journal).
    public var unreplayable: [String] {
      (damagedRecords > 0 ? [damageText] : []) + (tornTailBytes > 0 ? ["a last edit the crash cut short"] : [])
    }

    /// Where the part that is replayed ends: more records must go right
    /// after it, or a later replay stops at the damage (or reads a torn
    /// head's length across them) and loses them. Nil: not known.
    public var validBytes: Int? { eventEnds?.last ?? headerBytes }

    /// True once the undo history from before the last save was left out
    /// (it did not fit the file).
    public var savedHistoryDropped = false
    /// Each event's record number in the journal once some were left out.
    public var recordNumbers: [Int]?

    /// Leaves out the undo history from before the last save (the `H`
    /// records), keeping every edit since.
    public mutating func dropSavedHistory() {
      let keep = events.indices.filter {
        switch events[$0] {
        case .savedUndo, .savedRedo: return false
        default: return true
        }
      }
      guard keep.count < events.count else { return }
      events = keep.map { events[$0] }
      eventEnds = eventEnds.map { ends in keep.map { ends[$0] } }
      recordNumbers = keep.map { $0 + 1 }
      savedHistoryDropped = true
    }

    /// Keeps the first `count` events: the next one does not fit the labels
    /// (`problem`), so it and everything after it count as damage.
    public mutating func keepFirst(_ count: Int, because problem: String) {
      guard count < events.count else { return }
      damagedRecords += events.count - count
      firstDamage = .doesNotFit(problem)
      tornTailBytes = 0
      events = Array(events.prefix(count))
      eventEnds = eventEnds.map { Array($0.prefix(count)) }
      recordNumbers = recordNumbers.map { Array($0.prefix(count)) }
    }
  }
}
