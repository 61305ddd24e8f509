/// Pixel count per label, kept up to date from deltas so the segment list,
/// the next instance id and instance lookups never need a full-image scan.
public struct LabelAreas: Sendable, Hashable {
  public private(set) var areas: [UInt32: Int] = [:]
  /// The label that holds each thing instance id (ids are global, so one).
  private var labelOfInstance: [UInt32: UInt32] = [:]
  /// Largest instance id present; recomputed only when that id disappears,
  /// so making 40 000 instances costs 40 000 steps, not 40 000² / 2.
  private var maxInstance: UInt32 = 0

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
    for k in a.keys { noteAdded(k) }
  }

  public mutating func update(_ delta: EditDelta, reverse: Bool = false) {
    for r in delta.runs {
      let from = reverse ? r.after : r.before
      let to = reverse ? r.before : r.after
      let f = (areas[from] ?? 0) - r.length
      if f > 0 {
        areas[from] = f
      } else {
        areas[from] = nil
        noteRemoved(from)
      }
      if areas[to] == nil { noteAdded(to) }
      areas[to, default: 0] += r.length
    }
  }

  private mutating func noteAdded(_ raw: UInt32) {
    guard !PanopticLabel.isVoid(raw) else { return }
    let inst = PanopticLabel.instancePart(raw)
    guard inst > 0 else { return }
    labelOfInstance[inst] = raw
    maxInstance = max(maxInstance, inst)
  }

  private mutating func noteRemoved(_ raw: UInt32) {
    guard !PanopticLabel.isVoid(raw) else { return }
    let inst = PanopticLabel.instancePart(raw)
    guard inst > 0, labelOfInstance[inst] == raw else { return }
    labelOfInstance[inst] = nil
    if inst == maxInstance { maxInstance = labelOfInstance.keys.max() ?? 0 }
  }

  /// Largest instance id present + 1: the next global instance id.
  public var nextInstanceID: Int { Int(maxInstance) + 1 }

  /// The label of thing instance `n`, if present.
  public func label(ofInstance n: Int) -> PanopticLabel? {
    guard n >= 1 && n <= PanopticLabel.maxInstance else { return nil }
    return labelOfInstance[UInt32(n)].map(PanopticLabel.init(raw:))
  }

  /// Thing instance ids in use, ascending.
  public var instanceIDs: [Int] { labelOfInstance.keys.map(Int.init).sorted() }
}
