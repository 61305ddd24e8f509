/// How a COCO save chooses segment ids.
///
/// COCO ids are opaque 24-bit numbers (`R + 256 G + 65536 B` in the PNG), so
/// the only rules are: unique within the image, never 0 (void), at most
/// 16,777,215. What panoptty adds is stability, because reviewers diff the
/// JSON: a segment that was in the file keeps the id it had (`keeping`, the
/// label → id table the decoder returned as `DecodedLabels.fileIDs`), and only
/// segments that are new get an id.
///
/// New ids are `instance × 1000 + class index + 1` (the reference
/// converter's `value + 1`; × 10,000 for catalogs of 1,000 classes or more)
/// when every new segment's id fits 24 bits and no kept id has it, so
/// `convert` from the offset format is deterministic, the ids read like the
/// offset values, and converting again into the same entry gives each label
/// the id it had (a scheme id names one class and instance). Otherwise (over
/// 16,776 instances, or a clash) the new segments are numbered compactly,
/// 1, 2, 3 … in label order, skipping every id kept or listed in
/// `avoiding` — still deterministic, and with no limit but 24 bits.
public enum COCOSegmentIDs {
  /// The largest id a COCO PNG can hold.
  public static let maxID = 0xFF_FFFF

  /// The id of every non-void label among `segments`.
  ///
  /// `keeping` ids outside 1…16,777,215 or claimed twice are ignored (the
  /// segment is then new); `avoiding` lists ids no compactly numbered
  /// segment may take (every id the image's old entry used, so a removed
  /// segment's id is not recycled for a different one).
  public static func assign(
    _ segments: [Segment], catalog: ClassCatalog, keeping: [UInt32: Int] = [:], avoiding: Set<Int> = []
  ) throws(PanopticError) -> [UInt32: Int] {
    var ids: [UInt32: Int] = [:]
    var kept: Set<Int> = [0]
    var fresh: [Segment] = []
    // A thing relabelled to another thing class keeps its instance number (instance ids are
    // global), so it is the same segment: it keeps its id, and with it its place in
    // segments_info, which is what numbers the instances when the file is read again.
    let present = Set(segments.map(\.label.raw))
    var goneByInstance: [UInt32: Int] = [:]
    for (raw, id) in keeping where !present.contains(raw) && PanopticLabel.instancePart(raw) > 0 && !PanopticLabel.isVoid(raw) {
      goneByInstance[PanopticLabel.instancePart(raw)] = id
    }
    for s in segments where !s.label.isVoid {
      if let id = keeping[s.label.raw], (1...maxID).contains(id), kept.insert(id).inserted {
        ids[s.label.raw] = id
      } else {
        fresh.append(s)
      }
    }
    fresh = fresh.filter { s in
      guard s.label.instance > 0, let id = goneByInstance[UInt32(s.label.instance)], (1...maxID).contains(id),
        kept.insert(id).inserted
      else { return true }
      ids[s.label.raw] = id
      return false
    }
    let stride = catalog.count < 1000 ? 1000 : 10_000
    let scheme = fresh.map { Int($0.label.instance) * stride + Int($0.label.classIndex) + 1 }
    if scheme.allSatisfy({ $0 <= maxID && !kept.contains($0) }) {
      for (s, id) in zip(fresh, scheme) { ids[s.label.raw] = id }
      return ids
    }
    var used = kept.union(avoiding)
    var next = 1
    for s in fresh {
      while used.contains(next) { next += 1 }
      guard next <= maxID else { throw .cannotEncode("\(segments.count) segments do not fit COCO's 24-bit ids") }
      ids[s.label.raw] = next
      used.insert(next)
    }
    return ids
  }
}

extension COCOPanoptic {
  /// Encodes a map with fresh ids (see `COCOSegmentIDs`): the id of every
  /// pixel and the `segments_info`, sorted by id.
  public static func encode(_ map: LabelMap, catalog: ClassCatalog) throws(PanopticError) -> (
    ids: [UInt32], segments: [COCOSegmentInfo]
  ) {
    let (code, segments) = try table(map, catalog: catalog)
    return (map.pixels.map { code[$0] ?? 0 }, segments)
  }

  /// The segment id of every label in `map` (void → 0), and the
  /// `segments_info` sorted by id. `keeping` and `avoiding` as in
  /// `COCOSegmentIDs.assign`.
  public static func table(
    _ map: LabelMap, catalog: ClassCatalog, keeping: [UInt32: Int] = [:], avoiding: Set<Int> = []
  ) throws(PanopticError) -> (code: [UInt32: UInt32], segments: [COCOSegmentInfo]) {
    let all = map.segments()
    let ids = try COCOSegmentIDs.assign(all, catalog: catalog, keeping: keeping, avoiding: avoiding)
    var code: [UInt32: UInt32] = [PanopticLabel.voidClass: 0]
    var segments: [COCOSegmentInfo] = []
    segments.reserveCapacity(ids.count)
    for s in all where !s.label.isVoid {
      guard let id = ids[s.label.raw] else { continue }
      let info = catalog[s.label.classIndex]
      code[s.label.raw] = UInt32(id)
      segments.append(
        COCOSegmentInfo(
          id: id, categoryID: info.id, isCrowd: info.isThing && s.label.instance == 0, bbox: s.bbox, area: s.area))
    }
    segments.sort { $0.id < $1.id }
    return (code, segments)
  }
}
