/// The 4-connected pieces of a label map and the outline of each, as a
/// polygon Pillow fills back onto exactly the piece's pixels (and whatever
/// it encloses) — what labelme export needs, because labelme keeps polygons
/// and its `shapes_to_label` rasterises them with Pillow (`PillowPolygon`).
///
/// The outline is traced along pixel edges (the cracks between the piece and
/// the rest), with the piece on the right, turning away from a diagonal
/// neighbour so 4-connected pieces stay apart. Pillow fills a polygon
/// *including* its boundary, so a crack polygon would grow the piece by a
/// pixel to the right and below; each corner is therefore moved half a pixel
/// inwards along both edges, onto the centre of a pixel of the piece. Every
/// edge is then horizontal or vertical between pixel centres, the crossings
/// Pillow computes are whole numbers, and its spans cover exactly the
/// pixels inside or on the outline. Thin parts collapse to edges that go out
/// and back, which Pillow still paints (horizontal edges are drawn whole).
public enum PixelOutline {
  /// One 4-connected piece of one label.
  public struct Piece: Sendable {
    public var label: UInt32
    /// Its first pixel in row order (the top-left one), where tracing starts.
    public var start: (x: Int, y: Int)
    public var pixelCount: Int
  }

  /// The pieces of every non-void label, in row order of their first pixel,
  /// and for each pixel the index of its piece (−1 for void).
  public static func pieces(of map: LabelMap) -> (pieces: [Piece], owner: [Int32]) {
    let w = map.width, h = map.height
    var owner = [Int32](repeating: -1, count: w * h)
    var pieces: [Piece] = []
    var stack: [Int] = []
    map.pixels.withUnsafeBufferPointer { px in
      for start in 0..<px.count where owner[start] < 0 && !PanopticLabel.isVoid(px[start]) {
        let v = px[start], id = Int32(pieces.count)
        var count = 0
        owner[start] = id
        stack.append(start)
        while let i = stack.popLast() {
          count += 1
          let x = i % w, y = i / w
          for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < w && ny < h {
            let j = ny * w + nx
            if owner[j] < 0 && px[j] == v {
              owner[j] = id
              stack.append(j)
            }
          }
        }
        pieces.append(Piece(label: v, start: (start % w, start / w), pixelCount: count))
      }
    }
    return (pieces, owner)
  }

  /// The outer outline of piece `id` as polygon vertices on pixel centres
  /// (pixel (x, y) is the point (x, y)), collinear points removed, at least
  /// three points (a single pixel is one point repeated, as Pillow paints it).
  public static func outline(of id: Int32, start: (x: Int, y: Int), owner: [Int32], width w: Int, height h: Int) -> [(x: Int, y: Int)] {
    func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && owner[y * w + x] == id }
    // Vertices are pixel corners; the corner (x, y) is the top-left one of pixel (x, y).
    var (vx, vy) = start
    var (dx, dy) = (1, 0)  // along the top edge of the first pixel, the piece below (on the right)
    var corners: [(x: Int, y: Int)] = []
    repeat {
      vx += dx
      vy += dy
      let (nx, ny) = (-dy, dx)  // the right-hand normal: towards the piece
      // The pixels ahead on the right and on the left, by their top-left corners.
      let right = inside(vx + (dx + nx - 1) / 2, vy + (dy + ny - 1) / 2)
      let left = inside(vx + (dx - nx - 1) / 2, vy + (dy - ny - 1) / 2)
      let (tx, ty): (Int, Int)
      if !right {
        (tx, ty) = (nx, ny)  // turn right (also at a diagonal contact: 4-connected pieces part there)
      } else if left {
        (tx, ty) = (-nx, -ny)  // turn left
      } else {
        continue
      }
      // Half a pixel inwards along both edges' normals: the centre of a pixel of the piece.
      let (mx, my) = (nx + -ty, ny + tx)
      corners.append((vx + (mx - 1) / 2, vy + (my - 1) / 2))
      (dx, dy) = (tx, ty)
    } while !(vx == start.x && vy == start.y && dx == 1 && dy == 0)
    return simplified(corners)
  }

  /// Drops repeated points and points in the middle of a straight run
  /// (edges that turn back are kept: they are thin parts of the piece).
  static func simplified(_ points: [(x: Int, y: Int)]) -> [(x: Int, y: Int)] {
    var p = points
    var changed = true
    while changed && p.count > 2 {
      changed = false
      var out: [(x: Int, y: Int)] = []
      for (i, b) in p.enumerated() {
        let a = out.last ?? p[(i + p.count - 1) % p.count], c = p[(i + 1) % p.count]
        if a == b { changed = true; continue }
        let (ux, uy, vx, vy) = (b.x - a.x, b.y - a.y, c.x - b.x, c.y - b.y)
        if ux * vy == uy * vx && ux * vx + uy * vy > 0 { changed = true; continue }
        out.append(b)
      }
      if out.isEmpty { out = [p[0]] }
      p = out
    }
    while p.count < 3 { p.append(p[p.count - 1]) }
    return p
  }
}
