import PanopticModel
import PanopticRender

/// What `apply` (a click, Space) does at the cursor.
public enum Tool: String, Sendable, Hashable, CaseIterable {
  case brush, fill, erase, pick, rect, poly
  /// Two points: the instance under the first is split along the line.
  case cut
  /// Smart selection: apply includes the pixel, a drag draws a box, Enter accepts.
  case smart
}

/// How a target segment is named in `relabel`, `merge`, `delete`, `select`:
/// a thing instance by its global id, or a class's instance-0 region (stuff,
/// or a thing's crowd) by class name or index prefixed with `@`.
public enum SegmentRef: Hashable, Sendable {
  case instance(Int)
  case classRegion(String)
}

/// Where `next`, `prev` and `image N` go in dataset mode (`edit DIR`).
public enum ImageStep: Hashable, Sendable {
  case next
  case previous
  /// The next image without labels, or not marked done.
  case nextTodo
  /// The next image whose labels break a rule `validate` checks, cannot be
  /// read, or have a crash journal nobody recovered.
  case nextProblem
  /// The N-th image (1-based, as the progress line counts).
  case index(Int)
}

/// What `mark` records for the image in the dataset's status file.
public enum ImageMark: String, Hashable, Sendable, CaseIterable {
  case done, skipped, review
}

/// How the view's zoom changes.
public enum ZoomChange: Hashable, Sendable {
  case into
  case out
  case fit
  case segment
  case to(Double)
}

/// Every action the editor can take. Keys, the `:` line and scripts all
/// produce these (through `CommandTable`), so anything a key does a script can do.
public enum EditorCommand: Hashable, Sendable {
  // What to paint with
  case setClass(String)
  case setInstance(Int)
  case newInstance
  case setTool(Tool)
  case brushSize(Int, relative: Bool)
  case brushShape(BrushShape?)
  case tolerance(Int, relative: Bool)
  /// One step up (+1) or down (-1) a ladder of tolerances that suits the range.
  case toleranceStep(Int)
  /// New thing paint and fills make the class's crowd region (instance 0).
  case crowd(Bool?)
  case connectivity(Int)
  case fillRule(FillRule?)
  case preserve(Bool?)
  // Edits at image coordinates
  case fill(Point)
  case paint([Point])
  case rect(Point, Point)
  case poly([Point])
  case erase([Point])
  case pick(Point)
  /// Show the reference labels instead of the labels, or back.
  case toggleReference
  /// Copy the reference's segment at a point (nil: the cursor).
  case take(Point?)
  case relabel(SegmentRef, String)
  case merge(SegmentRef, SegmentRef)
  case delete(SegmentRef)
  case renumber
  /// Each connected piece of the instance becomes its own instance, or,
  /// with a line, the pieces either side of it do.
  case split(SegmentRef, line: [Point]?)
  /// The instances join their class's crowd region.
  case toCrowd([SegmentRef])
  case undo
  case redo
  // Smart selection: the pending object is recomputed from the photo and
  // every click so far, then accepted as one edit or rejected.
  /// This pixel is object (nil: the cursor).
  case include(Point?)
  /// This pixel is not object (nil: the cursor).
  case exclude(Point?)
  /// The object lies inside this rectangle; nil corners: the first call
  /// marks a corner at the cursor, the second closes the box there.
  case box(Point, Point)
  case boxCorner
  /// The selection becomes a new instance (or the stuff class); `add`
  /// joins it to the instance the brush continues.
  case accept(add: Bool)
  case reject
  // At the cursor
  case apply
  case vertex
  /// Drops the last point of the shape in progress.
  case removeVertex
  /// Closes the polygon (or the shape in progress); other tools apply.
  case finish
  case cancel
  case move(dx: Int, dy: Int)
  case goto(Point)
  // View
  case zoom(ZoomChange)
  case pan(dx: Int, dy: Int)
  case select(SegmentRef)
  case overlay(OverlayMode?)
  case opacity(Double, relative: Bool)
  case colorBy(ColorBy?)
  case panel
  case help
  case messages
  case helpScroll(Int)
  case commandLine(String)
  // Dataset mode
  case image(ImageStep)
  case mark(ImageMark)
  // Files and leaving
  case write(path: String?, force: Bool)
  case quit(force: Bool)
  case writeQuit
}

/// What a count typed before a key (`5l`, `3u`) does to its command.
public enum CountRule: String, Sendable, Hashable {
  /// The command runs that many times (`3u` undoes three steps).
  case repeats
  /// The command's step is multiplied (`5l` moves five pixels, `3]` grows the brush by 3).
  case scales
  /// The count is dropped: the command has no sensible multiple.
  case ignored
}

extension EditorCommand {
  /// The commands a count turns this one into, following `rule`.
  public func applyingCount(_ n: Int, rule: CountRule) -> [EditorCommand] {
    guard n > 1 else { return [self] }
    switch rule {
    case .ignored: return [self]
    case .repeats: return Array(repeating: self, count: n)
    case .scales:
      switch self {
      case .move(let dx, let dy): return [.move(dx: dx * n, dy: dy * n)]
      case .pan(let dx, let dy): return [.pan(dx: dx * n, dy: dy * n)]
      case .brushSize(let v, true): return [.brushSize(v * n, relative: true)]
      case .tolerance(let v, true): return [.tolerance(v * n, relative: true)]
      case .opacity(let v, true): return [.opacity(v * Double(n), relative: true)]
      case .helpScroll(let v): return [.helpScroll(v * n)]
      default: return Array(repeating: self, count: n)
      }
    }
  }
}

extension EditorCommand {
  /// Whether running it can change the labels (not counting `take`, which
  /// copies from the reference on purpose): what is refused while the picture
  /// shows the reference instead of the labels.
  public var changesLabels: Bool {
    switch self {
    case .fill, .paint, .rect, .poly, .erase, .relabel, .merge, .delete, .renumber, .split, .toCrowd, .undo, .redo,
      .accept, .apply, .vertex, .finish:
      return true
    default:
      return false
    }
  }
}

extension EditorCommand {
  /// Commands a key may run while the terminal is too small to show the picture: none of them
  /// changes the labels, so nothing happens that the annotator cannot see.
  var worksUnseen: Bool {
    switch self {
    case .quit, .write, .writeQuit, .cancel, .commandLine, .help: true
    default: false
    }
  }
}
