/// Keeps the parts of a mask that are 4-connected to given seed pixels.
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
}
