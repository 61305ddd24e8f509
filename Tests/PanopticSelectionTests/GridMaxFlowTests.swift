import PanopticModel
import Testing

@testable import PanopticSelection

/// A tiny deterministic generator so tests need no Foundation and repeat exactly.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A random small grid energy, kept as plain arrays so a brute force can score any labelling.
struct GridEnergy {
  let width: Int, height: Int, neighbours: Int
  var source: [Int32], sink: [Int32]
  var arcs: [Int32]  // [pixel * neighbours + d], 0 where the neighbour is off-grid

  init(width: Int, height: Int, neighbours: Int, rng: inout SplitMix) {
    self.width = width
    self.height = height
    self.neighbours = neighbours
    let n = width * height
    source = (0..<n).map { _ in Int32.random(in: 0...20, using: &rng) }
    sink = (0..<n).map { _ in Int32.random(in: 0...20, using: &rng) }
    arcs = [Int32](repeating: 0, count: n * neighbours)
    for p in 0..<n {
      for d in 0..<neighbours {
        let (dx, dy) = GridMaxFlow.directions[d]
        let x = p % width + dx, y = p / width + dy
        if x >= 0, y >= 0, x < width, y < height { arcs[p * neighbours + d] = Int32.random(in: 0...12, using: &rng) }
      }
    }
  }

  func energy(_ selected: [Bool]) -> Int {
    var e = 0
    for p in selected.indices {
      e += Int(selected[p] ? sink[p] : source[p])
      guard selected[p] else { continue }
      for d in 0..<neighbours where arcs[p * neighbours + d] > 0 {
        let (dx, dy) = GridMaxFlow.directions[d]
        if !selected[(p / width + dy) * width + p % width + dx] { e += Int(arcs[p * neighbours + d]) }
      }
    }
    return e
  }

  func bruteForceMinimum() -> Int {
    let n = width * height
    var best = Int.max
    for code in 0..<(1 << n) {
      best = min(best, energy((0..<n).map { code >> $0 & 1 == 1 }))
    }
    return best
  }

  func makeGraph() -> GridMaxFlow {
    let g = GridMaxFlow(width: width, height: height, neighbours: neighbours)
    for p in 0..<width * height {
      for d in 0..<neighbours {
        g.setArc(x: p % width, y: p / width, direction: d, capacity: arcs[p * neighbours + d])
      }
      g.setTerminals(node: g.node(p % width, p / width), source: source[p], sink: sink[p])
    }
    return g
  }

  func labels(_ g: GridMaxFlow) -> [Bool] {
    (0..<width * height).map { g.isSource(g.node($0 % width, $0 / width)) }
  }
}

@Suite struct GridMaxFlowTests {
  @Test(arguments: [4, 8])
  func minimumCutMatchesBruteForce(neighbours: Int) {
    var rng = SplitMix(state: 7)
    for _ in 0..<150 {
      let e = GridEnergy(width: 4, height: 3, neighbours: neighbours, rng: &rng)
      let g = e.makeGraph()
      g.solve()
      #expect(e.energy(e.labels(g)) == e.bruteForceMinimum())
    }
  }

  @Test(arguments: [4, 8])
  func reusedTreesGiveTheFreshLabels(neighbours: Int) {
    var rng = SplitMix(state: 11)
    for _ in 0..<60 {
      var e = GridEnergy(width: 9, height: 7, neighbours: neighbours, rng: &rng)
      let reused = e.makeGraph()
      reused.solve()
      for _ in 0..<4 {
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
          let p = Int.random(in: 0..<(e.width * e.height), using: &rng)
          e.source[p] = Int32.random(in: 0...30, using: &rng)
          e.sink[p] = Int32.random(in: 0...30, using: &rng)
          reused.setTerminals(node: reused.node(p % e.width, p / e.width), source: e.source[p], sink: e.sink[p])
        }
        reused.solve()
        let fresh = e.makeGraph()
        fresh.solve()
        #expect(e.energy(e.labels(reused)) == e.energy(e.labels(fresh)))
        #expect(e.labels(reused) == e.labels(fresh))
      }
    }
  }
}
