import CPNGShim
import PanopticModel

/// The `.npy` format (numpy's documented `format.py`: magic, version, a
/// little Python-dict header, raw little- or big-endian data) and `.npz`
/// (a zip of `.npy` members, stored or deflated), read into one integer a
/// pixel. Only what detectron2 dumps need: a 2-D integer array.
enum NumpyFile {
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The 2-D integer array of an `.npy` file, or of the one array of an
  /// `.npz` (or its member `panoptic_seg.npy`), as int32 bit patterns.
  static func readIDs(_ bytes: [UInt8], limits: DecodeLimits) throws(PanopticError) -> PixelValues {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try parseNpy(try ZipMembers.npyMember(bytes, limits: limits), limits: limits) }
    return try parseNpy(bytes, limits: limits)
  }

  static func parseNpy(_ b: [UInt8], limits: DecodeLimits) throws(PanopticError) -> PixelValues {
    guard b.count >= 10, b.starts(with: magic) else { throw .badImage("not a numpy .npy array (bad magic)") }
    let major = b[6]
    let lenBytes = major == 1 ? 2 : 4
    guard major >= 1, major <= 3, b.count >= 8 + lenBytes else { throw .badImage("numpy format version \(major) is not one panoptty reads") }
    var headerLength = 0
    for i in 0..<lenBytes { headerLength |= Int(b[8 + i]) << (8 * i) }
    let start = 8 + lenBytes
    guard headerLength <= 65536, b.count >= start + headerLength else { throw .badImage("truncated numpy header") }
    let header = String(decoding: b[start..<(start + headerLength)], as: UTF8.self)
    guard let descr = field(header, "descr"), let fortran = field(header, "fortran_order"), let shapeText = field(header, "shape") else {
      throw .badImage("numpy header without descr, fortran_order and shape: \(header.prefix(80))")
    }
    let dims = shapeText.filter { "0123456789,".contains($0) }.split(separator: ",").compactMap { Int($0) }
    guard dims.count == 2 else { throw .badLabels("a detectron2 id map is a 2-D array; this one has shape \(shapeText)") }
    // The shape is the logical (rows, columns) in either order.
    let (height, width) = (dims[0], dims[1])
    let kinds: [String: (size: Int, signed: Bool)] = [
      "i1": (1, true), "u1": (1, false), "i2": (2, true), "u2": (2, false), "i4": (4, true), "u4": (4, false),
      "i8": (8, true), "u8": (8, false),
    ]
    let order = descr.first ?? "<"
    guard let kind = kinds[String(descr.dropFirst())], "<>|=".contains(order) else {
      throw .badLabels("numpy dtype \(descr) is not an integer array; a detectron2 id map is int32")
    }
    try limits.check(width: width, height: height, bytesPerPixel: 4)
    let data = start + headerLength
    guard b.count - data >= width * height * kind.size else { throw .badImage("truncated numpy data (\(width)×\(height) \(descr))") }
    var values = [UInt32](repeating: 0, count: width * height)
    var bad = 0
    for i in 0..<(width * height) {
      var v: UInt64 = 0
      for j in 0..<kind.size {
        let byte = UInt64(b[data + i * kind.size + (order == ">" ? kind.size - 1 - j : j)])
        v |= byte << (8 * UInt64(j))
      }
      let signed = kind.signed && kind.size < 8 && v >> (8 * UInt64(kind.size) - 1) == 1 ? Int64(bitPattern: v | ~0 << (8 * UInt64(kind.size))) : Int64(bitPattern: v)
      if signed < Int64(Int32.min) || signed > Int64(Int32.max) { bad += 1 }
      // Row-major position of element i (Fortran order stores columns first).
      let at = fortran == "True" ? (i % height) * width + i / height : i
      values[at] = UInt32(truncatingIfNeeded: signed)
    }
    if bad > 0 { throw .badLabels("\(bad) values do not fit int32; detectron2 ids are int32") }
    return PixelValues(width: width, height: height, values: values, storage: .other)
  }

  /// The text of `'key': value` in numpy's header dict (value up to the next
  /// top-level comma).
  static func field(_ header: String, _ key: String) -> String? {
    guard let r = header.range(of: "'\(key)':") else { return nil }
    var depth = 0
    var out = ""
    for ch in header[r.upperBound...] {
      if ch == "(" { depth += 1 }
      if ch == ")" { depth -= 1 }
      if (ch == "," && depth == 0) || ch == "}" { break }
      out.append(ch)
    }
    return out.trimmingSpacesAndQuotes()
  }
}

/// Enough of the zip format for numpy's `.npz`: the central directory,
/// zip64 sizes (numpy writes with `force_zip64`), stored and deflated members.
enum ZipMembers {
  static func npyMember(_ b: [UInt8], limits: DecodeLimits) throws(PanopticError) -> [UInt8] {
    func u16(_ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
    func u64(_ o: Int) -> Int { u32(o) | u32(o + 4) << 32 }
    guard b.count >= 22, let eocd = stride(from: b.count - 22, through: max(0, b.count - 65_557), by: -1).first(where: { u32($0) == 0x0605_4B50 })
    else { throw .badImage("not a complete .npz (no zip end record)") }
    var at = u32(eocd + 16)
    var members: [(name: String, method: Int, size: Int, compressed: Int, local: Int)] = []
    for _ in 0..<u16(eocd + 10) {
      guard at + 46 <= b.count, u32(at) == 0x0201_4B50 else { throw .badImage("corrupt .npz central directory") }
      let (nameLen, extraLen, commentLen) = (u16(at + 28), u16(at + 30), u16(at + 32))
      guard at + 46 + nameLen + extraLen <= b.count else { throw .badImage("corrupt .npz central directory") }
      var (compressed, size, local) = (u32(at + 20), u32(at + 24), u32(at + 42))
      var e = at + 46 + nameLen
      while e + 4 <= at + 46 + nameLen + extraLen {
        if u16(e) == 1 {  // zip64: the 0xFFFFFFFF fields, in order
          var f = e + 4
          if size == 0xFFFF_FFFF { size = u64(f); f += 8 }
          if compressed == 0xFFFF_FFFF { compressed = u64(f); f += 8 }
          if local == 0xFFFF_FFFF { local = u64(f) }
        }
        e += 4 + u16(e + 2)
      }
      members.append((String(decoding: b[(at + 46)..<(at + 46 + nameLen)], as: UTF8.self), u16(at + 10), size, compressed, local))
      at += 46 + nameLen + extraLen + commentLen
    }
    let names = members.map(\.name)
    guard let m = members.count == 1 ? members[0] : members.first(where: { $0.name == "panoptic_seg.npy" }) else {
      throw .badLabels(".npz holds \(names.joined(separator: ", ")); save the id map alone or as panoptic_seg")
    }
    guard m.local + 30 <= b.count, u32(m.local) == 0x0403_4B50 else { throw .badImage("corrupt .npz member \(m.name)") }
    let data = m.local + 30 + u16(m.local + 26) + u16(m.local + 28)
    guard m.size >= 0, m.size <= limits.maxBytes + 65536, data + m.compressed <= b.count else {
      throw .badImage(".npz member \(m.name) is truncated or over the decode limits")
    }
    switch m.method {
    case 0: return Array(b[data..<(data + m.size)])
    case 8:
      var out = [UInt8](repeating: 0, count: m.size)
      var written = 0
      let rc = b.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
          pngshim_inflate_raw(src.baseAddress! + data, m.compressed, dst.baseAddress, m.size, &written)
        }
      }
      guard rc == 0, written == m.size else { throw .badImage(".npz member \(m.name): corrupt deflate data") }
      return out
    default: throw .badImage(".npz member \(m.name) uses zip method \(m.method); numpy writes stored or deflated members")
    }
  }
}

extension String {
  func trimmingSpacesAndQuotes() -> String {
    String(drop { $0 == " " || $0 == "'" }.reversed().drop { $0 == " " || $0 == "'" }.reversed())
  }
}
