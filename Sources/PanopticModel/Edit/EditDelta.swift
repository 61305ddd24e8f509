/// A change to a label map, stored as runs of consecutive pixels that had
/// one value and got another, so memory grows with what was edited (and
/// mostly with its outline), not with the image.
public struct EditDelta: Sendable, Hashable {
  public struct Run: Sendable, Hashable {
    public var start: Int
    public var length: Int
    public var before: UInt32
    public var after: UInt32

    public init(start: Int, length: Int, before: UInt32, after: UInt32) {
      self.start = start
      self.length = length
      self.before = before
      self.after = after
    }
  }

  public internal(set) var runs: [Run] = []

  public init() {}

  /// Runs from an untrusted source (the crash journal); nothing may apply
  /// them before `validate` accepted them.
  public init(unvalidatedRuns runs: [Run]) { self.runs = runs }

  public var isEmpty: Bool { runs.isEmpty }
  public var pixelCount: Int { runs.reduce(0) { $0 + $1.length } }

  /// Bytes this delta holds, for the memory budget.
  public var byteCount: Int { runs.count * MemoryLayout<Run>.stride }

  /// Appends pixel `i` (indices must come in increasing order).
  mutating func record(_ i: Int, before: UInt32, after: UInt32) {
    if var last = runs.last, last.start + last.length == i, last.before == before, last.after == after {
      last.length += 1
      runs[runs.count - 1] = last
    } else {
      runs.append(Run(start: i, length: 1, before: before, after: after))
    }
  }

  public mutating func append(contentsOf other: EditDelta) { runs.append(contentsOf: other.runs) }

  /// Checks that every run lies inside a map of `pixelCount` pixels and that
  /// both of its values are labels `catalog` can hold (a known class, stuff
  /// without an instance). A delta that passes can be applied and undone
  /// without touching memory outside the map or inventing a class.
  public func validate(pixelCount: Int, catalog: ClassCatalog) throws(PanopticError) {
    for (i, r) in runs.enumerated() {
      guard r.start >= 0, r.length > 0, r.start <= pixelCount, r.length <= pixelCount - r.start else {
        throw .badLabels("run \(i) (pixels \(r.start)…+\(r.length)) lies outside the \(pixelCount)-pixel map")
      }
      for v in [r.before, r.after] {
        if let why = catalog.problem(withLabel: v) { throw .badLabels("run \(i): \(why)") }
      }
    }
  }
}

/// One user action: a whole stroke, a fill, a relabel.
public struct HistoryStep: Sendable, Hashable {
  public var description: String
  public var delta: EditDelta

  public init(description: String, delta: EditDelta) {
    self.description = description
    self.delta = delta
  }
}
