/// Cityscapes `*_instanceIds.png`: things `labelId × 1000 + k` with k counting
/// from 0 within each class; stuff and crowd regions the bare labelId.
///
/// The class part is the catalog's dataset id (the Cityscapes labelId), so any
/// catalog whose ids fit (≤ 65) can be written. Void is written as 0
/// (`unlabeled`), and 0 reads back as void.
public enum CityscapesFormat {
  public static func encode(_ map: LabelMap, catalog: ClassCatalog) throws(PanopticError) -> [UInt32] {
    let code = try table(map, catalog: catalog)
    return map.pixels.map { code[$0] ?? 0 }
  }

  /// The file value of every label in `map`. A thing instance keeps the
  /// value it was read with (`keeping`, the read's `fileIDs`) while that still
  /// names its class and no other instance has taken it, so the gaps
  /// `json2instanceImg` leaves (33005 after a hidden car) and every id a
  /// downstream file refers to survive an edit; new instances get the class's
  /// largest k + 1 (from 0).
  public static func table(
    _ map: LabelMap, catalog: ClassCatalog, keeping: [UInt32: Int] = [:]
  ) throws(PanopticError) -> [UInt32: UInt32] {
    if numbersCityscapesByTrainID(catalog) {
      throw .cannotEncode(
        "these classes are Cityscapes' numbered by trainId (createPanopticImgs --use-train-id categories), and an instanceIds file holds labelIds; pass --classes cityscapes to read them by name")
    }
    let segments = map.segments()
    var code: [UInt32: UInt32] = [PanopticLabel.voidClass: 0]
    var used: [Int: Set<Int>] = [:]
    var pending: [(raw: UInt32, classIndex: Int)] = []
    for s in segments where !s.label.isVoid {
      let info = catalog[s.label.classIndex]
      guard info.id >= 0 else {
        throw .cannotEncode("class \"\(info.name)\" has id \(info.id), which Cityscapes cannot store")
      }
      // 0 is Cityscapes' `unlabeled`, read back as void: a real class there (ADE20K's wall,
      // Mapillary's Bird) would vanish, and a thing's instances 0, 1, 2 would read back as
      // stuff 0, 1, 2. Classes Cityscapes itself ignores (its own unlabeled) lose nothing.
      guard info.id != 0 || info.ignoreInEval else {
        throw .cannotEncode(
          "class \"\(info.name)\" has id 0, which Cityscapes reads back as void (unlabeled); convert to a format that keeps it, or give it another id with --classes")
      }
      if s.label.instance == 0 || !info.isThing {
        guard info.id <= 0xFFFF else {
          throw .cannotEncode("class id \(info.id) does not fit a 16-bit PNG")
        }
        // Stuff and crowd are the bare id, and a value from 1000 up reads back as a thing
        // instance (1500: class 1, k 500).
        guard info.id < 1000 else {
          throw .cannotEncode(
            "class \"\(info.name)\" has id \(info.id); Cityscapes stores \(info.isThing ? "a crowd region" : "stuff") as the bare id, and from 1000 up it reads back as class \(info.id / 1000) instance \(info.id % 1000)")
        }
        code[s.label.raw] = UInt32(info.id)
      } else if let kept = keeping[s.label.raw], kept >= 1000, kept <= 0xFFFF, kept / 1000 == info.id,
        !used[s.label.classIndex, default: []].contains(kept % 1000)
      {
        used[s.label.classIndex, default: []].insert(kept % 1000)
        code[s.label.raw] = UInt32(kept)
      } else {
        pending.append((s.label.raw, s.label.classIndex))
      }
    }
    // New instances, in order of the global instance id (segments come sorted).
    for p in pending {
      let info = catalog[p.classIndex]
      // After the largest kept k, or (a kept 26999) the smallest free one.
      let taken = used[p.classIndex, default: []]
      var k = taken.max().map { $0 + 1 } ?? 0
      if k > 999 { k = (0...999).first { !taken.contains($0) } ?? 1000 }
      guard k <= 999 else {
        throw .cannotEncode("class \"\(info.name)\" has more than 1000 instances, which Cityscapes cannot number")
      }
      let v = info.id * 1000 + k
      guard v <= 0xFFFF else {
        throw .cannotEncode(
          "class \"\(info.name)\" (id \(info.id)) × 1000 + \(k) does not fit a 16-bit PNG; Cityscapes needs class ids ≤ 65")
      }
      used[p.classIndex, default: []].insert(k)
      code[p.raw] = UInt32(v)
    }
    return code
  }

  /// Whether `catalog` is Cityscapes' classes under their trainIds (what createPanopticImgs
  /// `--use-train-id` lists as categories): written as they are, road (trainId 0) would be
  /// void and car (13) fence, and cityscapesScripts would read other classes everywhere.
  public static func numbersCityscapesByTrainID(_ catalog: ClassCatalog) -> Bool {
    var differs = false
    for info in catalog.classes {
      guard let known = ClassCatalog.cityscapes.classes.first(where: { $0.name == info.name }),
        let train = known.trainID, train != 255, train == info.id
      else { return false }
      differs = differs || known.id != info.id
    }
    return differs
  }

  /// Decodes values; global instance ids are given in order of (class, k).
  public static func decode(_ pv: consuming PixelValues, catalog: ClassCatalog) -> DecodedLabels {
    var tally = ProblemTally()
    // First the distinct values, to number instances globally and in order.
    let distinct = pv.distinctValues()
    var mapping: [UInt32: UInt32] = [0: PanopticLabel.voidClass]
    var nextInstance: UInt32 = 1
    for v in distinct.sorted() where v != 0 {
      let labelID = v < 1000 ? Int(v) : Int(v / 1000)
      guard let c = catalog.index(ofID: labelID) else {
        tally.add("value \(v): class id \(labelID) is not in the \(catalog.name) catalog")
        mapping[v] = PanopticLabel.voidClass
        continue
      }
      if v < 1000 {
        mapping[v] = UInt32(c)
      } else if !catalog[c].isThing {
        tally.add("value \(v): class \"\(catalog[c].name)\" has no instances but is stored as id × 1000 + k")
        mapping[v] = UInt32(c)
      } else {
        guard nextInstance <= UInt32(PanopticLabel.maxInstance) else {
          tally.add("more than 65535 thing instances")
          mapping[v] = PanopticLabel.voidClass
          continue
        }
        mapping[v] = PanopticLabel.pack(classIndex: UInt32(c), instance: nextInstance)
        nextInstance += 1
      }
    }
    return .remapping(pv, mapping, catalog: catalog, format: .cityscapes, problems: tally.problems, problemCount: tally.total)
  }
}
