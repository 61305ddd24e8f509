/// The three BK stages: growth of the two search trees, augmentation along the path where they
/// meet, and adoption of the orphans that saturated arcs leave behind.
extension GridMaxFlow {
  /// Runs max-flow to completion. The first call seeds the trees from all terminal arcs; later
  /// calls continue from the previous flow and trees, touching only what changed since.
  func solve() {
    if !hasSolved {
      seedTrees()
      hasSolved = true
    }
    // Stamps equal to `time` mean "origin verified in this adoption round"; start a fresh round
    // so nodes touched by terminal updates since the last solve are checked again.
    time &+= 1
    adoptOrphans()
    var current = -1
    while true {
      var p = current
      if p < 0 || tree[p] == GridMaxFlow.free {
        p = -1
        while let n = active.pop() {
          queued[n] = false
          if tree[n] != GridMaxFlow.free {
            p = n
            break
          }
        }
        if p < 0 { break }
      }
      let meeting = grow(from: p)
      time &+= 1
      if meeting.from >= 0 {
        current = p
        augment(from: meeting.from, direction: meeting.direction)
        adoptOrphans()
      } else {
        current = -1
      }
    }
  }

  /// Every node with terminal residual becomes a root of its tree and active.
  private func seedTrees() {
    for n in 0..<nodeCount {
      let r = terminal[n]
      guard r != 0 else { continue }
      tree[n] = r > 0 ? GridMaxFlow.sourceTree : GridMaxFlow.sinkTree
      parent[n] = GridMaxFlow.terminalParent
      stamp[n] = 0
      depth[n] = 1
      activate(n)
    }
  }

  /// Grows p's tree by one layer. Returns the arc (from a source-tree node, in a direction) that
  /// reaches the other tree, or from = -1 when p has no more free or foreign neighbours.
  @inline(__always)
  private func grow(from p: Int) -> (from: Int, direction: Int) {
    let k = neighbours
    if tree[p] == GridMaxFlow.sourceTree {
      for d in 0..<k where residual[p * k + d] > 0 {
        let q = p + offsets[d]
        let tq = tree[q]
        if tq == GridMaxFlow.free {
          tree[q] = GridMaxFlow.sourceTree
          parent[q] = Int8(d ^ 1)
          stamp[q] = stamp[p]
          depth[q] = depth[p] + 1
          activate(q)
        } else if tq == GridMaxFlow.sinkTree {
          return (p, d)
        } else if stamp[q] <= stamp[p] && depth[q] > depth[p] {
          parent[q] = Int8(d ^ 1)
          stamp[q] = stamp[p]
          depth[q] = depth[p] + 1
        }
      }
    } else {
      for d in 0..<k {
        let q = p + offsets[d]
        guard residual[q * k + (d ^ 1)] > 0 else { continue }
        let tq = tree[q]
        if tq == GridMaxFlow.free {
          tree[q] = GridMaxFlow.sinkTree
          parent[q] = Int8(d ^ 1)
          stamp[q] = stamp[p]
          depth[q] = depth[p] + 1
          activate(q)
        } else if tq == GridMaxFlow.sourceTree {
          return (q, d ^ 1)
        } else if stamp[q] <= stamp[p] && depth[q] > depth[p] {
          parent[q] = Int8(d ^ 1)
          stamp[q] = stamp[p]
          depth[q] = depth[p] + 1
        }
      }
    }
    return (-1, 0)
  }

  /// Pushes the bottleneck along source root → a → b → sink root; saturated tree arcs and
  /// emptied terminal arcs turn their child ends into orphans.
  private func augment(from a: Int, direction d: Int) {
    let k = neighbours
    let b = a + offsets[d]
    var bottleneck = residual[a * k + d]
    var i = a
    while parent[i] != GridMaxFlow.terminalParent {
      let pd = Int(parent[i])
      let j = i + offsets[pd]
      bottleneck = min(bottleneck, residual[j * k + (pd ^ 1)])
      i = j
    }
    bottleneck = min(bottleneck, terminal[i])
    i = b
    while parent[i] != GridMaxFlow.terminalParent {
      let pd = Int(parent[i])
      bottleneck = min(bottleneck, residual[i * k + pd])
      i += offsets[pd]
    }
    bottleneck = min(bottleneck, -terminal[i])

    residual[a * k + d] -= bottleneck
    residual[b * k + (d ^ 1)] += bottleneck
    i = a
    while parent[i] != GridMaxFlow.terminalParent {
      let pd = Int(parent[i])
      let j = i + offsets[pd]
      residual[j * k + (pd ^ 1)] -= bottleneck
      residual[i * k + pd] += bottleneck
      if residual[j * k + (pd ^ 1)] == 0 { makeOrphan(i) }
      i = j
    }
    terminal[i] -= bottleneck
    if terminal[i] == 0 { makeOrphan(i) }
    i = b
    while parent[i] != GridMaxFlow.terminalParent {
      let pd = Int(parent[i])
      let j = i + offsets[pd]
      residual[i * k + pd] -= bottleneck
      residual[j * k + (pd ^ 1)] += bottleneck
      if residual[i * k + pd] == 0 { makeOrphan(i) }
      i = j
    }
    terminal[i] += bottleneck
    if terminal[i] == 0 { makeOrphan(i) }
  }

  /// Finds each orphan a new parent in its own tree whose path to the terminal is intact, or
  /// frees it (its children become orphans, its tree neighbours active so they can regrow).
  func adoptOrphans() {
    while let p = orphans.pop() {
      let t = tree[p]
      guard t != GridMaxFlow.free, parent[p] == GridMaxFlow.noParent else { continue }
      adopt(p, inTree: t)
    }
  }

  private func adopt(_ p: Int, inTree t: UInt8) {
    let k = neighbours
    let isSource = t == GridMaxFlow.sourceTree
    var bestDirection = -1
    var bestDepth = Int32.max
    for d in 0..<k {
      let q = p + offsets[d]
      guard tree[q] == t else { continue }
      // The arc must carry flow towards p in the source tree, away from p in the sink tree.
      let cap = isSource ? residual[q * k + (d ^ 1)] : residual[p * k + d]
      guard cap > 0 else { continue }
      // Walk to the root to check q's origin; stamps of the current time mark verified nodes.
      var j = q
      var steps: Int32 = 0
      var valid = false
      while true {
        if stamp[j] == time {
          steps += depth[j]
          valid = true
          break
        }
        let pj = parent[j]
        steps += 1
        if pj == GridMaxFlow.terminalParent {
          stamp[j] = time
          depth[j] = 1
          valid = true
          break
        }
        if pj == GridMaxFlow.noParent { break }
        j += offsets[Int(pj)]
      }
      guard valid else { continue }
      if steps < bestDepth {
        bestDepth = steps
        bestDirection = d
      }
      j = q
      while stamp[j] != time {
        stamp[j] = time
        depth[j] = steps
        steps -= 1
        j += offsets[Int(parent[j])]
      }
    }
    if bestDirection >= 0 {
      parent[p] = Int8(bestDirection)
      stamp[p] = time
      depth[p] = bestDepth + 1
      return
    }
    tree[p] = GridMaxFlow.free
    for d in 0..<k {
      let q = p + offsets[d]
      guard tree[q] == t else { continue }
      let cap = isSource ? residual[q * k + (d ^ 1)] : residual[p * k + d]
      if cap > 0 { activate(q) }
      if parent[q] == Int8(d ^ 1) { makeOrphan(q) }
    }
  }
}
