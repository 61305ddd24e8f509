extension PQResults {
  /// The `--json` output: `{"All": {"pq", "sq", "rq", "n"}, "Things": …,
  /// "Stuff": …, "per_class": {"<category id>": {"pq", "sq", "rq"}}}`, the
  /// shape of `pq_compute`'s return value after `json.dumps` (per_class keys
  /// become strings there too). With `details`, each class also carries
  /// name, isthing, tp, fp, fn and iou_sum.
  ///
  /// Differences from `json.dumps(pq_compute(...))`: a class with segments
  /// but tp == 0 has `"sq": 0.0` where Python writes `0` (an int); an empty
  /// group is written with `"n": 0` and zeros where Python raises.
  public func json(details: Bool = false) -> String {
    func summary(_ s: Summary) -> String {
      JSONText.object([
        ("pq", JSONText.number(s.pq)), ("sq", JSONText.number(s.sq)),
        ("rq", JSONText.number(s.rq)), ("n", String(s.n)),
      ])
    }
    let classes = perClass.map { result -> (String, String) in
      var members = [
        ("pq", JSONText.number(result.pq)), ("sq", JSONText.number(result.sq)),
        ("rq", JSONText.number(result.rq)),
      ]
      if details {
        members += [
          ("name", JSONText.string(result.category.name)),
          ("isthing", result.category.isThing ? "1" : "0"),
          ("tp", String(result.totals.truePositives)),
          ("fp", String(result.totals.falsePositives)),
          ("fn", String(result.totals.falseNegatives)),
          ("iou_sum", JSONText.number(result.totals.iouSum)),
        ]
      }
      return (String(result.category.id), JSONText.object(members))
    }
    return JSONText.object([
      ("All", summary(all)), ("Things", summary(things)), ("Stuff", summary(stuff)),
      ("per_class", JSONText.object(classes)),
    ])
  }
}
