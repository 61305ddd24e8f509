/// A rectangle in image pixels, COCO style: `w = xmax - xmin + 1`.
public struct BoundingBox: Hashable, Sendable, Codable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  public var asArray: [Int] { [x, y, width, height] }
}

/// One segment of a label map: all pixels carrying the same label.
public struct Segment: Hashable, Sendable {
  public var label: PanopticLabel
  public var area: Int
  public var bbox: BoundingBox
}

extension LabelMap {
  /// Area and tight bounding box of every label, void included, in one pass.
  ///
  /// Runs of equal labels along a row are folded first, so the cost is one
  /// compare per pixel plus one dictionary update per run: label maps are
  /// mostly long runs.
  public func segments() -> [Segment] {
    struct Acc {
      var area = 0
      var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
    }
    var accs: [UInt32: Acc] = [:]
    pixels.withUnsafeBufferPointer { buf in
      for y in 0..<height {
        let row = y * width
        var x = 0
        while x < width {
          let v = buf[row + x]
          var end = x + 1
          while end < width && buf[row + end] == v { end += 1 }
          accs[v, default: Acc()].area += end - x
          accs[v]!.x0 = min(accs[v]!.x0, x)
          accs[v]!.x1 = max(accs[v]!.x1, end - 1)
          accs[v]!.y0 = min(accs[v]!.y0, y)
          accs[v]!.y1 = max(accs[v]!.y1, y)
          x = end
        }
      }
    }
    return accs.map { raw, a in
      Segment(
        label: PanopticLabel(raw: raw), area: a.area,
        bbox: BoundingBox(x: a.x0, y: a.y0, width: a.x1 - a.x0 + 1, height: a.y1 - a.y0 + 1))
    }.sorted { $0.label.raw < $1.label.raw }
  }
}

extension LabelMap {
  /// The tight box of one label's pixels, nil when it does not occur.
  public func boundingBox(of label: PanopticLabel) -> BoundingBox? {
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
    pixels.withUnsafeBufferPointer { px in
      for y in 0..<height {
        let row = y * width
        for x in 0..<width where px[row + x] == label.raw {
          x0 = min(x0, x)
          x1 = max(x1, x)
          y0 = min(y0, y)
          y1 = max(y1, y)
        }
      }
    }
    return x1 < 0 ? nil : BoundingBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
  }
}
