/// Keeps the parts of a mask that are 4-connected to given seed pixels (or, with only a box, its
/// largest part).
///
/// This is the cheap form of a connectivity prior: a click means "the object here", so selected
/// islands that no include click reaches are almost always leaks into look-alike background.
enum ConnectedComponents {
  /// Clears every selected pixel of `mask` (width × height, 0/1) not 4-connected to a seed.
  /// Seeds that are not selected are ignored; with no selected seed the mask becomes empty.
  static func keepReachable(_ mask: inout [UInt8], width: Int, height: Int, seeds: [Int]) {
    var component = [Int32](repeating: -1, count: mask.count)
    var stack = [Int32](repeating: 0, count: mask.count)
    let starts = seeds.filter { $0 >= 0 && $0 < mask.count }
    fill(mask, width: width, from: starts, id: 0, into: &component, stack: &stack)
    for p in mask.indices where mask[p] != 0 && component[p] != 0 { mask[p] = 0 }
  }

  /// Clears every selected pixel of `mask` outside its largest 4-connected component.
  ///
  /// Why: a box frames one object. Without an include click nothing says which piece is meant,
  /// and in preserve mode the unlabelled gaps between labelled segments would otherwise come
  /// out as specks where the colour model likes them.
  static func keepLargest(_ mask: inout [UInt8], width: Int, height: Int) {
    var component = [Int32](repeating: -1, count: mask.count)
    var stack = [Int32](repeating: 0, count: mask.count)
    var sizes: [Int] = []
    for start in mask.indices where mask[start] != 0 && component[start] < 0 {
      sizes.append(fill(mask, width: width, from: [start], id: Int32(sizes.count), into: &component, stack: &stack))
    }
    // The first of equal largest pieces (in raster order), so the answer is deterministic.
    guard sizes.count > 1, let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) })
    else { return }
    let keep = Int32(largest)
    for p in mask.indices where mask[p] != 0 && component[p] != keep { mask[p] = 0 }
  }

  /// Marks with `id` every selected pixel 4-connected to a selected start that has no id yet;
  /// returns how many it marked. Raw buffers: a million-pixel box at 1080p must stay cheap.
  /// `stack` must hold `mask.count` entries (each pixel is pushed at most once).
  @discardableResult
  private static func fill(
    _ mask: [UInt8], width: Int, from starts: [Int], id: Int32, into component: inout [Int32], stack: inout [Int32]
  ) -> Int {
    let n = mask.count
    var size = 0
    mask.withUnsafeBufferPointer { m in
      component.withUnsafeMutableBufferPointer { c in
        stack.withUnsafeMutableBufferPointer { st in
          var top = 0
          func push(_ q: Int) {
            c[q] = id
            st[top] = Int32(q)
            top += 1
          }
          for s in starts where m[s] != 0 && c[s] < 0 { push(s) }
          while top > 0 {
            top -= 1
            let p = Int(st[top])
            size += 1
            let x = p % width
            if x > 0 && m[p - 1] != 0 && c[p - 1] < 0 { push(p - 1) }
            if x + 1 < width && m[p + 1] != 0 && c[p + 1] < 0 { push(p + 1) }
            if p >= width && m[p - width] != 0 && c[p - width] < 0 { push(p - width) }
            if p + width < n && m[p + width] != 0 && c[p + width] < 0 { push(p + width) }
          }
        }
      }
    }
    return size
  }
}
