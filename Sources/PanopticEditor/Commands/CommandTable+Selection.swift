import PanopticModel

extension CommandTable {
  /// Smart selection. The names are the ones the NoC benchmark
  /// (`peer-bench/interactive/noc.py`) drives from scripts.
  static let selection: [CommandSpec] = [
    CommandSpec(
      "include", usage: "include [X Y]", "smart selection: this pixel is object (no point: the cursor)",
      examples: [("include 120 80", .include(Point(120, 80))), ("include", .include(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in try .include(optionalPoint(&a)) },
    CommandSpec(
      "exclude", usage: "exclude [X Y]", "smart selection: this pixel is not object (no point: the cursor)",
      examples: [("exclude 10 12", .exclude(Point(10, 12))), ("exclude", .exclude(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in try .exclude(optionalPoint(&a)) },
    CommandSpec(
      "box", usage: "box X0 Y0 X1 Y1 | box",
      "smart selection: the object lies in this rectangle (no numbers: a corner at the cursor, then the other)",
      examples: [("box 10 20 200 180", .box(Point(10, 20), Point(200, 180))), ("box", .boxCorner)]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      if a.isEmpty { return .boxCorner }
      let v = try a.ints(4)
      return .box(Point(v[0], v[1]), Point(v[2], v[3]))
    },
    CommandSpec(
      "accept", usage: "accept | accept add",
      "the selection becomes a new instance of the class (stuff: the class); add joins it to the current instance",
      examples: [("accept", .accept(add: false)), ("accept add", .accept(add: true))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      switch a.word() {
      case nil: return .accept(add: false)
      case "add": try a.noMore(); return .accept(add: true)
      case let w?: throw a.fail("takes nothing or add, not \"\(w)\"")
      }
    },
    CommandSpec("reject", "drop the pending smart selection", constant: .reject),
  ]

  static func optionalPoint(_ a: inout ArgumentReader) throws(PanopticError) -> Point? {
    if a.isEmpty { return nil }
    let v = try a.ints(2)
    return Point(v[0], v[1])
  }
}
