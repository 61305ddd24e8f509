/// One class of the dataset, as `pq_compute` sees it.
///
/// `pq_compute` tests `isthing == 1`, so any other value (0, 2, missing in a
/// hand-written JSON that the IO layer defaults) makes a class *stuff*;
/// `init(id:name:isthing:)` keeps that rule in one place so callers cannot
/// drift from it.
public struct EvalCategory: Sendable, Hashable {
  public var id: Int
  public var name: String
  public var isThing: Bool

  public init(id: Int, name: String, isThing: Bool) {
    self.id = id
    self.name = name
    self.isThing = isThing
  }

  /// Takes the JSON's raw `isthing` value and applies `pq_compute`'s `== 1`.
  public init(id: Int, name: String, isthing: Int) {
    self.init(id: id, name: name, isThing: isthing == 1)
  }
}

/// The ground truth's `categories`, in the order `pq_compute` averages them.
///
/// `pq_compute` builds `{el['id']: el for el in gt_json['categories']}`: a
/// duplicated id keeps the position of its first entry and the values of its
/// last one. The order matters because the class averages are sums of
/// doubles; keeping Python's order makes them bit-identical.
public struct CategoryTable: Sendable, Equatable {
  /// Deduplicated like a Python dict, in the JSON's order.
  public let categories: [EvalCategory]
  private let positionById: [Int: Int]

  public init(_ list: [EvalCategory]) {
    var ordered: [EvalCategory] = []
    var positions: [Int: Int] = [:]
    for category in list {
      if let position = positions[category.id] {
        ordered[position] = category
      } else {
        positions[category.id] = ordered.count
        ordered.append(category)
      }
    }
    categories = ordered
    positionById = positions
  }

  public func contains(_ id: Int) -> Bool { positionById[id] != nil }

  public subscript(id: Int) -> EvalCategory? {
    positionById[id].map { categories[$0] }
  }
}
