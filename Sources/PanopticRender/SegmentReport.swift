import PanopticModel

/// One row of `panoptty info`: a segment described in the catalog's words.
public struct SegmentRow: Hashable, Sendable {
  public var fileID: Int
  public var label: PanopticLabel
  public var className: String
  public var categoryID: Int
  public var isThing: Bool
  public var isCrowd: Bool
  public var area: Int
  public var bbox: BoundingBox
}

/// Segments plus totals, as `info` prints them and `view`'s legend sums them.
public struct SegmentReport: Sendable {
  public var width: Int
  public var height: Int
  public var rows: [SegmentRow]
  public var voidPixels: Int

  /// `fileID` maps a label to the id the file used; nil means "compute it"
  /// (offset value), which the caller passes as a closure.
  public init(decoded: DecodedLabels, fileID: (PanopticLabel) -> Int) {
    width = decoded.map.width
    height = decoded.map.height
    var rows: [SegmentRow] = []
    var void = 0
    for s in decoded.map.segments() {
      if s.label.isVoid {
        void += s.area
        continue
      }
      let info = decoded.catalog[s.label.classIndex]
      rows.append(
        SegmentRow(
          fileID: decoded.fileIDs[s.label.raw] ?? fileID(s.label), label: s.label, className: info.name.escapingControlCharacters,
          categoryID: info.id, isThing: info.isThing, isCrowd: info.isThing && s.label.instance == 0,
          area: s.area, bbox: s.bbox))
    }
    self.rows = rows
    self.voidPixels = void
  }

  public var pixelCount: Int { width * height }
  public var thingCount: Int { rows.filter { $0.isThing && !$0.isCrowd }.count }
  public var crowdCount: Int { rows.filter(\.isCrowd).count }
  public var stuffCount: Int { rows.filter { !$0.isThing }.count }

  /// A plain-text table, one row per segment, then one totals line.
  public func table() -> String {
    var lines: [String] = []
    // By terminal columns: a class named in CJK takes two a character, and counted as characters
    // it pushed the rest of its row out of line with the others.
    func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
      let spaces = String(repeating: " ", count: max(0, n - TextWidth.columns(of: s)))
      return right ? spaces + s : s + spaces
    }
    let nameWidth = max(5, rows.map { TextWidth.columns(of: $0.className) }.max() ?? 5)
    lines.append(
      pad("id", 9, right: true) + "  " + pad("class", nameWidth) + "  " + pad("kind", 5) + "  "
        + pad("inst", 5, right: true) + "  " + pad("area", 8, right: true) + "  " + pad("share", 6, right: true)
        + "  bbox [x, y, w, h]")
    for r in rows {
      let kind = r.isThing ? (r.isCrowd ? "crowd" : "thing") : "stuff"
      lines.append(
        pad(String(r.fileID), 9, right: true) + "  " + pad(r.className, nameWidth) + "  " + pad(kind, 5) + "  "
          + pad(String(r.label.instance), 5, right: true) + "  " + pad(String(r.area), 8, right: true) + "  "
          + pad(Self.percent(r.area, pixelCount), 6, right: true) + "  " + "\(r.bbox.asArray)")
    }
    let classes = Set(rows.filter(\.isThing).map(\.label.classIndex)).count
    lines.append(
      "\(rows.count.counted("segment")): \(thingCount.counted("thing instance")) in \(classes.counted("class", plural: "classes")), \(crowdCount) crowd, "
        + "\(stuffCount) stuff; void \(voidPixels) px (\(Self.percent(voidPixels, pixelCount)))")
    return lines.joined(separator: "\n")
  }

  public static func percent(_ part: Int, _ whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    let tenths = (part * 1000 + whole / 2) / whole
    let hundredths = (part * 10000 + whole / 2) / whole
    if part > 0 && hundredths < 10 { return "0.0\(hundredths)%" }
    return tenths < 100 ? "\(hundredths / 100).\(String(format2: hundredths % 100))%" : "\(tenths / 10).\(tenths % 10)%"
  }
}

extension String {
  init(format2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
}
