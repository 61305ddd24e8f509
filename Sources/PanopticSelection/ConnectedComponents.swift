/// Keeps the parts of a mask that are 4-connected to given seed pixels (or, with only a box, its
/// largest part).
///
/// This is the cheap form of a connectivity prior: a click means "the object here", so selected
/// islands that no include click reaches are almost always leaks into look-alike background.
enum ConnectedComponents {
  /// Clears every selected pixel of `mask` (width × height, 0/1) not 4-connected to a seed.
  /// Seeds that are not selected are ignored; with no selected seed the mask becomes empty.
  static func keepReachable(_ mask: inout [UInt8], width: Int, height: Int, seeds: [Int]) {
    var keep = [UInt8](repeating: 0, count: mask.count)
    var stack: [Int] = []
    for s in seeds where s >= 0 && s < mask.count && mask[s] != 0 && keep[s] == 0 {
      keep[s] = 1
      stack.append(s)
    }
    while let p = stack.popLast() {
      let x = p % width, y = p / width
      if x > 0 { visit(p - 1) }
      if x + 1 < width { visit(p + 1) }
      if y > 0 { visit(p - width) }
      if y + 1 < height { visit(p + width) }
    }
    mask = keep

    func visit(_ q: Int) {
      if mask[q] != 0 && keep[q] == 0 {
        keep[q] = 1
        stack.append(q)
      }
    }
  }

  /// Clears every selected pixel of `mask` outside its largest 4-connected component.
  ///
  /// Why: a box frames one object. Without an include click nothing says which piece is meant,
  /// and in preserve mode the unlabelled gaps between labelled segments (one pixel wide, with
  /// no boundary arcs to their labelled neighbours) would otherwise come out as specks.
  static func keepLargest(_ mask: inout [UInt8], width: Int, height: Int) {
    let n = mask.count
    guard n > 0 else { return }
    // Component ids by flood fill over raw buffers (a million-pixel box at 1080p must stay cheap).
    var component = [Int32](repeating: -1, count: n)
    var stack = [Int32](repeating: 0, count: n)
    var sizes: [Int] = []
    mask.withUnsafeBufferPointer { m in
      component.withUnsafeMutableBufferPointer { c in
        stack.withUnsafeMutableBufferPointer { st in
          for start in 0..<n where m[start] != 0 && c[start] < 0 {
            let id = Int32(sizes.count)
            var top = 0, size = 0
            c[start] = id
            st[top] = Int32(start)
            top += 1
            while top > 0 {
              top -= 1
              let p = Int(st[top])
              size += 1
              let x = p % width
              if x > 0 && m[p - 1] != 0 && c[p - 1] < 0 { c[p - 1] = id; st[top] = Int32(p - 1); top += 1 }
              if x + 1 < width && m[p + 1] != 0 && c[p + 1] < 0 { c[p + 1] = id; st[top] = Int32(p + 1); top += 1 }
              if p >= width && m[p - width] != 0 && c[p - width] < 0 { c[p - width] = id; st[top] = Int32(p - width); top += 1 }
              if p + width < n && m[p + width] != 0 && c[p + width] < 0 { c[p + width] = id; st[top] = Int32(p + width); top += 1 }
            }
            sizes.append(size)
          }
        }
      }
    }
    // The first of equal largest pieces (in raster order), so the answer is deterministic.
    guard sizes.count > 1, let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) })
    else { return }
    let keep = Int32(largest)
    for p in 0..<n where mask[p] != 0 && component[p] != keep { mask[p] = 0 }
  }
}
