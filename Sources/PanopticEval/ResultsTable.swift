/// The text tables for `panoptty eval`.
extension PQResults {
  /// The table `pq_compute` prints, character for character:
  ///
  ///     "{:10s}| {:>5s}  {:>5s}  {:>5s} {:>5s}"  header
  ///     "-" * 38
  ///     "{:10s}| {:5.1f}  {:5.1f}  {:5.1f} {:5d}"  for All, Things, Stuff
  ///
  /// with `100 * value` computed as a double first, as in Python. Every
  /// line ends with "\n". An empty group (which `pq_compute` cannot print:
  /// it raises) shows 0.0 and N 0.
  public func pqComputeTable() -> String {
    var text = PythonFormat.leftAligned("", width: 10) + "| "
    text += ["PQ", "SQ", "RQ"].map { PythonFormat.pad($0, width: 5) }.joined(separator: "  ")
    text += " " + PythonFormat.pad("N", width: 5) + "\n"
    text += String(repeating: "-", count: 10 + 7 * 4) + "\n"
    for (name, summary) in [("All", all), ("Things", things), ("Stuff", stuff)] {
      text += PythonFormat.leftAligned(name, width: 10) + "| "
      text += [summary.pq, summary.sq, summary.rq]
        .map { PythonFormat.fixed(100 * $0, decimals: 1, width: 5) }
        .joined(separator: "  ")
      text += " " + PythonFormat.integer(summary.n, width: 5) + "\n"
    }
    return text
  }

  /// One line per class in the same style (panoptty's addition;
  /// `pq_compute` prints no per-class table): name, kind, PQ, SQ, RQ and the
  /// TP / FP / FN counts behind them. Classes without any segment are left
  /// out unless `includeEmpty`.
  public func perClassTable(includeEmpty: Bool = false) -> String {
    let shown = perClass.filter { includeEmpty || $0.isCounted }
    let nameWidth = max(10, (shown.map(\.category.name.count).max() ?? 0) + 1)
    var text = PythonFormat.leftAligned("", width: nameWidth) + "| kind  "
    text += ["PQ", "SQ", "RQ"].map { PythonFormat.pad($0, width: 5) }.joined(separator: "  ")
    text += ["TP", "FP", "FN"].map { " " + PythonFormat.pad($0, width: 6) }.joined() + "\n"
    text += String(repeating: "-", count: nameWidth + 2 + 6 + 19 + 21) + "\n"
    for result in shown {
      text += PythonFormat.leftAligned(result.category.name, width: nameWidth) + "| "
      text += result.category.isThing ? "thing " : "stuff "
      text += [result.pq, result.sq, result.rq]
        .map { PythonFormat.fixed(100 * $0, decimals: 1, width: 5) }
        .joined(separator: "  ")
      let counts = [
        result.totals.truePositives, result.totals.falsePositives, result.totals.falseNegatives,
      ]
      text += counts.map { " " + PythonFormat.integer($0, width: 6) }.joined() + "\n"
    }
    return text
  }
}
