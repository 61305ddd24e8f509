/// A fixed-capacity FIFO of node indices, used by the max-flow solver for its active nodes and its
/// orphans. A node is in each queue at most once at a time, so the graph size bounds the capacity
/// and the ring never grows: no allocation on the hot path.
struct NodeQueue: ~Copyable {
  private let storage: UnsafeMutablePointer<Int32>
  private let capacity: Int
  private var head = 0
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    storage = .allocate(capacity: self.capacity)
  }

  deinit { storage.deallocate() }

  var isEmpty: Bool { count == 0 }

  mutating func push(_ node: Int) {
    precondition(count < capacity, "node queue overflow")
    var tail = head + count
    if tail >= capacity { tail -= capacity }
    storage[tail] = Int32(truncatingIfNeeded: node)
    count += 1
  }

  mutating func pop() -> Int? {
    if count == 0 { return nil }
    let node = Int(storage[head])
    head += 1
    if head == capacity { head = 0 }
    count -= 1
    return node
  }

  mutating func removeAll() {
    head = 0
    count = 0
  }
}
