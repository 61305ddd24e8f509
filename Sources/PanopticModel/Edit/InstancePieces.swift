/// The connected pieces of one label's pixels, optionally cut by a line:
/// what `split` needs to turn one instance into several.
public struct InstancePieces: Sendable {
  /// Each piece as a region, largest first (ties: the one met first in
  /// reading order), so the largest keeps the old id.
  public private(set) var pieces: [Region] = []

  /// Finds the 4-connected pieces of `label` in `map`; pixels on `cut` (a
  /// polyline) separate pieces and then join the piece beside them.
  public init(of label: PanopticLabel, in map: LabelMap, cut: [Point]?) {
    guard let box = map.boundingBox(of: label) else { return }
    let w = box.width, h = box.height
    // 0 = not this label, 1 = this label, 2 = this label on the cut.
    var cell = [UInt8](repeating: 0, count: w * h)
    for y in 0..<h {
      for x in 0..<w where map[box.x + x, box.y + y] == label { cell[y * w + x] = 1 }
    }
    if let cut {
      for p in Raster.line(through: cut, closed: false) {
        let x = p.x - box.x, y = p.y - box.y
        if x >= 0, y >= 0, x < w, y < h, cell[y * w + x] == 1 { cell[y * w + x] = 2 }
      }
    }
    var piece = [Int32](repeating: -1, count: w * h)
    var sizes: [Int] = []
    var stack: [Int] = []
    for start in 0..<(w * h) where cell[start] == 1 && piece[start] < 0 {
      let id = Int32(sizes.count)
      var size = 0
      piece[start] = id
      stack.append(start)
      while let i = stack.popLast() {
        size += 1
        let x = i % w, y = i / w
        for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < w && ny < h {
          let j = ny * w + nx
          if cell[j] == 1 && piece[j] < 0 {
            piece[j] = id
            stack.append(j)
          }
        }
      }
      sizes.append(size)
    }
    // Cut pixels join a piece beside them (left, up, right, down).
    for i in 0..<(w * h) where cell[i] == 2 {
      let x = i % w, y = i / w
      for (nx, ny) in [(x - 1, y), (x, y - 1), (x + 1, y), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < w && ny < h {
        let j = ny * w + nx
        if piece[j] >= 0 {
          piece[i] = piece[j]
          break
        }
      }
    }
    let order = sizes.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
    var regions = order.map { _ in Region(originX: box.x, originY: box.y, width: w, height: h) }
    var slot = [Int](repeating: 0, count: sizes.count)
    for (k, id) in order.enumerated() { slot[id] = k }
    for i in 0..<(w * h) where piece[i] >= 0 { regions[slot[Int(piece[i])]].insert(box.x + i % w, box.y + i / w) }
    pieces = regions
  }

  /// The cut polyline run on past each end for as long as it stays on `label`, so it crosses
  /// the instance from edge to edge. A line drawn from a point inside (where the cursor was when
  /// the annotator started) would otherwise leave the two sides joined around its end, and
  /// split nothing; a line whose ends are already off the instance is unchanged.
  public static func knife(_ line: [Point], across label: PanopticLabel, in map: LabelMap) -> [Point] {
    guard line.count >= 2 else { return line }
    var out = line
    out[0] = runOn(from: line[0], awayFrom: line[1], label, map)
    out[line.count - 1] = runOn(from: line[line.count - 1], awayFrom: line[line.count - 2], label, map)
    return out
  }

  /// The last pixel on `label` going from `p` straight away from `other` (`p` itself when it
  /// is not on the label).
  static func runOn(from p: Point, awayFrom other: Point, _ label: PanopticLabel, _ map: LabelMap) -> Point {
    let dx = p.x - other.x, dy = p.y - other.y
    let steps = max(abs(dx), abs(dy))
    guard steps > 0, map.contains(p), map[p.x, p.y] == label else { return p }
    var last = p
    var k = 1
    while true {
      let x = p.x + Int((Double(dx * k) / Double(steps)).rounded()), y = p.y + Int((Double(dy * k) / Double(steps)).rounded())
      guard map.contains(x: x, y: y), map[x, y] == label else { return last }
      last = Point(x, y)
      k += 1
    }
  }
}
