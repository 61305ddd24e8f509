import PanopticModel
import PanopticRender

extension CommandTable {
  static let cursorAndView: [CommandSpec] = [
    CommandSpec("apply", "use the current tool at the cursor", constant: .apply),
    CommandSpec("vertex", "polygon/rectangle tool: add a point at the cursor", constant: .vertex),
    CommandSpec("back", "drop the last point of the shape in progress", count: .repeats, constant: .removeVertex),
    CommandSpec("finish", "accept a pending smart selection (whatever the tool); else close the polygon (fill it), or with other tools apply", constant: .finish),
    CommandSpec("cancel", "drop the pending polygon/rectangle, close overlays", constant: .cancel),
    CommandSpec(
      "move", usage: "move DX DY", "move the cursor by screen pixels", count: .scales,
      examples: [("move 1 0", .move(dx: 1, dy: 0))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(2)
      return .move(dx: v[0], dy: v[1])
    },
    CommandSpec(
      "goto", usage: "goto X Y", "move the cursor to image pixel X,Y; centre the view on it unless the whole image is on screen",
      examples: [("goto 5 5", .goto(Point(5, 5)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(2)
      return .goto(Point(v[0], v[1]))
    },
    CommandSpec(
      "zoom", usage: "zoom in|out|fit|seg|N", "zoom around the cursor; N = screen pixels per image pixel",
      count: .repeats,
      examples: [("zoom in", .zoom(.into)), ("zoom fit", .zoom(.fit)), ("zoom seg", .zoom(.segment)), ("zoom 2", .zoom(.to(2)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1, let w = a.word() else { throw a.fail("takes in, out, fit, seg or a number") }
      switch w {
      case "in", "+": return .zoom(.into)
      case "out", "-": return .zoom(.out)
      case "fit": return .zoom(.fit)
      case "seg", "segment": return .zoom(.segment)
      default:
        guard let d = Double(w), d >= 0.01, d <= 16 else { throw a.fail("takes in, out, fit, seg or a number from 0.01 to 16 (screen pixels per image pixel)") }
        return .zoom(.to(d))
      }
    },
    CommandSpec(
      "pan", usage: "pan DX DY", "move the view by screen pixels", count: .scales,
      examples: [("pan 1 1", .pan(dx: 1, dy: 1))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(2)
      return .pan(dx: v[0], dy: v[1])
    },
    CommandSpec(
      "select", usage: "select ID|@CLASS", "select a segment and jump to it",
      examples: [("select 2", .select(.instance(2))), ("select @road", .select(.classRegion("road")))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1 else { throw a.fail("takes one segment: ID or @CLASS") }
      return .select(try a.segment())
    },
    CommandSpec(
      "overlay", aliases: ["mode"], usage: "overlay image|overlay|labels|boundaries | overlay",
      "what the picture shows (none cycles)",
      examples: [("overlay labels", .overlay(.labels)), ("overlay", .overlay(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let m = try a.choice(OverlayMode.self)
      try a.noMore()
      return .overlay(m)
    },
    CommandSpec(
      "opacity", usage: "opacity A | opacity +A|-A", "label opacity 0..1", count: .scales,
      examples: [("opacity 0.3", .opacity(0.3, relative: false)), ("opacity +0.1", .opacity(0.1, relative: true))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1, let w = a.word(), let d = Double(w), d.isFinite, abs(d) <= 1 else {
        throw a.fail("takes a value 0..1 or +0.1/-0.1")
      }
      let rel = w.hasPrefix("+") || w.hasPrefix("-")
      if !rel && !(0...1).contains(d) { throw a.fail("must be between 0 and 1") }
      return .opacity(d, relative: rel)
    },
    CommandSpec(
      "colorby", usage: "colorby class|instance | colorby", "colour segments by class or by instance (none toggles)",
      examples: [("colorby class", .colorBy(.class)), ("colorby", .colorBy(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let c = try a.choice(ColorBy.self)
      try a.noMore()
      return .colorBy(c)
    },
    CommandSpec("panel", "show or hide the class palette and segment list", constant: .panel),
    CommandSpec("help", "show or hide the keys (the active keymap)", constant: .help),
    CommandSpec("messages", "show the recent messages in full, newest first (any key closes them)", constant: .messages),
    CommandSpec(
      "scroll", usage: "scroll N", "scroll the help by N lines (negative: up)", count: .scales,
      examples: [("scroll 1", .helpScroll(1)), ("scroll -10", .helpScroll(-10))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in .helpScroll(try a.ints(1)[0]) },
    CommandSpec(
      "prompt", usage: "prompt [TEXT]", "open the : line with TEXT typed",
      examples: [("prompt class", .commandLine("class ")), ("prompt", .commandLine(""))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let text = a.rest()
      return .commandLine(text.isEmpty ? "" : text + " ")
    },
  ]

  static let files: [CommandSpec] = [
    CommandSpec(
      "w", aliases: ["write"], usage: "w [PATH]", "save the labels; with PATH, save a copy there (the file stays unsaved)",
      examples: [("w", .write(path: nil, force: false)), ("w out.png", .write(path: "out.png", force: false)),
                 ("w \"my labels.png\"", .write(path: "my labels.png", force: false))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count <= 1 else { throw a.fail("takes at most one path (quote a path with spaces)") }
      return .write(path: a.word(), force: false)
    },
    CommandSpec(
      "w!", usage: "w! [PATH]", "save even over a file changed on disk or marked read-only",
      examples: [("w!", .write(path: nil, force: true)), ("w! out.png", .write(path: "out.png", force: true))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count <= 1 else { throw a.fail("takes at most one path (quote a path with spaces)") }
      return .write(path: a.word(), force: true)
    },
    CommandSpec("q", aliases: ["quit"], "quit (asks first when there are unsaved changes)", constant: .quit(force: false)),
    CommandSpec("q!", "quit and drop unsaved changes", constant: .quit(force: true)),
    CommandSpec("wq", aliases: ["x"], "save and quit", constant: .writeQuit),
  ]
}
