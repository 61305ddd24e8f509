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

  public var runs: [Run] = []

  public init() {}

  public var isEmpty: Bool { runs.isEmpty }
  public var pixelCount: Int { runs.reduce(0) { $0 + $1.length } }

  /// Appends pixel `i` (indices must come in increasing order).
  mutating func record(_ i: Int, before: UInt32, after: UInt32) {
    if var last = runs.last, last.start + last.length == i, last.before == before, last.after == after {
      last.length += 1
      runs[runs.count - 1] = last
    } else {
      runs.append(Run(start: i, length: 1, before: before, after: after))
    }
  }

  /// Bytes this delta holds, for the memory budget.
  public var byteCount: Int { runs.count * MemoryLayout<Run>.stride }
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

/// Unlimited undo and redo of whole user actions.
public struct History: Sendable {
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
    guard !delta.isEmpty else { return }
    if undoSteps.isEmpty { return }
    undoSteps[undoSteps.count - 1].delta.runs.append(contentsOf: delta.runs)
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

extension LabelMap {
  /// Changes every pixel of `region` to `transform(old)` (nil = keep),
  /// scanning in index order so the delta comes out as merged runs. Spans
  /// of equal old value are transformed and recorded once.
  public mutating func apply(_ region: Region, _ transform: (UInt32) -> UInt32?) -> EditDelta {
    var delta = EditDelta()
    guard region.count > 0 else { return delta }
    let w = width
    var runs: [EditDelta.Run] = []
    pixels.withUnsafeMutableBufferPointer { px in
      do {
        let mask = region.mask
        var lastOld: UInt32 = 0
        var lastNew: UInt32? = transform(0)
        for y in region.minY...region.maxY {
          let mrow = (y - region.originY) * region.maskWidth - region.originX
          let row = y * w
          var x = region.minX
          let xEnd = region.maxX
          while x <= xEnd {
            if mask[mrow + x] == 0 {
              x += 1
              continue
            }
            let old = px[row + x]
            var e = x + 1
            while e <= xEnd && mask[mrow + e] != 0 && px[row + e] == old { e += 1 }
            if old != lastOld {
              lastOld = old
              lastNew = transform(old)
            }
            if let new = lastNew, new != old {
              for i in (row + x)..<(row + e) { px[i] = new }
              if let last = runs.last, last.start + last.length == row + x, last.before == old, last.after == new {
                runs[runs.count - 1].length += e - x
              } else {
                runs.append(EditDelta.Run(start: row + x, length: e - x, before: old, after: new))
              }
            }
            x = e
          }
        }
      }
    }
    delta.runs = runs
    return delta
  }

  /// Changes every pixel for which `transform` gives a new value.
  public mutating func applyEverywhere(_ transform: (UInt32) -> UInt32?) -> EditDelta {
    var delta = EditDelta()
    pixels.withUnsafeMutableBufferPointer { px in
      var last: UInt32 = 0
      var lastNew: UInt32? = transform(0)
      for i in 0..<px.count {
        let old = px[i]
        if old != last {
          last = old
          lastNew = transform(old)
        }
        if let new = lastNew, new != old {
          px[i] = new
          delta.record(i, before: old, after: new)
        }
      }
    }
    return delta
  }

  /// Puts back the values before (undo) or after (redo) a delta.
  public mutating func revert(_ delta: EditDelta, toBefore: Bool) {
    pixels.withUnsafeMutableBufferPointer { px in
      let runs = delta.runs
      if toBefore {
        for r in runs.reversed() { for i in r.start..<(r.start + r.length) { px[i] = r.before } }
      } else {
        for r in runs { for i in r.start..<(r.start + r.length) { px[i] = r.after } }
      }
    }
  }
}

/// Pixel count per label, kept up to date from deltas so the segment list
/// and the next instance id never need a full-image scan.
public struct LabelAreas: Sendable {
  public private(set) var areas: [UInt32: Int] = [:]

  public init(_ map: LabelMap) {
    var a: [UInt32: Int] = [:]
    map.pixels.withUnsafeBufferPointer { px in
      var i = 0
      while i < px.count {
        let v = px[i]
        var j = i + 1
        while j < px.count && px[j] == v { j += 1 }
        a[v, default: 0] += j - i
        i = j
      }
    }
    areas = a
  }

  public mutating func update(_ delta: EditDelta, reverse: Bool = false) {
    for r in delta.runs {
      let from = reverse ? r.after : r.before
      let to = reverse ? r.before : r.after
      let f = (areas[from] ?? 0) - r.length
      areas[from] = f > 0 ? f : nil
      areas[to, default: 0] += r.length
    }
  }

  /// Largest instance id present + 1: the next global instance id.
  public var nextInstanceID: Int {
    var m: UInt32 = 0
    for k in areas.keys where k & 0xFFFF != PanopticLabel.voidClass { m = max(m, k >> 16) }
    return Int(m) + 1
  }

  /// The label of thing instance `n`, if present.
  public func label(ofInstance n: Int) -> PanopticLabel? {
    guard n >= 1 && n <= PanopticLabel.maxInstance else { return nil }
    return areas.keys.first { $0 >> 16 == UInt32(n) && $0 & 0xFFFF != PanopticLabel.voidClass }.map(PanopticLabel.init(raw:))
  }
}
