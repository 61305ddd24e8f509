extension ClassMajorFormat {
  /// How the encoded values must be stored so that none is truncated.
  public enum Storage: String, Sendable {
    /// Every value ≤ 65535: 16-bit gray, as the datasets ship.
    case gray16
    /// Wider values as 24-bit `R + 256·G + 65536·B` (KITTI-STEP always;
    /// otherwise a panoptty-only widening, said on stderr).
    case rgb24
  }

  /// Decodes folded pixel values. Instance ids are per class in the file and
  /// global in panoptty: they are numbered 1, 2, 3 … in order of (class part,
  /// file instance). Pixels that break the preset's rules become void and
  /// are reported, so `validate` lists them and other commands refuse.
  public func decode(_ pv: consuming PixelValues, catalog: ClassCatalog) -> DecodedLabels {
    var tally = ProblemTally()
    let table = classIndices(catalog)
    var mapping: [UInt32: UInt32] = [:]
    var things: [(classPart: Int, instance: Int, value: UInt32, index: Int)] = []
    for v in pv.distinctValues() {
      let (c, k) = parts(of: v)
      // DeepLab2's rule: the ignore label is void whatever the instance part.
      if c == voidClass {
        mapping[v] = PanopticLabel.voidClass
        continue
      }
      guard let i = table[c] else {
        tally.add(
          "value \(v): class part \(c) names no class of the \(catalog.name) catalog in \(preset.rawValue) numbering (void = \(voidClass))")
        continue
      }
      let info = catalog[i]
      if !info.isThing {
        if let k, k != 0 { tally.add("value \(v): stuff class \"\(info.name)\" has instance \(k) (stuff must be 0)") }
        mapping[v] = UInt32(i)
      } else if let k {
        if k == 0 && crowdAtZero {
          mapping[v] = UInt32(i)
        } else {
          things.append((c, k, v, i))
        }
      } else {
        tally.add(
          "value \(v): thing class \"\(info.name)\" is stored as a bare class id, but \(preset.rawValue) numbers thing pixels class × \(divisor) + k")
      }
    }
    things.sort { ($0.classPart, $0.instance) < ($1.classPart, $1.instance) }
    var next: UInt32 = 1
    for t in things {
      guard next <= UInt32(PanopticLabel.maxInstance) else {
        tally.add("more than 65535 thing instances")
        break
      }
      mapping[t.value] = PanopticLabel.pack(classIndex: UInt32(t.index), instance: next)
      next += 1
    }
    return .remapping(
      pv, mapping, catalog: catalog, format: preset.format, problems: tally.problems, problemCount: tally.total)
  }

  /// The file value of every label in `map`. Stuff gets instance 0 (VIPSeg:
  /// its bare id), crowd gets instance 0, and each thing instance the file
  /// instance it was read with (`keeping`, the `fileIDs` of the read) when
  /// that still names its class, else the next free instance of its class.
  public func table(
    _ map: LabelMap, catalog: ClassCatalog, keeping: [UInt32: Int] = [:]
  ) throws(PanopticError) -> [UInt32: UInt32] {
    try check(catalog: catalog)
    var code: [UInt32: UInt32] = [:]
    var used: [Int: Set<Int>] = [:]
    var pending: [(raw: UInt32, classPart: Int, name: String)] = []
    for s in map.segments() {
      guard !s.label.isVoid else {
        code[s.label.raw] = try checked(voidValue)
        continue
      }
      let i = s.label.classIndex
      let info = catalog[i]
      guard let c = classPart(of: i, in: catalog) else {
        throw .cannotEncode(
          "class \"\(info.name)\" has no \(preset.rawValue) class number (its trainId is 255: not trained on); relabel it or write another format")
      }
      if packing == .rgb && c > 255 {
        throw .cannotEncode("class \"\(info.name)\" is class \(c), more than KITTI-STEP's red channel holds")
      }
      if !info.isThing {
        code[s.label.raw] = try checked(value(classPart: c, instance: bareBelow != nil ? nil : 0))
      } else if s.label.instance == 0 {
        guard crowdAtZero else {
          throw .cannotEncode(
            "\(preset.rawValue) has no crowd regions, so \"\(info.name) crowd\" cannot be written; split it into instances or relabel it")
        }
        code[s.label.raw] = try checked(value(classPart: c, instance: 0))
      } else if let kept = keeping[s.label.raw], kept >= 0, kept <= 0xFF_FFFF,
        case let (kc, kk?) = parts(of: UInt32(kept)), kc == c, kk > 0 || !crowdAtZero, !used[c, default: []].contains(kk)
      {
        used[c, default: []].insert(kk)
        code[s.label.raw] = UInt32(kept)
      } else {
        pending.append((s.label.raw, c, info.name))
      }
    }
    for p in pending {
      // After the largest kept instance, or (one kept at the top) the smallest free one.
      let taken = used[p.classPart, default: []]
      let first = crowdAtZero ? 1 : 0
      var k = taken.max().map { $0 + 1 } ?? first
      if k > maxInstance { k = (first...max(first, maxInstance)).first { !taken.contains($0) } ?? maxInstance + 1 }
      guard k <= maxInstance else {
        throw .cannotEncode("class \"\(p.name)\" needs instance \(k), more than \(preset.rawValue) can number (\(maxInstance))")
      }
      used[p.classPart, default: []].insert(k)
      let v = value(classPart: p.classPart, instance: k)
      // VIPSeg reads a value below its bare range's end as a stuff id: a thing numbered from
      // a small class part (a custom catalog's id 0, class part 1 → 100…) would come back as stuff.
      if let bare = bareBelow, v < UInt64(bare) {
        throw .cannotEncode(
          "class \"\(p.name)\" would be written as \(v), which \(preset.rawValue) reads back as a bare stuff id (values below \(bare) are); give the thing class a larger id with --classes")
      }
      code[p.raw] = try checked(v)
    }
    return code
  }

  /// The narrowest lossless storage for the values of a table.
  public func storage(for code: [UInt32: UInt32]) -> Storage {
    packing == .rgb || code.values.contains { $0 > 0xFFFF } ? .rgb24 : .gray16
  }

  func checked(_ v: UInt64) throws(PanopticError) -> UInt32 {
    guard v <= 0xFF_FFFF else {
      throw .cannotEncode("value \(v) (class × divisor \(divisor) + instance) is more than a 24-bit PNG holds")
    }
    return UInt32(v)
  }
}
