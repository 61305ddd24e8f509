import PanopticModel
import PanopticRender

/// Every command, in the order `:help` and docs/commands.md list them.
public enum CommandTable {
  public static let all: [CommandSpec] = painting + edits + selection + reference + cursorAndView + dataset + files

  /// Name or alias → spec, built once.
  static let byName: [String: CommandSpec] = {
    var d: [String: CommandSpec] = [:]
    for spec in all {
      for n in [spec.name] + spec.aliases {
        precondition(d[n] == nil, "command name \(n) is defined twice")
        d[n] = spec
      }
    }
    return d
  }()

  public static func spec(named name: String) -> CommandSpec? { byName[name] }

  static let painting: [CommandSpec] = [
    CommandSpec(
      "class", usage: "class NAME|N", "paint with this class (name, unique prefix, or index)",
      examples: [("class car", .setClass("car")), ("class traffic light", .setClass("traffic light"))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard !a.isEmpty else { throw a.fail("needs a name or index") }
      return .setClass(a.rest())
    },
    CommandSpec(
      "instance", usage: "instance N", "brush paints thing instance N", examples: [("instance 3", .setInstance(3))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(1)[0]
      guard v >= 1, v <= PanopticLabel.maxInstance else { throw a.fail("ids go from 1 to \(PanopticLabel.maxInstance)") }
      return .setInstance(v)
    },
    CommandSpec("new", "the next brush stroke or fill starts a new instance", constant: .newInstance),
    CommandSpec(
      "tool", usage: "tool brush|fill|erase|pick|rect|poly|cut|smart", "choose what apply (Space, a click) does",
      examples: [("tool fill", .setTool(.fill)), ("tool poly", .setTool(.poly))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard let t = try a.choice(Tool.self) else { throw a.fail("takes one of: \(Tool.allCases.map(\.rawValue).joined(separator: ", "))") }
      try a.noMore()
      return .setTool(t)
    },
    CommandSpec(
      "brush", usage: "brush N | brush +N | brush -N | brush round|square|shape",
      "brush radius in image pixels (0-500), or its shape (shape toggles)", count: .scales,
      examples: [
        ("brush 7", .brushSize(7, relative: false)), ("brush +1", .brushSize(1, relative: true)),
        ("brush square", .brushShape(.square)), ("brush shape", .brushShape(nil)),
      ]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1, let w = a.words.first else { throw a.fail("takes a size (5, +1, -1) or round/square") }
      if w == "shape" || BrushShape(rawValue: w) != nil {
        _ = a.word()
        return .brushShape(BrushShape(rawValue: w))
      }
      let (v, rel) = try a.relative()
      if !rel && (v < 0 || v > 500) { throw a.fail("size must be 0 to 500") }
      return .brushSize(v, relative: rel)
    },
    CommandSpec(
      "tolerance", aliases: ["tol"], usage: "tolerance N | tolerance +N|-N",
      "colour fill tolerance (0-255, per channel)", count: .scales,
      examples: [("tolerance 20", .tolerance(20, relative: false)), ("tol -4", .tolerance(-4, relative: true))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1 else { throw a.fail("takes a value 0-255 or +N/-N") }
      let (v, rel) = try a.relative()
      if !rel && (v < 0 || v > 255) { throw a.fail("must be 0 to 255") }
      return .tolerance(v, relative: rel)
    },
    CommandSpec(
      "tolstep", usage: "tolstep up|down", "the next larger or smaller tolerance on a ladder that suits the range (2…255)",
      count: .repeats, examples: [("tolstep up", .toleranceStep(1)), ("tolstep down", .toleranceStep(-1))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      switch a.word() {
      case "up", "+": return .toleranceStep(1)
      case "down", "-": return .toleranceStep(-1)
      default: throw a.fail("takes up or down")
      }
    },
    CommandSpec(
      "crowd", usage: "crowd on|off | crowd", "thing paint and fills make the class's crowd region (instance 0); none toggles",
      examples: [("crowd on", .crowd(true)), ("crowd", .crowd(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.onOff()
      try a.noMore()
      return .crowd(v)
    },
    CommandSpec(
      "connectivity", usage: "connectivity 4|8", "pixels a fill may step to: 4 sides, or 8 with diagonals",
      examples: [("connectivity 8", .connectivity(8))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(1)[0]
      guard v == 4 || v == 8 else { throw a.fail("is 4 or 8") }
      return .connectivity(v)
    },
    CommandSpec(
      "fillby", usage: "fillby color|label | fillby", "what a fill takes: similar colour or the same label (none toggles)",
      examples: [("fillby label", .fillRule(.label)), ("fillby", .fillRule(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      if a.words.first == "colour" { a = ArgumentReader(head: a.head, words: ["color"]) }
      let r = try a.choice(FillRule.self)
      try a.noMore()
      return .fillRule(r)
    },
    CommandSpec(
      "preserve", usage: "preserve on|off | preserve", "preserve: never change labelled pixels, and select around them (none toggles)",
      examples: [("preserve on", .preserve(true)), ("preserve", .preserve(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.onOff()
      try a.noMore()
      return .preserve(v)
    },
    CommandSpec("overwrite", "new paint replaces labelled pixels (preserve off)", constant: .preserve(false)),
  ]

  static let edits: [CommandSpec] = [
    CommandSpec(
      "fill", usage: "fill X Y", "fill the region at X,Y (thing class: a new instance)",
      examples: [("fill 3 4", .fill(Point(3, 4)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(2)
      return .fill(Point(v[0], v[1]))
    },
    CommandSpec(
      "paint", usage: "paint X Y [X Y ...]", "a brush stroke through the points",
      examples: [("paint 1 2 3 4", .paint([Point(1, 2), Point(3, 4)]))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in .paint(try a.points(min: 1)) },
    CommandSpec(
      "rect", usage: "rect X0 Y0 X1 Y1", "fill a rectangle (corners inclusive)",
      examples: [("rect 0 0 5 5", .rect(Point(0, 0), Point(5, 5)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(4)
      return .rect(Point(v[0], v[1]), Point(v[2], v[3]))
    },
    CommandSpec(
      "poly", usage: "poly X Y X Y X Y ...", "fill a polygon of any number of points",
      examples: [("poly 0 0 4 0 4 4", .poly([Point(0, 0), Point(4, 0), Point(4, 4)]))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in .poly(try a.points(min: 3)) },
    CommandSpec(
      "erase", usage: "erase X Y [X Y ...]", "erase to void along the points with the brush",
      examples: [("erase 1 1", .erase([Point(1, 1)]))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in .erase(try a.points(min: 1)) },
    CommandSpec(
      "pick", usage: "pick X Y", "take class and instance from X,Y", examples: [("pick 2 2", .pick(Point(2, 2)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(2)
      return .pick(Point(v[0], v[1]))
    },
    CommandSpec(
      "relabel", usage: "relabel ID|@CLASS CLASS", "give a segment another class",
      examples: [("relabel 3 person", .relabel(.instance(3), "person")), ("relabel @road sky", .relabel(.classRegion("road"), "sky"))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let ref = try a.segment()
      guard !a.isEmpty else { throw a.fail("takes ID|@CLASS and a class") }
      return .relabel(ref, a.rest())
    },
    CommandSpec(
      "merge", usage: "merge ID|@CLASS ID|@CLASS", "the second segment joins the first",
      examples: [("merge 1 2", .merge(.instance(1), .instance(2)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 2 else { throw a.fail("takes two segments: ID|@CLASS ID|@CLASS") }
      return .merge(try a.segment(), try a.segment())
    },
    CommandSpec(
      "delete", usage: "delete ID|@CLASS", "erase a segment to void",
      examples: [("delete 4", .delete(.instance(4))), ("delete @sky", .delete(.classRegion("sky")))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard a.count == 1 else { throw a.fail("takes one segment: ID or @CLASS") }
      return .delete(try a.segment())
    },
    CommandSpec("renumber", "renumber thing instances 1..N without gaps", constant: .renumber),
    CommandSpec(
      "split", usage: "split ID | split ID X0 Y0 X1 Y1 [X Y ...]",
      "each connected piece of instance ID becomes its own instance; with a line, the pieces either side of it do (a line that ends inside runs on to the edge)",
      examples: [("split 3", .split(.instance(3), line: nil)),
                 ("split 3 10 0 10 40", .split(.instance(3), line: [Point(10, 0), Point(10, 40)]))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let ref = try a.segment()
      guard !a.isEmpty else { return .split(ref, line: nil) }
      return .split(ref, line: try a.points(min: 2))
    },
    CommandSpec(
      "tocrowd", usage: "tocrowd ID [ID ...]", "the instances join their class's crowd region (instance 0)",
      examples: [("tocrowd 4", .toCrowd([.instance(4)])), ("tocrowd 4 7", .toCrowd([.instance(4), .instance(7)]))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard !a.isEmpty else { throw a.fail("takes one or more instance ids") }
      var refs: [SegmentRef] = []
      while !a.isEmpty { refs.append(try a.segment()) }
      return .toCrowd(refs)
    },
    CommandSpec("undo", aliases: ["u"], "step back (a count undoes that many steps)", count: .repeats, constant: .undo),
    CommandSpec("redo", "step forward again (a count redoes that many)", count: .repeats, constant: .redo),
  ]
}
