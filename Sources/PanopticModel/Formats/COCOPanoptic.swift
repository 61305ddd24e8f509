/// One entry of a COCO panoptic annotation's `segments_info`.
public struct COCOSegmentInfo: Hashable, Sendable {
  public var id: Int
  public var categoryID: Int
  public var isCrowd: Bool
  public var bbox: BoundingBox?
  public var area: Int?

  public init(id: Int, categoryID: Int, isCrowd: Bool, bbox: BoundingBox? = nil, area: Int? = nil) {
    self.id = id
    self.categoryID = categoryID
    self.isCrowd = isCrowd
    self.bbox = bbox
    self.area = area
  }
}

/// COCO panoptic: an RGB PNG of opaque segment ids (0 = void) plus the
/// annotation's `segments_info`, which gives each id its category. Encoding
/// (how ids are chosen) is in `COCOSegmentIDs.swift`.
public enum COCOPanoptic {
  /// Decodes an id map with its segments. Non-crowd thing segments get global
  /// instance ids 1, 2, 3 … in `segments_info` order; crowd and stuff get 0.
  public static func decode(
    _ pv: consuming PixelValues, segments: [COCOSegmentInfo], catalog: ClassCatalog
  ) -> DecodedLabels {
    var tally = ProblemTally()
    var mapping: [UInt32: UInt32] = [0: PanopticLabel.voidClass]
    var nextInstance = 1
    var seenIDs = Set<Int>()
    var crowdSeen = Set<Int>()
    var stuffSeen = Set<Int>()
    for s in segments {
      if s.id == 0 {
        tally.add("segments_info lists id 0, which is void")
        continue
      }
      if !seenIDs.insert(s.id).inserted {
        tally.add("segments_info lists id \(s.id) twice")
        continue
      }
      guard let c = catalog.index(ofID: s.categoryID) else {
        tally.add(
          "segment \(s.id): category_id \(s.categoryID) is not in the \(catalog.name) catalog (pass --classes coco to match renumbered categories by name, or --classes FILE)"
        )
        continue
      }
      let info = catalog[c]
      if !info.isThing {
        if s.isCrowd {
          tally.add(
            "segment \(s.id): stuff category \"\(info.name)\" is marked iscrowd (if the JSON marks things as stuff, as datumaro exports do, pass --classes coco)"
          )
        }
        if !stuffSeen.insert(c).inserted {
          tally.add(
            "segment \(s.id): a second \"\(info.name)\" segment; stuff of one class merges into one (if the JSON marks things as stuff, as datumaro exports do, pass --classes coco)"
          )
        }
        mapping[UInt32(s.id)] = UInt32(c)
      } else if s.isCrowd {
        if !crowdSeen.insert(c).inserted {
          tally.add("segment \(s.id): a second crowd region of \"\(info.name)\"; they merge into one")
        }
        mapping[UInt32(s.id)] = UInt32(c)
      } else {
        guard nextInstance <= PanopticLabel.maxInstance else {
          tally.add("more than 65535 thing segments")
          continue
        }
        mapping[UInt32(s.id)] = PanopticLabel.pack(classIndex: UInt32(c), instance: UInt32(nextInstance))
        nextInstance += 1
      }
    }
    let width = pv.width
    let height = pv.height
    var pixels = pv.values
    pv.values = []
    // Per-id area and bbox on the ids themselves, before they become labels,
    // so the JSON's declared values can be checked (pq_compute uses GT area).
    var byID: [Int: (area: Int, bbox: BoundingBox)] = [:]
    do {
      let idMap = LabelMap(width: width, height: height, pixels: pixels)
      for seg in idMap.segments() { byID[Int(seg.label.raw)] = (seg.area, seg.bbox) }
    }
    for id in byID.keys where id != 0 && mapping[UInt32(id)] == nil && !seenIDs.contains(id) {
      let first = firstIndex(of: UInt32(id), in: pixels)
      tally.add("PNG id \(id) is not in segments_info", x: first % width, y: first / width, count: byID[id]!.area)
    }
    for s in segments where s.id != 0 && byID[s.id] == nil {
      tally.add("segments_info id \(s.id) does not occur in the PNG")
    }
    DecodedLabels.remap(&pixels, mapping)
    let map = LabelMap(width: width, height: height, pixels: pixels)
    // Id 0 is void and already reported as listed; its area and bbox are no segment's.
    for s in segments where s.id != 0 {
      guard let actual = byID[s.id] else { continue }
      if let a = s.area, a != actual.area {
        tally.add("segment \(s.id): area is \(a) in the JSON but \(actual.area) in the PNG")
      }
      if let b = s.bbox, b != actual.bbox {
        tally.add("segment \(s.id): bbox is \(b.asArray) in the JSON but \(actual.bbox.asArray) in the PNG")
      }
    }
    var fileIDs: [UInt32: Int] = [:]
    for s in segments { if let m = mapping[UInt32(s.id)], fileIDs[m] == nil { fileIDs[m] = s.id } }
    return DecodedLabels(map: map, catalog: catalog, format: .coco, problems: tally.problems, fileIDs: fileIDs)
  }

  static func firstIndex(of v: UInt32, in pixels: [UInt32]) -> Int {
    pixels.firstIndex(of: v) ?? 0
  }

  /// Decodes panopticapi's 2-channel PNG (R = category id, G = instance, 0 =
  /// void). Thing instance 255 is read as the crowd region, as in
  /// panopticapi's samples; instances are numbered globally by (category, G).
  public static func decode2Channel(_ pv: consuming PixelValues, catalog: ClassCatalog) -> DecodedLabels {
    var tally = ProblemTally()
    let distinct = pv.distinctValues()
    var mapping: [UInt32: UInt32] = [:]
    var nextInstance: UInt32 = 1
    for v in distinct.sorted(by: { ($0 & 0xFF, ($0 >> 8) & 0xFF) < ($1 & 0xFF, ($1 >> 8) & 0xFF) }) {
      let cat = Int(v & 0xFF)
      let inst = (v >> 8) & 0xFF
      if v >> 16 != 0 {
        // Left unmapped (void): no table entry per hostile value.
        tally.add("value \(v): channel 3 is not 0, so this is not a 2-channel file")
        continue
      }
      if cat == 0 {
        mapping[v] = PanopticLabel.voidClass
        continue
      }
      guard let c = catalog.index(ofID: cat) else {
        tally.add("category id \(cat) (red channel) is not in the \(catalog.name) catalog")
        mapping[v] = PanopticLabel.voidClass
        continue
      }
      if !catalog[c].isThing || inst == 255 {
        // panopticapi's 2channels2panoptic makes each (category, instance) pair a segment, so
        // two green values of one stuff class are two segments there; merging them here
        // silently would score and convert a different file.
        if !catalog[c].isThing && inst != 0 {
          tally.add("value \(v): stuff class \"\(catalog[c].name)\" has instance \(inst) (green channel; stuff must be 0)")
        }
        mapping[v] = UInt32(c)
      } else {
        guard nextInstance <= UInt32(PanopticLabel.maxInstance) else {
          tally.add("more than 65535 thing instances")
          continue
        }
        mapping[v] = PanopticLabel.pack(classIndex: UInt32(c), instance: nextInstance)
        nextInstance += 1
      }
    }
    return .remapping(pv, mapping, catalog: catalog, format: .coco2ch, problems: tally.problems)
  }

  /// True when every value could be a 2-channel pixel of this catalog:
  /// blue 0, red a category id, and stuff with instance (green) 0.
  public static func looksLike2Channel(_ pv: PixelValues, catalog: ClassCatalog) -> Bool {
    var last: UInt32 = .max
    for v in pv.values where v != last {
      last = v
      if v >> 16 != 0 { return false }
      let cat = Int(v & 0xFF)
      guard cat != 0 else { continue }
      guard let c = catalog.index(ofID: cat) else { return false }
      if !catalog[c].isThing && (v >> 8) & 0xFF != 0 { return false }
    }
    return true
  }
}
