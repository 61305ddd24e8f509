/// One thing wrong with a label file, with how many pixels or segments show it.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// How many problems a file has (a lower bound past a million).
public struct ProblemCount: Sendable, Hashable, CustomStringConvertible {
  public var value: Int
  public var isLowerBound: Bool

  public init(value: Int, isLowerBound: Bool = false) {
    self.value = value
    self.isLowerBound = isLowerBound
  }

  public var description: String {
    (isLowerBound ? "more than " : "") + "\(value) problem\(value == 1 && !isLowerBound ? "" : "s")"
  }
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
  /// Hashes of the problems past the limit, so they are counted once each
  /// without keeping their text; capped so counting stays cheap too.
  private var unlistedHashes = Set<Int>()
  private var unlistedOverflow = false
  static let countLimit = 1_000_000

  mutating func add(_ key: String, x: Int = -1, y: Int = -1, count: Int = 1) {
    if counts[key] == nil {
      guard order.count < Self.limit else {
        if unlistedHashes.count < Self.countLimit {
          unlistedHashes.insert(key.hashValue)
        } else if !unlistedHashes.contains(key.hashValue) {
          unlistedOverflow = true
        }
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
    guard !unlistedHashes.isEmpty else { return listed }
    return listed + [Problem("… and \(unlistedOverflow ? "more than " : "")\(unlistedHashes.count) more problems of these kinds, not listed")]
  }

  /// How many distinct problems there are, listed or not.
  var total: ProblemCount {
    ProblemCount(value: order.count + unlistedHashes.count, isLowerBound: unlistedOverflow)
  }
}
