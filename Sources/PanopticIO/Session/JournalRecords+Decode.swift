import PanopticModel

extension JournalRecords {
  /// Reads a journal's bytes. A bad magic or header is an error; a record
  /// cut short at the end is a crash mid-write and is ignored; a complete
  /// record with a bad checksum stops the replay there and is counted.
  /// Deltas are returned unvalidated: the editor checks them against the
  /// map and catalog before anything is applied.
  public static func decode(_ bytes: [UInt8]) throws(PanopticError) -> Decoded {
    guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
      throw .badLabels("not a panoptty journal (or one from an older panoptty)")
    }
    var reader = ByteReader(bytes: bytes, position: magic.count)
    guard case .complete(let tag, let payload)? = reader.nextRecord(), tag == UInt8(ascii: "J"),
      let header = parseHeader(payload)
    else { throw .badLabels("the journal's header is damaged") }
    var events: [JournalEvent] = []
    var damaged = 0
    var damage: JournalDamage?
    var torn = 0
    let headerBytes = reader.position
    var eventEnds: [Int] = []
    loop: while let next = reader.nextRecord() {
      switch next {
      case .torn(let n):
        torn = n
        break loop
      case .damaged:
        damaged += 1
        if damage == nil { damage = .checksum }
      case .complete(let tag, let payload):
        guard damaged == 0 else {
          damaged += 1
          continue
        }
        guard let e = event(tag: tag, payload: payload) else {
          damaged += 1
          damage = .unreadable
          continue
        }
        events.append(e)
        eventEnds.append(reader.position)
      }
    }
    return Decoded(
      header: header, events: events, damagedRecords: damaged, tornTailBytes: torn, firstDamage: damage,
      headerBytes: headerBytes, eventEnds: eventEnds)
  }

  static func parseHeader(_ payload: ArraySlice<UInt8>) -> JournalHeader? {
    var kv: [String: String] = [:]
    for line in String(decoding: payload, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      if parts.count == 2 { kv[String(parts[0])] = String(parts[1]) }
    }
    guard let name = kv["labels"], let w = kv["width"].flatMap(Int.init), let h = kv["height"].flatMap(Int.init),
      w > 0, h > 0, w <= 1 << 20, h <= 1 << 20
    else { return nil }
    var base: FileIdentity?
    if let dev = kv["base.device"].flatMap(UInt64.init), let ino = kv["base.inode"].flatMap(UInt64.init),
      let size = kv["base.size"].flatMap(Int64.init), let mtime = kv["base.mtime_ns"].flatMap(Int64.init)
    {
      base = FileIdentity(device: dev, inode: ino, size: size, mtimeNanoseconds: mtime)
    }
    return JournalHeader(labelName: name, width: w, height: h, base: base, started: kv["started"].flatMap(Int64.init) ?? 0)
  }

  static func event(tag: UInt8, payload: ArraySlice<UInt8>) -> JournalEvent? {
    var r = ByteReader(bytes: Array(payload), position: 0)
    let e: JournalEvent?
    switch tag {
    case UInt8(ascii: "E"): e = r.step().map(JournalEvent.step)
    case UInt8(ascii: "X"): e = r.delta().map(JournalEvent.extend)
    case UInt8(ascii: "U"): e = .undo
    case UInt8(ascii: "R"): e = .redo
    case UInt8(ascii: "H"):
      guard let kind = r.byte(), let step = r.step() else { return nil }
      switch kind {
      case UInt8(ascii: "u"): e = .savedUndo(step)
      case UInt8(ascii: "r"): e = .savedRedo(step)
      default: return nil
      }
    default: return nil
    }
    return r.atEnd ? e : nil
  }
}

/// Little-endian reads that return nil instead of running past the end.
struct ByteReader {
  let bytes: [UInt8]
  var position: Int

  enum Record {
    case complete(tag: UInt8, payload: ArraySlice<UInt8>)
    case damaged
    case torn(bytes: Int)
  }

  var atEnd: Bool { position == bytes.count }

  mutating func byte() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func u32() -> UInt32? {
    guard bytes.count - position >= 4 else { return nil }
    defer { position += 4 }
    let b = bytes
    let i = position
    return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
  }

  mutating func nextRecord() -> Record? {
    guard position < bytes.count else { return nil }
    let start = position
    guard bytes.count - start >= 13 else { return .torn(bytes: bytes.count - start) }
    position += 1
    let length = Int(u32()!)
    guard JournalRecords.crc(bytes[start..<(start + 5)]) == u32()! else {
      // A damaged head: its length cannot be trusted, so nothing after it can be read.
      position = bytes.count
      return .damaged
    }
    guard length <= bytes.count - position - 4 else {
      position = bytes.count
      return .torn(bytes: bytes.count - start)
    }
    let end = position + length
    position = end
    let stored = u32()!
    guard JournalRecords.crc(bytes[start..<end]) == stored else { return .damaged }
    return .complete(tag: bytes[start], payload: bytes[(start + 9)..<end])
  }

  mutating func step() -> HistoryStep? {
    guard let n = u32(), Int(n) <= bytes.count - position else { return nil }
    let desc = String(decoding: bytes[position..<(position + Int(n))], as: UTF8.self)
    position += Int(n)
    return delta().map { HistoryStep(description: desc, delta: $0) }
  }

  mutating func delta() -> EditDelta? {
    guard let n = u32(), Int(n) <= (bytes.count - position) / 16 else { return nil }
    var runs: [EditDelta.Run] = []
    runs.reserveCapacity(Int(n))
    for _ in 0..<n {
      guard let s = u32(), let l = u32(), let b = u32(), let a = u32() else { return nil }
      runs.append(EditDelta.Run(start: Int(s), length: Int(l), before: b, after: a))
    }
    return EditDelta(unvalidatedRuns: runs)
  }
}
