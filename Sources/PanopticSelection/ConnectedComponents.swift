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
    var component = [Int32](repeating: -1, count: mask.count)
    var sizes: [Int] = []
    var stack: [Int] = []
    for start in mask.indices where mask[start] != 0 && component[start] < 0 {
      let id = Int32(sizes.count)
      var size = 0
      component[start] = id
      stack.append(start)
      while let p = stack.popLast() {
        size += 1
        let x = p % width, y = p / width
        if x > 0 { visit(p - 1) }
        if x + 1 < width { visit(p + 1) }
        if y > 0 { visit(p - width) }
        if y + 1 < height { visit(p + width) }
        func visit(_ q: Int) {
          if mask[q] != 0 && component[q] < 0 {
            component[q] = id
            stack.append(q)
          }
        }
      }
      sizes.append(size)
    }
    // The first of equal largest pieces (in raster order), so the answer is deterministic.
    guard sizes.count > 1, let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) })
    else { return }
    for p in mask.indices where mask[p] != 0 && component[p] != Int32(largest) { mask[p] = 0 }
  }
}
