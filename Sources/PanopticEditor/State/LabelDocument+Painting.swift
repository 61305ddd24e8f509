import PanopticModel

/// A shape the rectangle and polygon tools fill.
enum Shape {
  case rect(Point, Point)
  case polygon([Point])
}

/// Painting operations: each turns a tool and a place into a region and one
/// undo step, and returns the message to show.
extension LabelDocument {
  func check(_ p: Point) throws(PanopticError) {
    guard labels.contains(p) else {
      throw .usage("(\(p.x), \(p.y)) is outside the \(labels.width)×\(labels.height) image")
    }
  }

  /// The label new paint gets: stuff as is; a thing continues the selected
  /// instance or starts the next global id.
  func paintLabel(newInstance: Bool, tools: inout ToolSettings) throws(PanopticError) -> UInt32 {
    let c = UInt32(tools.classIndex)
    guard catalog[tools.classIndex].isThing, !tools.paintCrowd else { return PanopticLabel.pack(classIndex: c, instance: 0) }
    // The instance being continued may since belong to another class: undone and then handed
    // out again (a split's new piece). Painting this class into it would give one id two
    // classes, a file that no reader (panoptty included) accepts, so a new one starts.
    let takenByAnother = tools.selectedInstance.flatMap { areas.label(ofInstance: $0) }.map { $0.classIndex != tools.classIndex } ?? false
    if newInstance || tools.selectedInstance == nil || takenByAnother {
      let next = nextInstanceID
      guard next <= PanopticLabel.maxInstance else {
        throw .cannotEncode("this image already has \(PanopticLabel.maxInstance) instances; renumber or merge some first")
      }
      tools.selectedInstance = next
    }
    return PanopticLabel.pack(classIndex: c, instance: UInt32(tools.selectedInstance!))
  }

  mutating func paint(_ region: Region, _ what: String, tools: inout ToolSettings, newInstance: Bool) throws(PanopticError) -> String {
    let label = try paintLabel(newInstance: newInstance, tools: &tools)
    let t = tools
    let changed = edit(region, "\(what) \(catalog.describe(PanopticLabel(raw: label)))") { old in
      t.mayOverwrite(old) ? label : nil
    }
    if changed == 0 && catalog[tools.classIndex].isThing { tools.selectedInstance = nil }
    return "\(what) \(catalog.describe(PanopticLabel(raw: label)))" + (changed == 0 ? ": nothing changed" : " (\(changed) px)")
  }

  mutating func fill(
    at p: Point, image: RGBImage?, smoothed: RGBImage?, tools: inout ToolSettings
  ) throws(PanopticError) -> String {
    try check(p)
    // From a pixel preserve mode keeps, a colour fill grows over the labelled object and
    // paints only the few free pixels inside it that look alike: specks, never what was meant.
    let seed = labels[p.x, p.y]
    if tools.preserve && !tools.mayOverwrite(seed.raw) {
      return "fill starts on \(catalog.describe(seed)), which preserve mode keeps: nothing filled (fill from an unlabelled pixel, or o to overwrite)"
    }
    let region: Region
    switch tools.fillRule {
    case .label:
      region = FloodFill.sameLabel(labels, at: p, connectivity: tools.connectivity)
    case .color:
      guard let image else { throw .usage("no image to fill by colour; use fillby label") }
      region = FloodFill.similarColor(
        image, smoothed: smoothed ?? image, at: p, tolerance: tools.tolerance, connectivity: tools.connectivity)
    }
    return try paint(region, "filled", tools: &tools, newInstance: true)
  }

  mutating func paintShape(_ shape: Shape, tools: inout ToolSettings) throws(PanopticError) -> String {
    switch shape {
    case .rect(let a, let b):
      try check(a)
      try check(b)
      return try paint(Raster.rect(a, b, width: labels.width, height: labels.height), "rectangle", tools: &tools, newInstance: true)
    case .polygon(let pts):
      for p in pts { try check(p) }
      return try paint(Raster.polygon(pts, width: labels.width, height: labels.height), "polygon", tools: &tools, newInstance: true)
    }
  }

  /// A brush or eraser stroke through `pts`. While a drag goes on (`extend`)
  /// each segment joins the same undo step; `closing` ends the stroke.
  mutating func stroke(
    _ pts: [Point], erase: Bool, extend: Bool, tools: inout ToolSettings, closing: Bool
  ) throws(PanopticError) -> String? {
    for p in pts { try check(p) }
    defer { if closing { tools.endStroke() } }
    let region = Raster.stroke(pts, radius: tools.brushRadius, shape: tools.brushShape, width: labels.width, height: labels.height)
    let label = erase ? PanopticLabel.voidClass : try paintLabel(newInstance: false, tools: &tools)
    let keep = tools.preserve && !erase
    let what = erase ? "erased" : "painted \(catalog.describe(PanopticLabel(raw: label)))"
    let changed = edit(region, what, extendLast: extend) { old in keep && !PanopticLabel.isVoid(old) ? nil : label }
    tools.lastStrokePoint = pts.last
    if changed > 0 {
      tools.strokeOpen = true
      return "\(what) (\(changed) px)"
    }
    return extend ? nil : "\(what): nothing changed"
  }

  func pick(at p: Point, tools: inout ToolSettings) throws(PanopticError) -> String {
    try check(p)
    let l = labels[p.x, p.y]
    guard !l.isVoid else { throw .usage("(\(p.x), \(p.y)) is void: nothing to pick") }
    tools.classIndex = l.classIndex
    tools.selectedInstance = catalog[l.classIndex].isThing && l.instance > 0 ? l.instance : nil
    return "picked \(catalog.describe(l))"
  }
}
