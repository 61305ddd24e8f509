/// Pillow's filled polygon (`ImageDraw.polygon(xy, fill=1)`), pixel for
/// pixel, because labelme's `shapes_to_label` — what every labelme user's
/// training masks come from — draws polygons with it.
///
/// The editor's `Raster.polygon` samples pixel centres; Pillow truncates the
/// vertices to integers, scans rows with single-precision intersections,
/// fills from `ROUND_UP` of the left crossing to `ROUND_DOWN` of the right
/// one, draws horizontal edges whole and moves some corner crossings
/// ("connect discontiguous corners"). The two differ on about 1 % of the
/// pixels of a random polygon, all along edges, so labelme files get this
/// port of `polygon_generic` (Pillow's `libImaging/Draw.c`): the float
/// arithmetic is `Float`, as in C, and `Tests/oracle/interop_labelme.sh`
/// checks it against labelme's own code.
public enum PillowPolygon {
  struct Edge {
    var x0: Int, y0: Int, xmin: Int, xmax: Int, ymin: Int, ymax: Int
    var dx: Float

    init(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
      (xmin, xmax) = (min(x0, x1), max(x0, x1))
      (ymin, ymax) = (min(y0, y1), max(y0, y1))
      dx = y0 == y1 ? 0 : Float(x1 - x0) / Float(y1 - y0)
      (self.x0, self.y0) = (x0, y0)
    }

    func x(at y: Int) -> Float { Float(y - y0) * dx + Float(x0) }
  }

  /// The filled polygon through `points` (x, y), clipped to the image.
  public static func fill(_ points: [(x: Double, y: Double)], width w: Int, height h: Int) -> Region {
    var region = Region(originX: 0, originY: 0, width: w, height: h)
    guard !points.isEmpty else { return region }
    // Pillow's `(int)` cast: truncation toward zero.
    let xy = points.map { (x: Int($0.x), y: Int($0.y)) }
    var edges: [Edge] = []
    for i in 0..<(xy.count - 1) {
      let (a, b) = (xy[i], xy[i + 1])
      if a.y == b.y && i != 0 && a.y == xy[i - 1].y, !edges.isEmpty {
        // A horizontal edge continuing the previous one in the same direction.
        if b.x > a.x && a.x > xy[i - 1].x {
          edges[edges.count - 1].xmax = b.x
          continue
        } else if b.x < a.x && a.x < xy[i - 1].x {
          edges[edges.count - 1].xmin = b.x
          continue
        }
      }
      edges.append(Edge(a.x, a.y, b.x, b.y))
    }
    let last = xy[xy.count - 1]
    if last.x != xy[0].x || last.y != xy[0].y { edges.append(Edge(last.x, last.y, xy[0].x, xy[0].y)) }

    var ymin = h - 1, ymax = 0
    var table: [Edge] = []
    for e in edges {
      ymin = min(ymin, e.ymin)
      ymax = max(ymax, e.ymax)
      if e.ymin == e.ymax {
        region.insertRun(y: e.ymin, from: e.xmin, through: e.xmax)
        continue
      }
      table.append(e)
    }
    ymin = max(ymin, 0)
    ymax = min(ymax, h)
    guard ymin <= ymax else { return region }
    var xx: [Float] = []
    for y in ymin...ymax {
      xx.removeAll(keepingCapacity: true)
      for (i, cur) in table.enumerated() where y >= cur.ymin && y <= cur.ymax {
        xx.append(cur.x(at: y))
        if y == cur.ymax && y < ymax {
          xx.append(xx[xx.count - 1])  // consistent polygons
        } else if (y == cur.ymin || y == cur.ymax) && cur.dx != 0 {
          connectCorner(&xx, cur, table[..<i], y)
        }
      }
      xx.sort()
      var i = 1
      while i < xx.count {
        region.insertRun(y: y, from: roundUp(xx[i - 1]), through: roundDown(xx[i]))
        i += 2
      }
    }
    return region
  }

  /// Pillow's "connect discontiguous corners": where this edge meets an
  /// earlier one on this row, the crossing moves next to the row beside.
  private static func connectCorner(_ xx: inout [Float], _ cur: Edge, _ earlier: ArraySlice<Edge>, _ y: Int) {
    let j = xx.count - 1
    for other in earlier {
      if (y != other.ymin && y != other.ymax) || other.dx == 0 { continue }
      guard xx[j].rounded() == other.x(at: y).rounded() else { continue }
      let offset = y == cur.ymax ? -1 : 1
      let adjacent = cur.x(at: y + offset)
      guard y + offset >= other.ymin && y + offset <= other.ymax else { continue }
      let adjacentOther = other.x(at: y + offset)
      if xx[j] > adjacent + 1 && xx[j] > adjacentOther + 1 {
        xx[j] = max(adjacent, adjacentOther).rounded() + 1
      } else if xx[j] < adjacent - 1 && xx[j] < adjacentOther - 1 {
        xx[j] = min(adjacent, adjacentOther).rounded() - 1
      }
      return
    }
  }

  /// `ROUND_UP`: half away from zero, computed on `f + 0.5` in `Float`.
  static func roundUp(_ f: Float) -> Int {
    f >= 0 ? Int((f + 0.5).rounded(.down)) : -Int((abs(f) + 0.5).rounded(.down))
  }

  /// `ROUND_DOWN`: half toward zero, computed on `f − 0.5` in `Float`.
  static func roundDown(_ f: Float) -> Int {
    f >= 0 ? Int((f - 0.5).rounded(.up)) : -Int((abs(f) - 0.5).rounded(.up))
  }

  /// Pillow's filled rectangle (`ImageDraw.rectangle`): corners truncated,
  /// both edges included.
  public static func rectangle(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), width w: Int, height h: Int) -> Region {
    var region = Region(originX: 0, originY: 0, width: w, height: h)
    let x0 = Int(min(a.x, b.x)), x1 = Int(max(a.x, b.x)), y0 = Int(min(a.y, b.y)), y1 = Int(max(a.y, b.y))
    guard y1 >= 0, y0 < h else { return region }
    for y in max(y0, 0)...min(y1, h - 1) { region.insertRun(y: y, from: x0, through: x1) }
    return region
  }
}
