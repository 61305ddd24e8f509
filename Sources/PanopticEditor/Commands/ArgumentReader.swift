import PanopticModel

/// The words after a command's name, read one typed value at a time so
/// every command's parser says what is wrong in the same words.
public struct ArgumentReader: Sendable {
  /// The command's name, for messages.
  public let head: String
  public private(set) var words: [String]

  /// Larger numbers are refused, so no coordinate, count or size arithmetic
  /// can overflow (a fuzzer found `instance 0333333333333333333333`).
  public static let maxNumber = 10_000_000

  public init(head: String, words: [String]) {
    self.head = head
    self.words = words
  }

  public var isEmpty: Bool { words.isEmpty }
  public var count: Int { words.count }

  public func fail(_ why: String) -> PanopticError { .usage("\(head): \(why)") }

  public mutating func word() -> String? { words.isEmpty ? nil : words.removeFirst() }

  /// Everything left, joined by spaces (class names with spaces).
  public mutating func rest() -> String {
    defer { words = [] }
    return words.joined(separator: " ")
  }

  public func noMore() throws(PanopticError) {
    if !words.isEmpty { throw fail("unexpected \"\(words[0])\"") }
  }

  public func number(_ s: String) throws(PanopticError) -> Int {
    guard let i = Int(s) else { throw fail("\"\(s)\" is not a whole number") }
    guard i.magnitude <= Self.maxNumber.magnitude else { throw fail("\(s) is out of range") }
    return i
  }

  /// Exactly `n` whole numbers and nothing else.
  public mutating func ints(_ n: Int) throws(PanopticError) -> [Int] {
    guard words.count == n else { throw .usage("\(head) takes \(n) number\(n == 1 ? "" : "s"), got \(words.count)") }
    var v: [Int] = []
    for w in words { v.append(try number(w)) }
    words = []
    return v
  }

  /// Any number of X Y pairs, at least `min`.
  public mutating func points(min: Int) throws(PanopticError) -> [Point] {
    var v: [Int] = []
    for w in words { v.append(try number(w)) }
    words = []
    guard v.count % 2 == 0 else { throw .usage("\(head) takes X Y pairs, got an odd count") }
    guard v.count / 2 >= min else { throw .usage("\(head) needs at least \(min) point\(min == 1 ? "" : "s")") }
    return stride(from: 0, to: v.count, by: 2).map { Point(v[$0], v[$0 + 1]) }
  }

  /// A value that is absolute (`5`) or relative (`+1`, `-2`).
  public mutating func relative() throws(PanopticError) -> (value: Int, relative: Bool) {
    guard let s = word() else { throw fail("needs a value") }
    return (try number(s), s.hasPrefix("+") || s.hasPrefix("-"))
  }

  /// A segment: an instance id or `@class`.
  public mutating func segment() throws(PanopticError) -> SegmentRef {
    guard let s = word() else { throw fail("needs a segment: ID or @CLASS") }
    if s.hasPrefix("@") {
      guard s.count > 1 else { throw fail("@ needs a class name") }
      return .classRegion(String(s.dropFirst().map { $0 == "_" ? " " : $0 }))
    }
    guard let i = Int(s), i >= 1 else { throw fail("\"\(s)\" is neither an instance id (1, 2, …) nor @class") }
    guard i <= PanopticLabel.maxInstance else { throw fail("instance ids go up to \(PanopticLabel.maxInstance)") }
    return .instance(i)
  }

  /// `on`/`off` (and synonyms), or nil when absent (a toggle).
  public mutating func onOff() throws(PanopticError) -> Bool? {
    guard let s = word() else { return nil }
    switch s {
    case "on", "1", "true", "yes": return true
    case "off", "0", "false", "no": return false
    default: throw fail("expected on or off, got \"\(s)\"")
    }
  }

  /// One of `choices` (by raw value), or nil when absent.
  public mutating func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(PanopticError) -> T?
  where T.RawValue == String {
    guard let s = word() else { return nil }
    guard let v = T(rawValue: s) else {
      throw fail("takes \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(s)\"")
    }
    return v
  }
}
