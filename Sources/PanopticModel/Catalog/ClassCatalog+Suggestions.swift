/// What to say when a typed class name is not in the catalog.
extension ClassCatalog {
  /// Class names that contain `text`, or else are a slip of the keyboard
  /// away from it ("persn" → person, "cra" → car), closest first; for error
  /// messages and completion.
  public func suggestions(for text: String, limit: Int = 5) -> [String] {
    // (`@name` is how commands name a class's region: the name is what was meant.)
    let typed = Self.typed(text.hasPrefix("@") ? String(text.dropFirst()) : text)
    let key = typed.trimmingSpaces()
    // Nothing to go on, or no name's length: no guesses.
    guard !key.isEmpty, key.count <= 80 else { return [] }
    let hits = classes.filter { Self.typed($0.name).contains(key) }.map(\.name)
    if !hits.isEmpty { return Array(hits.prefix(limit)) }
    // One typo in four letters, at least one and at most three.
    let allowed = min(3, max(1, key.count / 4))
    let near = classes.compactMap { c -> (Int, String)? in
      let d = Self.editDistance(key, Self.typed(c.name), limit: allowed)
      return d <= allowed ? (d, c.name) : nil
    }
    return Array(near.sorted { $0.0 < $1.0 }.map(\.1).prefix(limit))
  }

  /// The error for a class name the catalog does not have, with suggestions.
  public func noSuchClass(_ name: String) -> PanopticError {
    let s = suggestions(for: name)
    let shown = name.count > 60 ? String(name.prefix(60)) + "…" : name
    return .usage("no class \"\(shown)\" in \(self.name)" + (s.isEmpty ? "" : " (did you mean \(s.joined(separator: ", "))?)"))
  }

  /// Optimal-string-alignment distance (a swap of two neighbours counts as
  /// one typo); stops early once it must exceed `limit`.
  static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
    let x = Array(a), y = Array(b)
    guard abs(x.count - y.count) <= limit else { return limit + 1 }
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    var before = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      var best = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, before[j - 2] + 1) }
        current[j] = d
        best = min(best, d)
      }
      if best > limit { return limit + 1 }
      (before, previous, current) = (previous, current, before)
    }
    return previous[y.count]
  }
}
