import PanopticModel

extension CommandTable {
  /// Dataset mode (`panoptty edit DIR`): walking the images, marking them.
  static let dataset: [CommandSpec] = [
    CommandSpec(
      "next", usage: "next | next todo | next problem",
      "dataset mode: save, then the next image (todo: the next not marked done, skipped or review; problem: the next whose labels validate finds wrong, cannot be read, or have a crash journal; locked ones are skipped)",
      examples: [("next", .image(.next)), ("next todo", .image(.nextTodo)), ("next problem", .image(.nextProblem))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      switch a.word() {
      case nil: return .image(.next)
      case "todo": try a.noMore(); return .image(.nextTodo)
      case "problem", "problems": try a.noMore(); return .image(.nextProblem)
      case let w?: throw a.fail("takes nothing, todo or problem, not \"\(w)\"")
      }
    },
    CommandSpec("prev", aliases: ["previous"], "dataset mode: save, then the previous image", constant: .image(.previous)),
    CommandSpec(
      "image", usage: "image N", "dataset mode: save, then image N (1-based, as the status line counts)",
      examples: [("image 12", .image(.index(12)))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      let v = try a.ints(1)[0]
      guard v >= 1 else { throw a.fail("images are counted from 1") }
      return .image(.index(v))
    },
    CommandSpec(
      "mark", usage: "mark done|skipped|review", "dataset mode: record this image's state in panoptty-status.tsv",
      examples: [("mark done", .mark(.done)), ("mark review", .mark(.review))]
    ) { (a: inout ArgumentReader) throws(PanopticError) in
      guard let m = try a.choice(ImageMark.self) else { throw a.fail("takes done, skipped or review") }
      try a.noMore()
      return .mark(m)
    },
  ]
}
