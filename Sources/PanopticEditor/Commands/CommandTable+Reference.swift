import PanopticModel

extension CommandTable {
  /// A second label file of the image (`edit --reference FILE`).
  static let reference: [CommandSpec] = [
    CommandSpec(
      "ref", aliases: ["reference"], "show the reference labels instead of yours, or yours again (edit --reference FILE)",
      constant: .toggleReference),
    CommandSpec(
      "take", usage: "take [X Y]",
      "copy the reference's segment at X,Y (no point: the cursor) into the labels; a thing becomes a new instance",
      examples: [("take 120 80", .take(Point(120, 80))), ("take", .take(nil))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in try .take(optionalPoint(&a)) },
  ]
}
