import PanopticModel

/// Whole-segment operations: relabel, merge, delete, renumber.
extension LabelDocument {
  func resolve(_ ref: SegmentRef) throws(PanopticError) -> PanopticLabel {
    switch ref {
    case .instance(let n):
      guard let l = areas.label(ofInstance: n) else { throw .usage("there is no instance \(n)") }
      return l
    case .classRegion(let name):
      guard let c = catalog.resolve(name) else { throw catalog.noSuchClass(name) }
      let l = PanopticLabel(classIndex: c)
      guard areas.areas[l.raw] != nil else {
        throw .usage("\(catalog[c].name) has no \(catalog[c].isThing ? "crowd " : "")region in this image")
      }
      return l
    }
  }

  mutating func relabel(_ ref: SegmentRef, to className: String) throws(PanopticError) -> String {
    let from = try resolve(ref)
    guard let to = catalog.resolve(className) else { throw catalog.noSuchClass(className) }
    let instance = catalog[to].isThing ? (from.instance > 0 ? from.instance : nextInstanceID) : 0
    guard instance <= PanopticLabel.maxInstance else {
      throw .cannotEncode("this image already has \(PanopticLabel.maxInstance) instances")
    }
    let target = PanopticLabel(classIndex: to, instance: instance)
    let what = "relabel \(catalog.describe(from)) → \(catalog.describe(target))"
    let n = editEverywhere(what) { $0 == from.raw ? target.raw : nil }
    return n == 0 ? "\(what): nothing changed" : "\(what) (\(n) px)"
  }

  mutating func merge(_ a: SegmentRef, into b: SegmentRef) throws(PanopticError) -> String {
    let keep = try resolve(a)
    let gone = try resolve(b)
    guard keep != gone else { throw .usage("merge needs two different segments") }
    let what = "merged \(catalog.describe(gone)) into \(catalog.describe(keep))"
    let n = editEverywhere(what) { $0 == gone.raw ? keep.raw : nil }
    return "\(what) (\(n) px)"
  }

  mutating func delete(_ ref: SegmentRef) throws(PanopticError) -> String {
    let l = try resolve(ref)
    let what = "deleted \(catalog.describe(l))"
    let n = editEverywhere(what) { $0 == l.raw ? PanopticLabel.voidClass : nil }
    return "\(what) (\(n) px)"
  }

  mutating func renumber() -> String {
    let ids = areas.instanceIDs
    var newID: [UInt32: UInt32] = [:]
    for (i, id) in ids.enumerated() { newID[UInt32(id)] = UInt32(i + 1) }
    let what = "renumbered \(ids.count) instances to 1…\(ids.count)"
    let n = editEverywhere(what) { v in
      guard !PanopticLabel.isVoid(v), let to = newID[PanopticLabel.instancePart(v)], to != PanopticLabel.instancePart(v) else {
        return nil
      }
      return PanopticLabel.withInstance(v, to)
    }
    return n == 0 ? "\(what): nothing changed" : "\(what) (\(n) px)"
  }
}

/// Splitting instances and turning them into crowd.
extension LabelDocument {
  /// Each piece of the instance (cut by `line`, if given) becomes its own
  /// instance; the largest keeps the id. One undo step.
  mutating func split(_ ref: SegmentRef, along line: [Point]?) throws(PanopticError) -> String {
    let label = try resolve(ref)
    guard label.instance > 0 else { throw .usage("split takes a thing instance, not \(catalog.describe(label))") }
    if let line { for p in line { try check(p) } }
    let cut = line.map { InstancePieces.knife($0, across: label, in: labels) }
    let pieces = InstancePieces(of: label, in: labels, cut: cut).pieces
    guard pieces.count > 1 else {
      let name = catalog.describe(label)
      guard let line, let cut else { return "\(name) is one piece: nothing to split" }
      let crosses = Raster.line(through: cut, closed: false).contains { labels.contains($0) && labels[$0.x, $0.y] == label }
      let from = line[0], to = line[line.count - 1]
      return crosses
        ? "the line from (\(from.x), \(from.y)) to (\(to.x), \(to.y)) does not cut \(name) in two: nothing to split"
        : "the line from (\(from.x), \(from.y)) to (\(to.x), \(to.y)) does not cross \(name): nothing to split"
    }
    var next = nextInstanceID
    guard next + pieces.count - 2 <= PanopticLabel.maxInstance else {
      throw .cannotEncode("this image already has too many instances to split \(catalog.describe(label))")
    }
    var delta = EditDelta()
    var names: [String] = []
    for region in pieces.dropFirst() {
      let to = PanopticLabel(classIndex: label.classIndex, instance: next)
      delta.append(contentsOf: labelsApply(region) { $0 == label.raw ? to.raw : nil })
      names.append("#\(next)")
      next += 1
    }
    let what = "split \(catalog.describe(label)) into \(pieces.count) (new \(names.joined(separator: ", ")))"
    commitPrepared(delta, what)
    return what
  }

  /// The instances join their class's crowd region. One undo step.
  mutating func toCrowd(_ refs: [SegmentRef]) throws(PanopticError) -> String {
    var mapping: [UInt32: UInt32] = [:]
    for ref in refs {
      let l = try resolve(ref)
      guard l.instance > 0 else { throw .usage("\(catalog.describe(l)) is not a thing instance") }
      mapping[l.raw] = l.classRegion.raw
    }
    let what = "made \(refs.count) instance\(refs.count == 1 ? "" : "s") crowd"
    let n = editEverywhere(what) { mapping[$0] }
    return "\(what) (\(n) px)"
  }
}
