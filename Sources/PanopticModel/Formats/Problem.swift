/// One thing wrong with a label file, with how many pixels or segments show it.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Collects problems by kind so a million bad pixels make one line, not a
/// million. At most `limit` different problems are kept: a hostile file with
/// millions of distinct bad values must not cost gigabytes of messages (the
/// PNG fuzzer found exactly that).
struct ProblemTally {
  static let limit = 50
  private var order: [String] = []
  private var counts: [String: Int] = [:]
  private var examples: [String: (Int, Int)] = [:]
  private var unlisted = 0

  mutating func add(_ key: String, x: Int = -1, y: Int = -1, count: Int = 1) {
    if counts[key] == nil {
      guard order.count < Self.limit else {
        unlisted += 1
        return
      }
      order.append(key)
      examples[key] = (x, y)
    }
    counts[key, default: 0] += count
  }

  var problems: [Problem] {
    let listed = order.map { key in
      let n = counts[key] ?? 0
      let (x, y) = examples[key] ?? (-1, -1)
      var s = key
      if x >= 0 { s += " (\(n) pixel\(n == 1 ? "" : "s"), first at x=\(x) y=\(y))" }
      return Problem(s)
    }
    return unlisted == 0 ? listed : listed + [Problem("… and \(unlisted) more problems of these kinds, not listed")]
  }
}
