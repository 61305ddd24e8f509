/// Minimum s-t cut on an image grid by the Boykov–Kolmogorov max-flow algorithm (TPAMI 2004),
/// written from the paper, with search-tree reuse between solves (Kohli & Torr, ICCV 2005).
///
/// Why a grid-specialised solver: neighbours are implicit (fixed offsets in a grid padded by one
/// dead pixel on each side), so a node costs 16 bytes plus 4 bytes per arc and the inner loops have
/// no bounds branches. Capacities are `Int32`, so every run is exact and platform independent.
///
/// The source side is "selected". The solver reports the source side as the set of nodes in the
/// source search tree at termination, which is exactly the set reachable from the source in the
/// residual graph: that set is the same for every maximum flow, so re-solving from a previous
/// flow (tree reuse) gives bit-identical labels to a fresh solve of the same capacities.
final class GridMaxFlow {
  /// Tree membership of a node.
  static let free: UInt8 = 0
  static let sourceTree: UInt8 = 1
  static let sinkTree: UInt8 = 2
  /// `parent` values besides a direction index.
  static let noParent: Int8 = -1
  static let terminalParent: Int8 = 100

  let width: Int
  let height: Int
  /// Row stride of the padded grid (`width + 2`).
  let stride: Int
  /// 4 or 8 neighbours per node.
  let neighbours: Int
  let nodeCount: Int
  /// Index offset of the neighbour in direction d; direction `d ^ 1` is the opposite of `d`.
  let offsets: [Int]

  /// Residual capacity of the arc leaving node n in direction d, at `n * neighbours + d`.
  let residual: UnsafeMutablePointer<Int32>
  /// Net terminal residual: > 0 means capacity left from the source, < 0 capacity left to the sink.
  let terminal: UnsafeMutablePointer<Int32>
  let tree: UnsafeMutablePointer<UInt8>
  /// Direction from a node to its tree parent, `terminalParent` for roots, `noParent` otherwise.
  let parent: UnsafeMutablePointer<Int8>
  /// BK's timestamp and distance-to-terminal heuristics, used to pick short new parents.
  let stamp: UnsafeMutablePointer<Int32>
  let depth: UnsafeMutablePointer<Int32>
  let queued: UnsafeMutablePointer<Bool>
  /// The terminal capacities last given per node, so an update can be applied as a difference.
  let sourceCapacity: UnsafeMutablePointer<Int32>
  let sinkCapacity: UnsafeMutablePointer<Int32>

  var active: NodeQueue
  var orphans: NodeQueue
  var time: Int32 = 0
  /// False until the first `solve`; afterwards terminal updates reuse the trees.
  var hasSolved = false

  /// Direction vectors (dx, dy); pairs are opposite so `d ^ 1` reverses a direction.
  static let directions: [(Int, Int)] = [
    (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1),
  ]

  init(width: Int, height: Int, neighbours: Int) {
    precondition(neighbours == 4 || neighbours == 8, "4 or 8 neighbours")
    self.width = width
    self.height = height
    self.neighbours = neighbours
    stride = width + 2
    nodeCount = (width + 2) * (height + 2)
    let s = stride
    offsets = GridMaxFlow.directions.prefix(neighbours).map { $0.0 + $0.1 * s }
    residual = .allocate(capacity: nodeCount * neighbours)
    residual.initialize(repeating: 0, count: nodeCount * neighbours)
    terminal = .allocate(capacity: nodeCount)
    terminal.initialize(repeating: 0, count: nodeCount)
    tree = .allocate(capacity: nodeCount)
    tree.initialize(repeating: GridMaxFlow.free, count: nodeCount)
    parent = .allocate(capacity: nodeCount)
    parent.initialize(repeating: GridMaxFlow.noParent, count: nodeCount)
    stamp = .allocate(capacity: nodeCount)
    stamp.initialize(repeating: 0, count: nodeCount)
    depth = .allocate(capacity: nodeCount)
    depth.initialize(repeating: 0, count: nodeCount)
    queued = .allocate(capacity: nodeCount)
    queued.initialize(repeating: false, count: nodeCount)
    sourceCapacity = .allocate(capacity: nodeCount)
    sourceCapacity.initialize(repeating: 0, count: nodeCount)
    sinkCapacity = .allocate(capacity: nodeCount)
    sinkCapacity.initialize(repeating: 0, count: nodeCount)
    active = NodeQueue(capacity: nodeCount)
    orphans = NodeQueue(capacity: nodeCount)
  }

  deinit {
    residual.deallocate()
    terminal.deallocate()
    tree.deallocate()
    parent.deallocate()
    stamp.deallocate()
    depth.deallocate()
    queued.deallocate()
    sourceCapacity.deallocate()
    sinkCapacity.deallocate()
  }

  /// Forgets all capacities, flow and trees, so one allocation serves many small graphs.
  func reset() {
    residual.update(repeating: 0, count: nodeCount * neighbours)
    terminal.update(repeating: 0, count: nodeCount)
    tree.update(repeating: GridMaxFlow.free, count: nodeCount)
    parent.update(repeating: GridMaxFlow.noParent, count: nodeCount)
    stamp.update(repeating: 0, count: nodeCount)
    depth.update(repeating: 0, count: nodeCount)
    queued.update(repeating: false, count: nodeCount)
    sourceCapacity.update(repeating: 0, count: nodeCount)
    sinkCapacity.update(repeating: 0, count: nodeCount)
    active.removeAll()
    orphans.removeAll()
    time = 0
    hasSolved = false
  }

  /// Node index of interior pixel (x, y).
  @inline(__always) func node(_ x: Int, _ y: Int) -> Int { (y + 1) * stride + x + 1 }

  /// Sets the capacity of the arc from (x, y) towards direction d (before the first solve).
  /// Arcs leaving the grid are ignored, so callers need not special-case the border.
  func setArc(x: Int, y: Int, direction d: Int, capacity: Int32) {
    let (dx, dy) = GridMaxFlow.directions[d]
    let nx = x + dx, ny = y + dy
    guard nx >= 0, ny >= 0, nx < width, ny < height else { return }
    residual[node(x, y) * neighbours + d] = max(0, capacity)
  }

  /// Sets the terminal capacities of node n: the cost of putting n on the sink side (`source`)
  /// and on the source side (`sink`). After a solve, the change is applied to the residual graph
  /// and the node's tree membership repaired, so the next `solve` only does the new work.
  func setTerminals(node n: Int, source: Int32, sink: Int32) {
    let delta = (source - sourceCapacity[n]) - (sink - sinkCapacity[n])
    sourceCapacity[n] = source
    sinkCapacity[n] = sink
    // Adding the same constant to both terminal arcs does not move the cut, so only the net
    // change matters; BK keeps exactly this net residual per node.
    guard delta != 0 else { return }
    terminal[n] += delta
    if hasSolved { repairAfterTerminalChange(n) }
  }

  /// Whether node n ended on the source (selected) side.
  @inline(__always) func isSource(_ n: Int) -> Bool { tree[n] == GridMaxFlow.sourceTree }

  @inline(__always) func activate(_ n: Int) {
    if !queued[n] {
      queued[n] = true
      active.push(n)
    }
  }

  @inline(__always) func makeOrphan(_ n: Int) {
    parent[n] = GridMaxFlow.noParent
    orphans.push(n)
  }

  /// Keeps the BK invariants after node n's terminal residual changed between solves: a node with
  /// source residual becomes a source root, one with sink residual a sink root, and a root that
  /// lost its terminal residual becomes an orphan. Children in the tree it left become orphans.
  private func repairAfterTerminalChange(_ n: Int) {
    let r = terminal[n]
    let wanted: UInt8 = r > 0 ? GridMaxFlow.sourceTree : (r < 0 ? GridMaxFlow.sinkTree : GridMaxFlow.free)
    if wanted == GridMaxFlow.free {
      if parent[n] == GridMaxFlow.terminalParent { makeOrphan(n) }
      return
    }
    let old = tree[n]
    for d in 0..<neighbours {
      let q = n + offsets[d]
      guard tree[q] != GridMaxFlow.free else { continue }
      if old != wanted && tree[q] == old && parent[q] == Int8(d ^ 1) { makeOrphan(q) }
      // A passive neighbour assumed n was in its own tree (or unreachable); it must look again,
      // or a path through n could be missed once n is freed later.
      activate(q)
    }
    tree[n] = wanted
    parent[n] = GridMaxFlow.terminalParent
    stamp[n] = time
    depth[n] = 1
    activate(n)
  }
}
