import Foundation
import PanopticEval
import PanopticIO

extension EvalRunner.Outcome {
  /// pq_compute's table, character for character; with `perClass`, a blank
  /// line and panoptty's per-class table (classes with segments) after it.
  public func text(perClass: Bool) -> String {
    var out = results.pqComputeTable()
    if perClass { out += "\n" + results.perClassTable() }
    return String(out.dropLast())  // Console.print adds the last newline
  }

  /// The shape of pq_compute's return value; with `details`, each class also
  /// carries name, isthing, tp, fp, fn and iou_sum.
  public func json(details: Bool) -> String {
    results.json(details: details)
  }
}

/// `eval 1234/5000 pairs` on standard error, redrawn in place at most ten
/// times a second, and erased when done. Only used when stderr is a terminal.
public final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let label: String
  private var lastDraw = 0.0
  private var drawn = false

  public init(label: String) { self.label = label }

  public func update(done: Int, total: Int) {
    let now = Date().timeIntervalSinceReferenceDate
    lock.lock()
    defer { lock.unlock() }
    guard done == total || now - lastDraw >= 0.1 else { return }
    lastDraw = now
    drawn = true
    let percent = total > 0 ? done * 100 / total : 100
    Console.writeErrorRaw("\r\u{1B}[2K\(label) \(done)/\(total) (\(percent)%)")
  }

  /// Erases the line (before the results or an error are printed).
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { Console.writeErrorRaw("\r\u{1B}[2K") }
    drawn = false
  }
}
