/// Maps the segment ids of one side of an image to dense indices, so the
/// pixel pass counts into a flat table instead of hashing every pixel.
///
/// Layout: `0..<listedCount` are the `segments_info` entries in their
/// (deduplicated) order; `voidIndex` counts id 0 when the JSON does not list
/// it (when it does, id 0 is an ordinary listed segment, as in `pq_compute`);
/// `unlistedIndex` pools every other id the JSON does not list. Pooling is
/// enough for evaluation — `pq_compute` skips unlisted ground-truth ids and
/// fails on unlisted predicted ones — and the distinct ids are kept aside for
/// messages.
///
/// Open addressing with linear probing over one word per slot
/// (`id << 32 | index + 1`, 0 = empty), at most half full, so a lookup is
/// usually one load and one compare. It runs only where an id changes.
struct SegmentIdIndex {
  let listedCount: Int
  private(set) var voidIndex = 0
  let unlistedIndex: Int
  /// Dense slots in use: listed, void, unlisted.
  var slotCount: Int { listedCount + 2 }
  /// Ids found in the map that the JSON does not list, id 0 excluded.
  private(set) var unlistedIds: Set<UInt32> = []

  private var slots: [UInt64]
  private var shift: UInt32 = 0
  private var mask = 0

  /// `listedIds` must be free of duplicates (see `deduplicatedLikePythonDict`).
  init(listedIds: [UInt32]) {
    listedCount = listedIds.count
    unlistedIndex = listedIds.count + 1
    var bits: UInt32 = 4
    while (1 << bits) < 2 * (listedIds.count + 1) { bits += 1 }
    shift = 32 - bits
    mask = (1 << Int(bits)) - 1
    slots = Array(repeating: 0, count: mask + 1)
    for (position, id) in listedIds.enumerated() {
      insert(id, position)
    }
    let listedVoid = find(0)
    voidIndex = listedVoid ?? listedIds.count
    if listedVoid == nil { insert(0, listedIds.count) }
  }

  /// The probing parameters, for the pixel pass's read-only fast path.
  var probe: Probe { Probe(shift: shift, mask: mask, unlistedIndex: unlistedIndex) }

  /// Read-only access to the table through a pointer, so the pixel loop
  /// holds no reference to the index while it also writes the counts.
  func withSlots<R>(_ body: (UnsafePointer<UInt64>) -> R) -> R {
    slots.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  /// Remembers ids the fast path found unlisted.
  mutating func recordUnlisted(_ ids: [UInt32]) {
    for id in ids where find(id) == nil { unlistedIds.insert(id) }
  }

  struct Probe {
    let shift: UInt32
    let mask: Int
    let unlistedIndex: Int

    /// Dense index of `id`, or nil when the JSON does not list it.
    @inline(__always)
    func index(of id: UInt32, in slots: UnsafePointer<UInt64>) -> Int? {
      var slot = Int(truncatingIfNeeded: (id &* 0x9E37_79B1) >> shift)
      while true {
        let entry = slots[slot]
        if entry == 0 { return nil }
        if UInt32(truncatingIfNeeded: entry >> 32) == id {
          return Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
        }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// Dense index of `id`; an id the JSON does not list lands in the pool.
  @inline(__always)
  mutating func lookup(_ id: UInt32) -> Int {
    if let found = find(id) { return found }
    unlistedIds.insert(id)
    return unlistedIndex
  }

  private func find(_ id: UInt32) -> Int? {
    let probe = Probe(shift: shift, mask: mask, unlistedIndex: 0)
    return withSlots { probe.index(of: id, in: $0) }
  }

  private mutating func insert(_ id: UInt32, _ position: Int) {
    var slot = Int(truncatingIfNeeded: (id &* 0x9E37_79B1) >> shift)
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt64(id) << 32 | UInt64(position + 1)
  }
}
