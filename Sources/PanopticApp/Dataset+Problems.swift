import PanopticIO
import PanopticModel

extension Dataset {
  /// What `next problem` found: a line for the annotator, and where to look.
  public struct Problem: Sendable, Equatable {
    public var text: String
    public var at: Point?
  }

  /// What is wrong with item `i`'s labels, or nil when nothing is: a crash
  /// journal nobody recovered (unsaved work), the rules `validate` applies
  /// (such a file is reported, and the editor refuses to open it), and thing
  /// instances with stray pieces under 16 px (slips the editor can fix).
  /// Images without a label file have no problems; they are to-dos.
  public func problem(_ i: Int, options: LabelFileOptions) -> Problem? {
    let item = items[i]
    if FileStatus.of(EditJournal.path(for: item.labels)) != nil {
      return Problem(text: "unsaved edits a crash left in its journal", at: nil)
    }
    guard FileStatus.of(item.labels) != nil else { return nil }
    var o = options
    if let json = item.annotations {
      o.annotations = json
      o.format = o.format ?? .coco
    }
    do {
      let loaded = try LabelFile.read(path: item.labels, options: o)
      let problems = loaded.decoded.problems
      if let first = problems.first {
        return Problem(
          text: "\(first)" + (problems.count > 1 ? " (and \(problems.count - 1) more; panoptty validate lists them)" : ""), at: nil)
      }
      let stray = StrayPieces(in: loaded.decoded.map).pieces
      guard let p = stray.first else { return nil }
      let catalog = loaded.decoded.catalog
      let name = p.label.classIndex < catalog.count ? catalog[p.label.classIndex].name : "class \(p.label.classIndex)"
      return Problem(
        text: "\(name) #\(p.label.instance) has a stray piece of \(p.area) px at \(p.at)"
          + (stray.count > 1 ? " (and \(stray.count - 1) more stray pieces)" : ""), at: p.at)
    } catch {
      return Problem(text: error.description, at: nil)
    }
  }

  /// The first item after `index` (wrapping) with a problem, and what it
  /// is; nil when every label file is clean.
  public func nextProblem(after index: Int, options: LabelFileOptions) -> (index: Int, problem: Problem)? {
    let count = items.count
    for step in 1...count {
      let j = (index + step) % count
      if let p = problem(j, options: options) { return (j, p) }
    }
    return nil
  }
}
