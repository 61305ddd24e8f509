/// Which pixels a fill takes.
public enum FillRule: String, Sendable, Hashable {
  /// Connected pixels whose image colour is within the tolerance of the seed's.
  case color
  /// The connected area with the same label as the seed (e.g. inside an outline).
  case label
}

public enum Tool: String, Sendable, Hashable, CaseIterable {
  case brush, fill, erase, pick, rect, poly
}

public enum BrushShape: String, Sendable, Hashable { case round, square }

/// How a target segment is named in `relabel`, `merge`, `delete`, `select`:
/// a thing instance by its global id, or a class's instance-0 region (stuff,
/// or a thing's crowd) by class name or index prefixed with `@`.
public enum SegmentRef: Hashable, Sendable {
  case instance(Int)
  case classRegion(String)
}

/// Every action the editor can take. Keys, the `:` line and scripts all
/// produce these, so anything a key does a script can do.
public enum EditorCommand: Hashable, Sendable {
  // Selection of what to paint with
  case setClass(String)
  case setInstance(Int)
  case newInstance
  case setTool(Tool)
  case brushSize(Int, relative: Bool)
  case brushShape(BrushShape?)
  case tolerance(Int, relative: Bool)
  case connectivity(Int)
  case fillRule(FillRule?)
  case preserve(Bool?)
  // Edits at image coordinates
  case fill(Int, Int)
  case paint([(Int, Int)])
  case rect(Int, Int, Int, Int)
  case poly([(Int, Int)])
  case erase([(Int, Int)])
  case pick(Int, Int)
  case relabel(SegmentRef, String)
  case merge(SegmentRef, SegmentRef)
  case delete(SegmentRef)
  case renumber
  case undo
  case redo
  // At the cursor
  case apply
  case move(Int, Int)
  case goto(Int, Int)
  case vertex
  case cancel
  // View
  case zoom(ZoomChange)
  case pan(Int, Int)
  case select(SegmentRef)
  case overlay(OverlayMode?)
  case opacity(Double, relative: Bool)
  case colorBy(ColorBy?)
  case panel
  case help
  case commandLine(String)
  // Files and leaving
  case write(path: String?, force: Bool)
  case quit(force: Bool)
  case writeQuit

  public static func == (a: EditorCommand, b: EditorCommand) -> Bool { "\(a)" == "\(b)" }
  public func hash(into h: inout Hasher) { h.combine("\(self)") }
}

public enum ZoomChange: Hashable, Sendable {
  case into
  case out
  case fit
  case segment
  case to(Double)
}

/// Parses the command language shared by `:`, keymaps and `--script`.
///
/// One command per line or `;`-separated; words separated by spaces; `#`
/// starts a comment. Coordinates are image pixels.
public enum CommandParser {
  /// Commands with a one-line synopsis each, for `:help` and docs/commands.md.
  public static let synopsis: [(String, String)] = [
    ("class NAME|N", "paint with this class (name, unique prefix or index)"),
    ("instance N", "brush paints thing instance N"),
    ("new", "the next brush stroke or fill starts a new instance"),
    ("tool brush|fill|erase|pick|rect|poly", "choose what apply / click does"),
    ("brush N | brush +N | brush -N | brush round|square", "brush radius in image pixels, or shape"),
    ("tolerance N | tolerance +N|-N", "colour fill tolerance (0-255, per channel)"),
    ("connectivity 4|8", "fill connectivity"),
    ("fillby color|label | fillby", "fill region rule (no argument toggles)"),
    ("preserve on|off | preserve", "preserve: never change labelled pixels (no argument toggles)"),
    ("fill X Y", "fill the region at X,Y (thing class: new instance)"),
    ("paint X Y [X Y ...]", "a brush stroke through the points"),
    ("rect X0 Y0 X1 Y1", "fill a rectangle (corners inclusive)"),
    ("poly X Y X Y X Y ...", "fill a polygon"),
    ("erase X Y [X Y ...]", "erase to void along the points with the brush"),
    ("pick X Y", "take class and instance from X,Y"),
    ("relabel ID|@CLASS CLASS", "give a segment another class"),
    ("merge ID|@CLASS ID|@CLASS", "the second segment joins the first"),
    ("delete ID|@CLASS", "erase a segment to void"),
    ("renumber", "renumber thing instances 1..N without gaps"),
    ("undo | redo", "step back or forward"),
    ("apply", "use the current tool at the cursor"),
    ("vertex", "polygon/rect tool: add a point at the cursor"),
    ("cancel", "drop the pending polygon/rectangle, close overlays"),
    ("move DX DY", "move the cursor by screen pixels"),
    ("goto X Y", "move the cursor to image pixel X,Y"),
    ("zoom in|out|fit|seg|N", "zoom around the cursor; N = screen pixels per image pixel"),
    ("pan DX DY", "move the view by screen pixels"),
    ("select ID|@CLASS", "select a segment and jump to it"),
    ("overlay image|overlay|labels|boundaries | overlay", "what the picture shows (no argument cycles)"),
    ("opacity A | opacity +A|-A", "label opacity 0..1"),
    ("colorby class|instance | colorby", "colour segments by class or instance"),
    ("panel", "toggle the class palette and segment list"),
    ("help", "toggle the key help"),
    ("prompt TEXT", "open the : line with TEXT typed"),
    ("w [PATH] | w! [PATH]", "save (w! overwrites a file changed on disk)"),
    ("q | q!", "quit (q! drops unsaved changes)"),
    ("wq | x", "save and quit"),
  ]

  public static func parseScript(_ text: String) -> [(line: Int, text: String)] {
    var out: [(Int, String)] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(raw)
      if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
      for part in line.split(separator: ";") {
        let t = part.trimmingSpaces()
        if !t.isEmpty { out.append((n + 1, t)) }
      }
    }
    return out
  }

  /// Larger numbers are refused, so no coordinate, count or size arithmetic
  /// can overflow (a fuzzer found `instance 0333333333333333333333`).
  static let maxNumber = 10_000_000

  public static func parse(_ text: String) throws(PanopticError) -> EditorCommand {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let head = words.first else { throw .usage("empty command") }
    let args = Array(words.dropFirst())

    func ints(_ count: Int? = nil, min: Int = 0) throws(PanopticError) -> [Int] {
      var v: [Int] = []
      for a in args {
        guard let i = Int(a) else { throw .usage("\(head): \"\(a)\" is not a whole number") }
        guard abs(i) <= maxNumber else { throw .usage("\(head): \(a) is out of range") }
        v.append(i)
      }
      if let count, v.count != count {
        throw .usage("\(head) takes \(count) number\(count == 1 ? "" : "s"), got \(v.count)")
      }
      if v.count < min { throw .usage("\(head) needs at least \(min) numbers") }
      return v
    }
    func points(min: Int) throws(PanopticError) -> [(Int, Int)] {
      let v = try ints()
      guard v.count % 2 == 0 else { throw .usage("\(head) takes X Y pairs, got an odd count") }
      guard v.count / 2 >= min else { throw .usage("\(head) needs at least \(min) point\(min == 1 ? "" : "s")") }
      return stride(from: 0, to: v.count, by: 2).map { (v[$0], v[$0 + 1]) }
    }
    func relative(_ s: String) throws(PanopticError) -> (Int, Bool) {
      guard let v = Int(s) else { throw .usage("\(head): \"\(s)\" is not a whole number") }
      guard abs(v) <= maxNumber else { throw .usage("\(head): \(s) is out of range") }
      return (v, s.hasPrefix("+") || s.hasPrefix("-"))
    }
    func ref(_ s: String) throws(PanopticError) -> SegmentRef {
      if s.hasPrefix("@") {
        guard s.count > 1 else { throw .usage("\(head): @ needs a class name") }
        return .classRegion(String(s.dropFirst()).replacingUnderscores())
      }
      guard let i = Int(s), i >= 1 else {
        throw .usage("\(head): \"\(s)\" is neither an instance id (1, 2, …) nor @class")
      }
      guard i <= PanopticLabel.maxInstance else { throw .usage("\(head): instance ids go up to 65535") }
      return .instance(i)
    }
    func onOff(_ s: String?) throws(PanopticError) -> Bool? {
      guard let s else { return nil }
      switch s {
      case "on", "1", "true", "yes": return true
      case "off", "0", "false", "no": return false
      default: throw .usage("\(head): expected on or off, got \"\(s)\"")
      }
    }
    func noArgs() throws(PanopticError) {
      if !args.isEmpty { throw .usage("\(head) takes no arguments") }
    }

    switch head {
    case "class":
      guard !args.isEmpty else { throw .usage("class needs a name or index") }
      return .setClass(args.joined(separator: " "))
    case "instance":
      let v = try ints(1)
      guard v[0] >= 1, v[0] <= PanopticLabel.maxInstance else { throw .usage("instance ids go from 1 to 65535") }
      return .setInstance(v[0])
    case "new":
      try noArgs()
      return .newInstance
    case "tool":
      guard args.count == 1, let t = Tool(rawValue: args[0]) else {
        throw .usage("tool takes one of: \(Tool.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return .setTool(t)
    case "brush":
      guard args.count == 1 else { throw .usage("brush takes a size (5, +1, -1) or round/square") }
      if let s = BrushShape(rawValue: args[0]) { return .brushShape(s) }
      if args[0] == "shape" { return .brushShape(nil) }
      let (v, rel) = try relative(args[0])
      if !rel && (v < 0 || v > 500) { throw .usage("brush size must be 0 to 500") }
      return .brushSize(v, relative: rel)
    case "tolerance", "tol":
      guard args.count == 1 else { throw .usage("tolerance takes a value 0-255 or +N/-N") }
      let (v, rel) = try relative(args[0])
      if !rel && (v < 0 || v > 255) { throw .usage("tolerance must be 0 to 255") }
      return .tolerance(v, relative: rel)
    case "connectivity":
      let v = try ints(1)
      guard v[0] == 4 || v[0] == 8 else { throw .usage("connectivity is 4 or 8") }
      return .connectivity(v[0])
    case "fillby":
      guard args.count <= 1 else { throw .usage("fillby takes color or label") }
      if args.isEmpty { return .fillRule(nil) }
      guard let r = FillRule(rawValue: args[0] == "colour" ? "color" : args[0]) else {
        throw .usage("fillby takes color or label")
      }
      return .fillRule(r)
    case "preserve":
      guard args.count <= 1 else { throw .usage("preserve takes on or off") }
      return .preserve(try onOff(args.first))
    case "overwrite":
      try noArgs()
      return .preserve(false)
    case "fill":
      let v = try ints(2)
      return .fill(v[0], v[1])
    case "paint":
      return .paint(try points(min: 1))
    case "rect":
      let v = try ints(4)
      return .rect(v[0], v[1], v[2], v[3])
    case "poly":
      return .poly(try points(min: 3))
    case "erase":
      return .erase(try points(min: 1))
    case "pick":
      let v = try ints(2)
      return .pick(v[0], v[1])
    case "relabel":
      guard args.count >= 2 else { throw .usage("relabel takes ID|@CLASS and a class") }
      return .relabel(try ref(args[0]), args.dropFirst().joined(separator: " "))
    case "merge":
      guard args.count == 2 else { throw .usage("merge takes two segments: ID|@CLASS ID|@CLASS") }
      return .merge(try ref(args[0]), try ref(args[1]))
    case "delete":
      guard args.count == 1 else { throw .usage("delete takes one segment: ID or @CLASS") }
      return .delete(try ref(args[0]))
    case "select":
      guard args.count == 1 else { throw .usage("select takes one segment: ID or @CLASS") }
      return .select(try ref(args[0]))
    case "renumber":
      try noArgs()
      return .renumber
    case "undo", "u":
      try noArgs()
      return .undo
    case "redo":
      try noArgs()
      return .redo
    case "apply":
      try noArgs()
      return .apply
    case "vertex":
      try noArgs()
      return .vertex
    case "cancel":
      try noArgs()
      return .cancel
    case "move":
      let v = try ints(2)
      return .move(v[0], v[1])
    case "goto":
      let v = try ints(2)
      return .goto(v[0], v[1])
    case "pan":
      let v = try ints(2)
      return .pan(v[0], v[1])
    case "zoom":
      guard args.count == 1 else { throw .usage("zoom takes in, out, fit, seg or a number") }
      switch args[0] {
      case "in", "+": return .zoom(.into)
      case "out", "-": return .zoom(.out)
      case "fit": return .zoom(.fit)
      case "seg", "segment": return .zoom(.segment)
      default:
        guard let d = Double(args[0]), d >= 0.01, d <= 64 else {
          throw .usage("zoom takes in, out, fit, seg or a number from 0.01 to 64")
        }
        return .zoom(.to(d))
      }
    case "overlay", "mode":
      guard args.count <= 1 else { throw .usage("overlay takes image, overlay, labels or boundaries") }
      if args.isEmpty { return .overlay(nil) }
      guard let m = OverlayMode(rawValue: args[0]) else {
        throw .usage("overlay takes image, overlay, labels or boundaries")
      }
      return .overlay(m)
    case "opacity":
      guard args.count == 1, let d = Double(args[0]), d.isFinite, abs(d) <= 1 else {
        throw .usage("opacity takes a value 0..1 or +0.1/-0.1")
      }
      let rel = args[0].hasPrefix("+") || args[0].hasPrefix("-")
      if !rel && !(0...1).contains(d) { throw .usage("opacity must be between 0 and 1") }
      return .opacity(d, relative: rel)
    case "colorby":
      guard args.count <= 1 else { throw .usage("colorby takes class or instance") }
      if args.isEmpty { return .colorBy(nil) }
      guard let c = ColorBy(rawValue: args[0]) else { throw .usage("colorby takes class or instance") }
      return .colorBy(c)
    case "panel":
      try noArgs()
      return .panel
    case "help":
      try noArgs()
      return .help
    case "prompt":
      return .commandLine(args.joined(separator: " ") + (args.isEmpty ? "" : " "))
    case "w", "write":
      guard args.count <= 1 else { throw .usage("w takes at most one path") }
      return .write(path: args.first, force: false)
    case "w!":
      guard args.count <= 1 else { throw .usage("w! takes at most one path") }
      return .write(path: args.first, force: true)
    case "q", "quit":
      try noArgs()
      return .quit(force: false)
    case "q!":
      try noArgs()
      return .quit(force: true)
    case "wq", "x":
      try noArgs()
      return .writeQuit
    default:
      throw .usage("unknown command \"\(head)\" (try :help)")
    }
  }
}

extension String {
  func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
