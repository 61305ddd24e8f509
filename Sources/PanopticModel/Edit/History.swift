/// Unlimited undo and redo of whole user actions.
public struct History: Sendable, Hashable {
  public private(set) var undoSteps: [HistoryStep] = []
  public private(set) var redoSteps: [HistoryStep] = []

  public init() {}

  public mutating func push(_ step: HistoryStep) {
    guard !step.delta.isEmpty else { return }
    undoSteps.append(step)
    redoSteps.removeAll()
  }

  /// Extends the newest step (a stroke still being drawn).
  public mutating func extendLast(with delta: EditDelta) {
    guard !delta.isEmpty, !undoSteps.isEmpty else { return }
    undoSteps[undoSteps.count - 1].delta.append(contentsOf: delta)
    redoSteps.removeAll()
  }

  /// Puts a step back on a stack without touching pixels (journal replay).
  public mutating func restore(undo step: HistoryStep) { undoSteps.append(step) }
  public mutating func restore(redo step: HistoryStep) { redoSteps.append(step) }

  public mutating func popUndo() -> HistoryStep? {
    guard let s = undoSteps.popLast() else { return nil }
    redoSteps.append(s)
    return s
  }

  public mutating func popRedo() -> HistoryStep? {
    guard let s = redoSteps.popLast() else { return nil }
    undoSteps.append(s)
    return s
  }

  public var byteCount: Int { (undoSteps + redoSteps).reduce(0) { $0 + $1.delta.byteCount } }
}
