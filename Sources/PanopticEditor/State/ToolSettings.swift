import PanopticModel

/// What the next edit paints with and how: the tool, class and instance,
/// brush, fill rule, preserve mode, and the points of a shape in progress.
public struct ToolSettings: Sendable, Hashable {
  public var tool: Tool = .fill
  public var classIndex: Int
  /// The thing instance the brush continues; nil = the next stroke or fill
  /// starts a new instance.
  public var selectedInstance: Int?
  public var brushRadius = 2
  public var brushShape: BrushShape = .round
  public var tolerance = 24
  public var connectivity = 4
  public var fillRule: FillRule = .color
  /// Never change pixels that already have a label.
  public var preserve = false
  /// Thing paint and fills make the class's crowd region (instance 0).
  public var paintCrowd = false
  /// Corners or vertices placed so far (rectangle, polygon).
  public var pendingPoints: [Point] = []
  /// The brush stroke being dragged: later dabs extend the same undo step.
  var strokeOpen = false
  var lastStrokePoint: Point?

  public init(catalog: ClassCatalog) {
    classIndex = catalog.classes.firstIndex { $0.isThing } ?? 0
  }

  mutating func endStroke() {
    strokeOpen = false
    lastStrokePoint = nil
  }

  /// Whether `old` may be replaced by new paint (preserve mode keeps labels).
  func mayOverwrite(_ old: UInt32) -> Bool { !preserve || PanopticLabel.isVoid(old) }

  /// The short form for the status line (`fill tol 24/4c`, `brush r3□`).
  var statusText: String {
    var t = tool.rawValue
    switch tool {
    case .brush, .erase: t += " r\(brushRadius)\(brushShape == .square ? "□" : "")"
    case .fill: t += fillRule == .color ? " tol \(tolerance)/\(connectivity)c" : " label/\(connectivity)c"
    case .poly, .rect, .cut: t += " \(pendingPoints.count)pt"
    case .pick, .smart: break
    }
    return t
  }

  /// `excludeKey`: the key this keymap binds to `exclude` (vim's `d`, the default's `x`).
  func hint(catalog: ClassCatalog, excludeKey: Key? = nil) -> String {
    switch tool {
    case .brush: return "brush: apply paints \(catalog[classIndex].name) (radius \(brushRadius))"
    case .fill: return "fill: apply fills the region under the cursor (\(fillRule == .color ? "by colour" : "by label"))"
    case .erase: return "eraser: apply erases to void"
    case .pick: return "picker: apply takes class and instance under the cursor"
    case .rect: return "rectangle: apply sets one corner, apply again fills"
    case .poly: return "polygon: apply adds a point, BS drops the last, Enter (or a double click) closes and fills"
    case .cut: return "cut: apply at one end of a line across an instance, apply at the other: it splits there"
    case .smart:
      let exclude = excludeKey.map { " (\($0))" } ?? ""
      return "smart: click (Space) on the object, right click\(exclude) on what is not, drag a box; Enter accepts, Esc rejects"
    }
  }
}
