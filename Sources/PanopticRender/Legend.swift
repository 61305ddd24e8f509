import PanopticModel

/// One legend line: a class with how many instances it has and its share.
public struct LegendEntry: Hashable, Sendable {
  public var name: String
  public var color: RGB
  public var isThing: Bool
  public var instances: Int
  public var crowd: Bool
  public var area: Int
}

public enum Legend {
  /// Classes present in `map`, largest first, with void last-by-area like any other.
  public static func entries(for map: LabelMap, catalog: ClassCatalog) -> [LegendEntry] {
    var byClass: [Int: LegendEntry] = [:]
    var voidArea = 0
    for s in map.segments() {
      if s.label.isVoid {
        voidArea += s.area
        continue
      }
      let c = s.label.classIndex
      let info = catalog[c]
      var e = byClass[c] ?? LegendEntry(name: info.name, color: info.color, isThing: info.isThing, instances: 0, crowd: false, area: 0)
      e.area += s.area
      if info.isThing {
        if s.label.instance == 0 { e.crowd = true } else { e.instances += 1 }
      }
      byClass[c] = e
    }
    var list = Array(byClass.values)
    if voidArea > 0 {
      list.append(LegendEntry(name: "void", color: RGB(80, 80, 80), isThing: false, instances: 0, crowd: false, area: voidArea))
    }
    return list.sorted { ($0.area, $1.name) > ($1.area, $0.name) }
  }

  /// The legend as cells, `columns` wide, as many rows as entries (packed
  /// into several columns when the width allows).
  public static func grid(
    _ entries: [LegendEntry], total: Int, columns: Int, colorMode: ColorMode, unicode: Bool
  ) -> CellGrid {
    let texts = entries.map { e -> String in
      var t = e.name
      if e.isThing {
        t += " \(e.instances)"
        if e.crowd { t += "+crowd" }
      }
      return t + " " + SegmentReport.percent(e.area, total)
    }
    let colWidth = min(columns, max(12, (texts.map(\.count).max() ?? 10) + 5))
    let perRow = max(1, columns / colWidth)
    let rows = (entries.count + perRow - 1) / perRow
    var grid = CellGrid(width: columns, height: rows)
    for (i, e) in entries.enumerated() {
      let x = (i % perRow) * colWidth
      let y = i / perRow
      if colorMode == .mono {
        let g = String(Character(FrameRenderer.monoGlyph(luma: e.color.luma)))
        grid.put("[" + g + "]", x: x, y: y)
      } else {
        let sw = Cell(unicode ? "\u{2588}" : " ", fg: colorMode.quantize(e.color), bg: colorMode.quantize(e.color))
        grid[x, y] = sw
        if x + 1 < columns { grid[x + 1, y] = sw }
      }
      let indent = colorMode == .mono ? 4 : 3
      grid.put(texts[i], x: x + indent, y: y, maxWidth: colWidth - indent - 1)
    }
    return grid
  }
}
