/// Appends LEB128 varints and length-prefixed strings: the sidecar's wire format.
///
/// Offsets are stored as gaps from the previous record's end, so a 200 MB
/// file's 236 k entries take a few bytes each, and because gaps are unsigned,
/// a decoded index is sorted and non-overlapping by construction.
struct VarintWriter {
  private(set) var bytes: [UInt8] = []

  mutating func append(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func append(_ value: Int) {
    append(UInt64(max(0, value)))
  }

  /// Signed values, zigzag-encoded so small negatives stay small.
  mutating func appendSigned(_ value: Int64) {
    append(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  mutating func appendFixed(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  mutating func append(_ string: String) {
    append(string.utf8.count)
    bytes += string.utf8
  }

  mutating func appendRaw(_ raw: [UInt8]) {
    bytes += raw
  }
}

/// Reads what `VarintWriter` wrote, refusing anything malformed.
///
/// Every read checks the remaining length first and every varint is capped at
/// ten bytes, so a damaged or hostile sidecar ends in `corruptIndex`, never in
/// a read past the buffer or an absurd allocation.
struct VarintReader {
  let bytes: UnsafeRawBufferPointer
  private(set) var offset: Int

  init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var remaining: Int { bytes.count - offset }

  mutating func readUInt64() throws(COCOJSONError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw .corruptIndex("it ends in the middle of a number") }
      let byte = bytes[offset]
      offset += 1
      guard shift < 64, shift < 63 || byte <= 1 else { throw .corruptIndex("a number is too long") }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// A non-negative integer no larger than `limit`.
  mutating func readInt(atMost limit: Int, _ what: String) throws(COCOJSONError) -> Int {
    let value = try readUInt64()
    guard value <= UInt64(max(0, limit)) else { throw .corruptIndex("\(what) \(value) is out of range") }
    return Int(value)
  }

  mutating func readSigned() throws(COCOJSONError) -> Int64 {
    let raw = try readUInt64()
    return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
  }

  mutating func readFixed() throws(COCOJSONError) -> UInt64 {
    guard remaining >= 8 else { throw .corruptIndex("it is truncated") }
    var value: UInt64 = 0
    for k in 0..<8 { value |= UInt64(bytes[offset + k]) << UInt64(8 * k) }
    offset += 8
    return value
  }

  mutating func readByte() throws(COCOJSONError) -> UInt8 {
    guard offset < bytes.count else { throw .corruptIndex("it is truncated") }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// A length-prefixed string that must be valid UTF-8.
  mutating func readString() throws(COCOJSONError) -> String {
    let count = try readInt(atMost: remaining, "a string length")
    let raw = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    offset += count
    guard let string = String(validating: raw, as: UTF8.self) else {
      throw .corruptIndex("a name is not valid UTF-8")
    }
    return string
  }
}
