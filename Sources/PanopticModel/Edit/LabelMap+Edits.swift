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
      var lastOld: UInt32 = 0
      var lastNew: UInt32? = transform(0)
      region.forEachRun { y, x0, x1 in
        let row = y * w
        var x = x0
        while x <= x1 {
          let old = px[row + x]
          var e = x + 1
          while e <= x1 && px[row + e] == old { e += 1 }
          if old != lastOld {
            lastOld = old
            lastNew = transform(old)
          }
          if let new = lastNew, new != old {
            (px.baseAddress! + row + x).update(repeating: new, count: e - x)
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

  /// Puts back the values before (undo) or after (redo) a delta. Every run
  /// is bounds-checked: deltas only come from this map or from a journal
  /// that `EditDelta.validate` accepted, so a failure here is a bug.
  public mutating func revert(_ delta: EditDelta, toBefore: Bool) {
    pixels.withUnsafeMutableBufferPointer { px in
      let base = px.baseAddress!
      if toBefore {
        for r in delta.runs.reversed() {
          precondition(r.start >= 0 && r.length >= 0 && r.length <= px.count - r.start, "delta outside the map")
          (base + r.start).update(repeating: r.before, count: r.length)
        }
      } else {
        for r in delta.runs {
          precondition(r.start >= 0 && r.length >= 0 && r.length <= px.count - r.start, "delta outside the map")
          (base + r.start).update(repeating: r.after, count: r.length)
        }
      }
    }
  }

  /// True when every pixel of the delta currently holds its `before` (or
  /// `after`) value: a journal step applies only to the map it was made on.
  public func matches(_ delta: EditDelta, before: Bool) -> Bool {
    pixels.withUnsafeBufferPointer { px in
      for r in delta.runs {
        guard r.start >= 0, r.length >= 0, r.length <= px.count - r.start else { return false }
        let want = before ? r.before : r.after
        for i in r.start..<(r.start + r.length) where px[i] != want { return false }
      }
      return true
    }
  }
}
