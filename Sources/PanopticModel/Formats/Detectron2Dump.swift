/// One entry of detectron2's `segments_info` (the list its panoptic models
/// return beside the `panoptic_seg` id map).
public struct Detectron2Segment: Sendable, Hashable {
  public var id: Int
  /// detectron2's contiguous class id: the catalog index.
  public var categoryID: Int
  /// `isthing` when the entry has it; checked against the catalog.
  public var isThing: Bool?

  public init(id: Int, categoryID: Int, isThing: Bool?) {
    self.id = id
    self.categoryID = categoryID
    self.isThing = isThing
  }
}

/// detectron2 `panoptic_seg` dumps: an int32 map of segment ids (0 or -1 =
/// void) and `segments_info`. Ids are opaque; `category_id` is the
/// contiguous training id, which for COCO and Cityscapes is panoptty's
/// catalog index (things first, in category-id order). Thing segments get
/// global instance ids 1, 2, 3 … in `segments_info` order; predictions have
/// no crowd. Read only: detectron2 never reads these files back.
public enum Detectron2Dump {
  /// Decodes ids (as `UInt32` bit patterns of the int32 values).
  public static func decode(
    _ pv: consuming PixelValues, segments: [Detectron2Segment], catalog: ClassCatalog
  ) -> DecodedLabels {
    var tally = ProblemTally()
    var mapping: [UInt32: UInt32] = [0: PanopticLabel.voidClass, UInt32.max: PanopticLabel.voidClass]
    var stuffSeen: Set<Int> = []
    var next: UInt32 = 1
    for s in segments {
      guard s.id > 0, s.id <= Int(Int32.max) else {
        tally.add("segments_info id \(s.id) is not a positive int32 (0 and -1 are void)")
        continue
      }
      guard mapping[UInt32(s.id)] == nil || s.id == 0 else {
        tally.add("segments_info lists id \(s.id) twice")
        continue
      }
      guard s.categoryID >= 0, s.categoryID < catalog.count else {
        tally.add(
          "segment \(s.id): category_id \(s.categoryID) is not a class index of the \(catalog.name) catalog (\(catalog.count) classes); pass --classes FILE with the model's classes in training order")
        continue
      }
      let info = catalog[s.categoryID]
      if let t = s.isThing, t != info.isThing {
        tally.add(
          "segment \(s.id): isthing is \(t) but class \(s.categoryID) (\"\(info.name)\") is \(info.isThing ? "a thing" : "stuff") in \(catalog.name) (PanopticFPN numbers stuff apart from things; use a model with one class numbering or --classes FILE)")
      }
      if info.isThing {
        mapping[UInt32(s.id)] = PanopticLabel.pack(classIndex: UInt32(s.categoryID), instance: next)
        next += 1
      } else {
        if !stuffSeen.insert(s.categoryID).inserted {
          tally.add("segment \(s.id): a second \"\(info.name)\" segment; stuff of one class merges into one")
        }
        mapping[UInt32(s.id)] = UInt32(s.categoryID)
      }
    }
    for v in pv.distinctValues() where mapping[v] == nil {
      tally.add("id \(Int32(bitPattern: v)) in the map is not in segments_info")
    }
    return .remapping(pv, mapping, catalog: catalog, format: .detectron2, problems: tally.problems, problemCount: tally.total)
  }
}
