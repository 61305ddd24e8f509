/// How many pixels carry each (ground-truth id, predicted id) pair — the
/// confusion table that `pq_compute` builds with
/// `np.unique(gt * 2^24 + pred, return_counts=True)`.
///
/// Counts live in a flat `rows × columns` table of dense indices (see
/// `SegmentIdIndex`) when that is small, which it is for any real image
/// (COCO: ≤ ~100 segments a side); an image with thousands of segments on
/// both sides falls back to a dictionary keyed by the index pair, so memory
/// stays bounded by the number of distinct pairs.
struct PairCountTable {
  /// Above this many cells the flat table would cost more to allocate and
  /// scan than the image is worth (8 MB of counts).
  static let denseCellLimit = 1 << 20

  let rows: Int
  let columns: Int
  private(set) var dense: [Int]
  private(set) var sparse: [Int: Int] = [:]
  let isDense: Bool

  init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    isDense = rows * columns <= Self.denseCellLimit
    dense = isDense ? Array(repeating: 0, count: rows * columns) : []
  }

  /// The flat counts as a pointer, for the pixel loop (dense tables only).
  mutating func withDenseCells(_ body: (UnsafeMutablePointer<Int>) -> Void) {
    dense.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  }

  mutating func clearSparse() { sparse = [:] }
  mutating func setSparse(_ counts: [Int: Int]) { sparse = counts }

  func count(row: Int, column: Int) -> Int {
    isDense ? dense[row * columns + column] : sparse[row * columns + column] ?? 0
  }

  /// Every non-zero cell as `(row, column, pixels)`, in no particular order.
  func forEachNonZero(_ body: (Int, Int, Int) -> Void) {
    if isDense {
      for cell in 0..<dense.count where dense[cell] != 0 {
        body(cell / columns, cell % columns, dense[cell])
      }
    } else {
      for (cell, pixels) in sparse { body(cell / columns, cell % columns, pixels) }
    }
  }
}
