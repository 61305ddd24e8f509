import PanopticModel

/// A second label file of the same image, shown instead of the labels on a
/// toggle (a reviewer comparing with the model's prediction, an annotator
/// fixing a file against last year's version) and a source of segments to
/// take over whole. It is never edited and never saved.
public struct ReferenceLabels: Sendable {
  public let map: LabelMap
  public let catalog: ClassCatalog
  /// The file's name, for the status line and messages.
  public let name: String
  /// Whether the picture shows the reference instead of the labels.
  public internal(set) var shown = false

  public init(map: LabelMap, catalog: ClassCatalog, name: String) {
    self.map = map
    self.catalog = catalog
    self.name = name
  }
}

extension EditorState {
  /// The label map and catalog the picture shows now.
  public var shownLabels: (map: LabelMap, catalog: ClassCatalog) {
    if let r = reference, r.shown { return (r.map, r.catalog) }
    return (labels, catalog)
  }

  /// Attaches `reference` (the host read it); it must label the same image.
  public mutating func attach(reference: ReferenceLabels) throws(PanopticError) {
    guard reference.map.width == labels.width && reference.map.height == labels.height else {
      throw .usage(
        "\(reference.name) is \(reference.map.width)×\(reference.map.height) but the labels are \(labels.width)×\(labels.height): not the same image")
    }
    self.reference = reference
  }

  /// Edits are refused while the picture shows the reference: a click would
  /// change labels the annotator cannot see (the toggle promised read only).
  func refuseEditWhileReferenceShown() throws(PanopticError) {
    guard let r = reference, r.shown else { return }
    throw .usage(
      "the picture shows the reference \(r.name), which is read only: ref (R) goes back to your labels, take (T) copies its segment")
  }

  mutating func toggleReference() throws(PanopticError) -> String {
    guard var r = reference else { throw .usage("no reference labels; open the editor with --reference FILE") }
    r.shown.toggle()
    reference = r
    return r.shown
      ? "showing the reference \(r.name) (read only; take X Y or T copies a segment; ref again goes back)"
      : "showing the labels again"
  }

  /// Copies the reference's segment at `p` into the labels as one undo
  /// step: its class found by name in the labels' catalog, a thing as a new
  /// instance (global ids stay unique), crowd as crowd, stuff as the class.
  /// Preserve mode keeps labelled pixels, as for any paint.
  mutating func take(at p: Point?) throws(PanopticError) -> String {
    guard let r = reference else { throw .usage("no reference labels; open the editor with --reference FILE") }
    let p = p ?? view.cursor
    try document.check(p)
    let source = r.map[p.x, p.y]
    guard !source.isVoid else { throw .usage("the reference has no label at \(p.x),\(p.y)") }
    let name = r.catalog[source.classIndex].name
    guard let c = catalog.resolve(name) else {
      throw .usage("the reference's class \"\(name)\" is not in the \(catalog.name) catalog")
    }
    var region = Region(originX: 0, originY: 0, width: r.map.width, height: r.map.height)
    r.map.pixels.withUnsafeBufferPointer { px in
      for i in 0..<px.count where px[i] == source.raw { region.insert(i % r.map.width, i / r.map.width) }
    }
    let isThing = catalog[c].isThing
    let instance: Int
    if isThing && source.instance > 0 {
      instance = document.nextInstanceID
      guard instance <= PanopticLabel.maxInstance else {
        throw .cannotEncode("this image already has \(PanopticLabel.maxInstance) instances; renumber or merge some first")
      }
    } else {
      instance = 0
    }
    let label = PanopticLabel(classIndex: c, instance: instance)
    let what = "took \(catalog.describe(label)) from \(r.name)"
    let t = tools
    let changed = document.edit(region, what) { old in t.mayOverwrite(old) ? label.raw : nil }
    if isThing && instance > 0 && changed > 0 {
      tools.classIndex = c
      tools.selectedInstance = instance
    }
    return what + (changed == 0 ? ": nothing changed" : " (\(changed) px)")
  }
}
