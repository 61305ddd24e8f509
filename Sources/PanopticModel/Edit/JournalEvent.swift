/// What changed in the undo history, in order, for the crash journal: replaying
/// these onto the file as it was opened gives the exact state and history.
public enum JournalEvent: Hashable, Sendable {
  case step(HistoryStep)
  case extend(EditDelta)
  case undo
  case redo
  /// History that already happened before the journal's base was saved:
  /// restored onto the undo or redo stack without touching pixels.
  case savedUndo(HistoryStep)
  case savedRedo(HistoryStep)

  /// True when replaying the event changes pixels (unsaved work).
  public var changesPixels: Bool {
    switch self {
    case .step, .extend, .undo, .redo: return true
    case .savedUndo, .savedRedo: return false
    }
  }

  /// The delta the event carries, if any (for validation before replay).
  public var delta: EditDelta? {
    switch self {
    case .step(let s), .savedUndo(let s), .savedRedo(let s): return s.delta
    case .extend(let d): return d
    case .undo, .redo: return nil
    }
  }
}

extension Sequence<JournalEvent> {
  /// The edits made (steps), as the recovery question and the editor count them.
  public var editCount: Int { reduce(0) { if case .step = $1 { return $0 + 1 } else { return $0 } } }
  /// The events that change pixels: edits, and undos or redos.
  public var changeCount: Int { reduce(0) { $1.changesPixels ? $0 + 1 : $0 } }
}
