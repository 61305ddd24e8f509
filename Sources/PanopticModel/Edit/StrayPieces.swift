/// Tiny detached pieces of thing instances: the commonest slip of brush and
/// fill work (a dab that touched a neighbour, a fill that leaked through a
/// gap), and invisible at the zoom an annotator works at. A car seen in two
/// halves behind a pole is fine; a 3-pixel island of "car #4" in the sky
/// is not. Dataset mode's `next problem` uses this to find images to fix.
public struct StrayPieces: Sendable, Equatable {
  public struct Piece: Sendable, Equatable {
    public var label: PanopticLabel
    /// The first pixel of the piece in reading order.
    public var at: Point
    public var area: Int

    public init(label: PanopticLabel, at: Point, area: Int) {
      self.label = label
      self.at = at
      self.area = area
    }
  }

  /// Pieces smaller than the limit that are not their instance's largest,
  /// in reading order of their first pixel.
  public private(set) var pieces: [Piece] = []

  /// One pass over the map (4-connected components, iterative): linear in
  /// the pixels, so it can run over every image of a dataset.
  public init(in map: LabelMap, below limit: Int = 16) {
    let w = map.width, h = map.height
    let px = map.pixels
    var component = [Int32](repeating: -1, count: px.count)
    var sizes: [Int] = []
    var firsts: [Int] = []
    var largest: [UInt32: Int] = [:]
    var stack: [Int] = []
    for start in 0..<px.count where component[start] < 0 {
      let v = px[start]
      guard PanopticLabel.instancePart(v) > 0, !PanopticLabel.isVoid(v) else { continue }
      let id = Int32(sizes.count)
      var size = 0
      component[start] = id
      stack.append(start)
      while let i = stack.popLast() {
        size += 1
        let x = i % w
        if x > 0, component[i - 1] < 0, px[i - 1] == v { component[i - 1] = id; stack.append(i - 1) }
        if x + 1 < w, component[i + 1] < 0, px[i + 1] == v { component[i + 1] = id; stack.append(i + 1) }
        if i >= w, component[i - w] < 0, px[i - w] == v { component[i - w] = id; stack.append(i - w) }
        if i + w < w * h, component[i + w] < 0, px[i + w] == v { component[i + w] = id; stack.append(i + w) }
      }
      sizes.append(size)
      firsts.append(start)
      largest[v] = max(largest[v] ?? 0, size)
    }
    var seenLargest: Set<UInt32> = []
    for (k, size) in sizes.enumerated() {
      let v = px[firsts[k]]
      // The instance's largest piece is the instance; ties keep the first.
      if size == largest[v], !seenLargest.contains(v) {
        seenLargest.insert(v)
        continue
      }
      if size < limit {
        pieces.append(Piece(label: PanopticLabel(raw: v), at: Point(firsts[k] % w, firsts[k] / w), area: size))
      }
    }
  }
}
