/// The pass over the pixels of an image pair: fed whole images or rows as
/// they are decoded, it fills a `PairCountTable`.
///
/// Why it is fast: label maps are long runs of equal ids, so the loop only
/// compares pixels — eight at a time with SIMD while a run lasts, the exact
/// end found without a branch — and touches the index and the table once
/// per run of equal (gt, pred) pairs; an id is looked up only when it
/// differs from the previous run's. No per-pixel hashing, no sort. The loop
/// works on raw pointers held in locals, so it pays no uniqueness or
/// exclusivity checks per run.
struct PixelPairCounter {
  private(set) var groundTruthIndex: SegmentIdIndex
  private(set) var predictionIndex: SegmentIdIndex
  private(set) var table: PairCountTable
  private var state: RunState

  /// Where the previous call stopped, so rows can be fed one by one.
  struct RunState {
    var gt: UInt32 = 0
    var pred: UInt32 = 0
    var row: Int
    var column: Int
    var unlistedGt: [UInt32] = []
    var unlistedPred: [UInt32] = []
  }

  init(groundTruthIds: [UInt32], predictionIds: [UInt32]) {
    groundTruthIndex = SegmentIdIndex(listedIds: groundTruthIds)
    predictionIndex = SegmentIdIndex(listedIds: predictionIds)
    table = PairCountTable(rows: groundTruthIndex.slotCount, columns: predictionIndex.slotCount)
    state = RunState(row: groundTruthIndex.lookup(0), column: predictionIndex.lookup(0))
  }

  /// Counts `count` pixels at `gtBase` / `predBase` (a row, some rows, or
  /// the whole image). Runs do not continue across calls.
  mutating func add(_ gtBase: UnsafePointer<UInt32>, _ predBase: UnsafePointer<UInt32>, count: Int) {
    var state = self.state
    let gtProbe = groundTruthIndex.probe
    let predProbe = predictionIndex.probe
    let columns = table.columns
    groundTruthIndex.withSlots { gtSlots in
      predictionIndex.withSlots { predSlots in
        if table.isDense {
          table.withDenseCells { cells in
            Self.scan(
              gtBase, predBase, count: count, state: &state, gtProbe: gtProbe, gtSlots: gtSlots,
              predProbe: predProbe, predSlots: predSlots
            ) { row, column, pixels in cells[row &* columns &+ column] &+= pixels }
          }
        } else {
          var sparse = table.sparse
          table.clearSparse()
          Self.scan(
            gtBase, predBase, count: count, state: &state, gtProbe: gtProbe, gtSlots: gtSlots,
            predProbe: predProbe, predSlots: predSlots
          ) { row, column, pixels in sparse[row * columns + column, default: 0] += pixels }
          table.setSparse(sparse)
        }
      }
    }
    if !state.unlistedGt.isEmpty { groundTruthIndex.recordUnlisted(state.unlistedGt) }
    if !state.unlistedPred.isEmpty { predictionIndex.recordUnlisted(state.unlistedPred) }
    state.unlistedGt.removeAll()
    state.unlistedPred.removeAll()
    self.state = state
  }

  @inline(__always)
  private static func scan(
    _ gtBase: UnsafePointer<UInt32>, _ predBase: UnsafePointer<UInt32>, count: Int,
    state: inout RunState, gtProbe: SegmentIdIndex.Probe, gtSlots: UnsafePointer<UInt64>,
    predProbe: SegmentIdIndex.Probe, predSlots: UnsafePointer<UInt64>,
    add: (Int, Int, Int) -> Void
  ) {
    var start = 0
    while start < count {
      let gt = gtBase[start]
      let pred = predBase[start]
      let end = runEnd(gtBase, predBase, from: start, count: count, gt: gt, pred: pred)
      if gt != state.gt {
        state.gt = gt
        if let index = gtProbe.index(of: gt, in: gtSlots) {
          state.row = index
        } else {
          state.row = gtProbe.unlistedIndex
          state.unlistedGt.append(gt)
        }
      }
      if pred != state.pred {
        state.pred = pred
        if let index = predProbe.index(of: pred, in: predSlots) {
          state.column = index
        } else {
          state.column = predProbe.unlistedIndex
          state.unlistedPred.append(pred)
        }
      }
      add(state.row, state.column, end &- start)
      start = end
    }
  }

  /// First index after `start` where the (gt, pred) pair differs from
  /// `(gt, pred)`, or `count`.
  @inline(__always)
  private static func runEnd(
    _ gtBase: UnsafePointer<UInt32>, _ predBase: UnsafePointer<UInt32>,
    from start: Int, count: Int, gt: UInt32, pred: UInt32
  ) -> Int {
    var end = start &+ 1
    let gtLanes = SIMD8<UInt32>(repeating: gt)
    let predLanes = SIMD8<UInt32>(repeating: pred)
    while end &+ 8 <= count {
      let gtBlock = UnsafeRawPointer(gtBase + end).loadUnaligned(as: SIMD8<UInt32>.self)
      let predBlock = UnsafeRawPointer(predBase + end).loadUnaligned(as: SIMD8<UInt32>.self)
      // Lane-wise compares + `any` lower to pcmpeqd/pmovmskb; a whole-vector
      // `!=` or `.max()` is lowered lane by lane through the stack.
      if any((gtBlock .!= gtLanes) .| (predBlock .!= predLanes)) {
        return end &+ firstDifference(gtBase + end, predBase + end, gt: gt, pred: pred)
      }
      end &+= 8
    }
    while end < count && gtBase[end] == gt && predBase[end] == pred { end &+= 1 }
    return end
  }

  /// Lane (0...7) of the first pixel differing from (gt, pred) in a block
  /// known to hold one, without branches: two pixels per 64-bit word, the
  /// first non-zero word by its bit, the pixel in it by trailing zeros
  /// (little-endian: the lower half is the earlier pixel). Deriving this
  /// from the SIMD compare instead makes the compiler lower the whole
  /// compare lane by lane.
  @inline(__always)
  private static func firstDifference(
    _ gt: UnsafePointer<UInt32>, _ pred: UnsafePointer<UInt32>, gt gtId: UInt32, pred predId: UInt32
  ) -> Int {
    let gtPair = UInt64(gtId) | UInt64(gtId) << 32
    let predPair = UInt64(predId) | UInt64(predId) << 32
    let gtRaw = UnsafeRawPointer(gt)
    let predRaw = UnsafeRawPointer(pred)
    @inline(__always) func word(_ k: Int) -> UInt64 {
      (gtRaw.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self) ^ gtPair)
        | (predRaw.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self) ^ predPair)
    }
    @inline(__always) func nonZero(_ w: UInt64) -> UInt64 { (w | (0 &- w)) >> 63 }
    let words = nonZero(word(0)) | nonZero(word(1)) << 1 | nonZero(word(2)) << 2
      | nonZero(word(3)) << 3
    let k = words.trailingZeroBitCount
    return 2 &* k &+ word(k).trailingZeroBitCount >> 5
  }
}
