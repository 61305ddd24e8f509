/// A set of pixels to change: one bit per pixel over a rectangle, plus the
/// tight box of set pixels so applying it scans only what it must.
///
/// Bits, not bytes: a fill mask over a whole 4K image is 1 MB, cheap to clear,
/// and runs of set pixels are found a 64-bit word at a time. Rows start on a
/// word boundary so a row's runs never need the previous row's word.
public struct Region: Sendable, Hashable {
  /// The rectangle the mask covers, in image pixels.
  public let originX: Int
  public let originY: Int
  public let maskWidth: Int
  public let maskHeight: Int
  let wordsPerRow: Int
  var words: [UInt64]
  /// Tight bounds of the set pixels (meaningless when `count == 0`).
  public private(set) var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
  public private(set) var count = 0

  public init(originX: Int, originY: Int, width: Int, height: Int) {
    self.originX = originX
    self.originY = originY
    maskWidth = max(0, width)
    maskHeight = max(0, height)
    wordsPerRow = (maskWidth + 63) >> 6
    words = [UInt64](repeating: 0, count: wordsPerRow * maskHeight)
  }

  public var isEmpty: Bool { count == 0 }

  public mutating func insert(_ x: Int, _ y: Int) {
    let mx = x - originX
    let my = y - originY
    guard mx >= 0, my >= 0, mx < maskWidth, my < maskHeight else { return }
    let w = my * wordsPerRow + mx >> 6
    let bit = UInt64(1) << UInt64(mx & 63)
    guard words[w] & bit == 0 else { return }
    words[w] |= bit
    noteInserted(x: x, y: y, count: 1)
  }

  public mutating func insert(_ p: Point) { insert(p.x, p.y) }

  public func contains(_ x: Int, _ y: Int) -> Bool {
    let mx = x - originX
    let my = y - originY
    guard mx >= 0, my >= 0, mx < maskWidth, my < maskHeight else { return false }
    return words[my * wordsPerRow + mx >> 6] & (UInt64(1) << UInt64(mx & 63)) != 0
  }

  mutating func setBounds(count: Int, minX: Int, minY: Int, maxX: Int, maxY: Int) {
    self.count = count
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  /// Inserts image columns `from...through` of row `y`, clipped to the mask;
  /// pixels already in the region are counted once.
  public mutating func insertRun(y: Int, from: Int, through: Int) {
    let my = y - originY
    let a = max(from - originX, 0), b = min(through - originX, maskWidth - 1)
    guard my >= 0, my < maskHeight, a <= b else { return }
    let base = my * wordsPerRow
    var added = 0
    words.withUnsafeMutableBufferPointer { buf in
      var x = a
      while x <= b {
        let w = x >> 6
        let lo = x & 63
        let hi = min(63, b - (w << 6))
        let mask = (hi == 63 ? ~UInt64(0) : (UInt64(1) << UInt64(hi + 1)) - 1) & ~((UInt64(1) << UInt64(lo)) - 1)
        added += (mask & ~buf[base + w]).nonzeroBitCount
        buf[base + w] |= mask
        x = (w + 1) << 6
      }
    }
    guard added > 0 else { return }
    count += added
    minX = min(minX, originX + a)
    maxX = max(maxX, originX + b)
    minY = min(minY, y)
    maxY = max(maxY, y)
  }

  /// Sets mask columns `[from, to)` of mask row `row`, all known to be clear
  /// (the flood fill only marks pixels it has just tested).
  @inline(__always)
  mutating func insertClearRun(maskRow row: Int, from: Int, to: Int) {
    guard from < to else { return }
    words.withUnsafeMutableBufferPointer { Self.setBits($0, base: row * wordsPerRow, from: from, to: to) }
    noteInserted(x: originX + from, y: originY + row, count: to - from, lastX: originX + to - 1)
  }

  @inline(__always)
  static func setBits(_ words: UnsafeMutableBufferPointer<UInt64>, base: Int, from: Int, to: Int) {
    var a = from
    while a < to {
      let w = a >> 6
      let lo = a & 63
      let hi = min(64, to - (w << 6))
      let mask = (hi == 64 ? ~UInt64(0) : (UInt64(1) << UInt64(hi)) - 1) & ~((UInt64(1) << UInt64(lo)) - 1)
      words[base + w] |= mask
      a = (w + 1) << 6
    }
  }

  @inline(__always)
  private mutating func noteInserted(x: Int, y: Int, count n: Int, lastX: Int? = nil) {
    count += n
    if x < minX { minX = x }
    let right = lastX ?? x
    if right > maxX { maxX = right }
    if y < minY { minY = y }
    if y > maxY { maxY = y }
  }

  /// Calls `body(y, x0, x1)` for every maximal run of set pixels (inclusive
  /// image columns), row by row, left to right.
  public func forEachRun(_ body: (_ y: Int, _ x0: Int, _ x1: Int) -> Void) {
    guard count > 0 else { return }
    words.withUnsafeBufferPointer { buf in
      for y in minY...maxY {
        let base = (y - originY) * wordsPerRow
        var x = 0
        while let start = Self.nextBit(buf, base: base, words: wordsPerRow, from: x, set: true), start < maskWidth {
          let end = min(maskWidth, Self.nextBit(buf, base: base, words: wordsPerRow, from: start, set: false) ?? maskWidth)
          body(y, originX + start, originX + end - 1)
          x = end
        }
      }
    }
  }

  /// The largest column in `lowest...from` whose bit is set, a word at a time.
  @inline(__always)
  static func lastSetBit(_ buf: UnsafeBufferPointer<UInt64>, base: Int, from: Int, downTo lowest: Int) -> Int? {
    guard from >= lowest else { return nil }
    var w = from >> 6
    // Bits above `from` in its word are not looked at.
    var bits = buf[base + w] & (from & 63 == 63 ? ~UInt64(0) : (UInt64(1) << UInt64((from & 63) + 1)) - 1)
    while true {
      if bits != 0 {
        let x = w << 6 + 63 - bits.leadingZeroBitCount
        return x >= lowest ? x : nil
      }
      w -= 1
      guard w >= 0, w << 6 + 63 >= lowest else { return nil }
      bits = buf[base + w]
    }
  }

  /// The first column at or after `from` whose bit is `set` (or clear), a
  /// word at a time; nil past the row's last word.
  @inline(__always)
  static func nextBit(_ buf: UnsafeBufferPointer<UInt64>, base: Int, words: Int, from: Int, set: Bool) -> Int? {
    var w = from >> 6
    guard w < words else { return nil }
    var bits = (set ? buf[base + w] : ~buf[base + w]) & (~UInt64(0) << UInt64(from & 63))
    while bits == 0 {
      w += 1
      guard w < words else { return nil }
      bits = set ? buf[base + w] : ~buf[base + w]
    }
    return w << 6 + bits.trailingZeroBitCount
  }
}
