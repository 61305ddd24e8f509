import PanopticModel
import Testing

@testable import PanopticIO

/// The journal's bytes, without a file: every event kind round trips, a torn
/// tail is ignored, and no corruption can crash the decoder or make it
/// return an event that was not written.
@Suite("Journal records")
struct JournalRecordsTests {
  static let car1 = PanopticLabel.pack(classIndex: 2, instance: 1)
  static let road = UInt32(ClassCatalog.coco.resolve("road")!)
  static let void = PanopticLabel.voidClass

  static func delta(_ runs: [(Int, Int, UInt32, UInt32)]) -> EditDelta {
    EditDelta(unvalidatedRuns: runs.map { EditDelta.Run(start: $0.0, length: $0.1, before: $0.2, after: $0.3) })
  }

  static let header = JournalHeader(
    labelName: "street.png", width: 40, height: 30,
    base: FileIdentity(device: 2049, inode: 1_234_567, size: 5183, mtimeNanoseconds: 1_764_230_400_123_456_789),
    started: 1_764_230_400)

  /// One of every kind, with awkward values: empty deltas, max UInt32s,
  /// non-ASCII descriptions.
  static let events: [JournalEvent] = [
    .savedUndo(HistoryStep(description: "filled car #1", delta: delta([(0, 40, void, car1)]))),
    .savedRedo(HistoryStep(description: "", delta: delta([(40, 2, void, road)]))),
    .step(HistoryStep(description: "painted road (12 px) — ünïcode ✓", delta: delta([(3, 4, car1, road), (50, 8, void, road)]))),
    .extend(delta([(100, 1, void, road)])),
    .undo,
    .redo,
    .step(HistoryStep(description: "empty", delta: EditDelta())),
    .extend(delta([(1199, 1, UInt32.max, 0)])),
    .undo,
  ]

  static var journal: [UInt8] { JournalRecords.encode(header: header) + JournalRecords.encode(events) }

  /// Byte offsets where each event record starts (after the header), and the end.
  static var recordStarts: [Int] {
    var starts: [Int] = []
    var at = JournalRecords.encode(header: header).count
    for e in events {
      starts.append(at)
      at += JournalRecords.encode([e]).count
    }
    return starts + [at]
  }

  /// `bytes` with the little-endian u32 at `offset` replaced.
  static func setU32(_ bytes: inout [UInt8], at offset: Int, _ v: UInt32) {
    for k in 0..<4 { bytes[offset + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) }
  }

  /// Recomputes the CRC of the record starting at `start` (for corruptions
  /// that must be caught by something other than the checksum).
  static func fixCRC(_ bytes: inout [UInt8], recordAt start: Int) {
    let length = Int(bytes[start + 1]) | Int(bytes[start + 2]) << 8 | Int(bytes[start + 3]) << 16 | Int(bytes[start + 4]) << 24
    let end = start + 5 + length
    setU32(&bytes, at: end, JournalRecords.crc(Array(bytes[start..<end])))
  }

  /// The decoder's verdict in one value: an error, or what it returned.
  enum Outcome {
    case refused(String)
    case decoded(JournalRecords.Decoded)
  }

  static func decode(_ bytes: [UInt8]) -> Outcome {
    do {
      return .decoded(try JournalRecords.decode(bytes))
    } catch {
      return .refused(error.description)
    }
  }

  // MARK: Round trip

  @Test func everyEventKindRoundTrips() throws {
    let d = try JournalRecords.decode(Self.journal)
    #expect(d.header == Self.header)
    #expect(d.events == Self.events)
    #expect(d.damagedRecords == 0 && d.tornTailBytes == 0)
    for e in Self.events {
      let one = try JournalRecords.decode(JournalRecords.encode(header: Self.header) + JournalRecords.encode([e]))
      #expect(one.events == [e])
    }
  }

  @Test func headerWithoutABaseAndWithAHostileName() throws {
    let h = JournalHeader(labelName: "new\nfile=x.png", width: 1, height: 1 << 20, base: nil, started: 0)
    let d = try JournalRecords.decode(JournalRecords.encode(header: h))
    #expect(d.events.isEmpty)
    // A newline cannot forge another header field.
    #expect(d.header == JournalHeader(labelName: "newfile=x.png", width: 1, height: 1 << 20, base: nil, started: 0))
  }

  @Test func longDescriptionsAreCutNotRefused() throws {
    let step = HistoryStep(description: String(repeating: "x", count: 5000), delta: Self.delta([(0, 1, Self.void, Self.road)]))
    let d = try JournalRecords.decode(JournalRecords.encode(header: Self.header) + JournalRecords.encode([.step(step)]))
    #expect(d.events == [.step(HistoryStep(description: String(repeating: "x", count: 1000), delta: step.delta))])
  }

  // MARK: Torn tail

  /// A crash mid-append leaves the last record cut at any byte: the events
  /// before it are kept, it is ignored, and that is not an error.
  @Test func aTornTailKeepsEveryEarlierEvent() throws {
    let bytes = Self.journal
    let starts = Self.recordStarts
    let last = starts[starts.count - 2]
    for cut in last..<bytes.count {
      let d = try JournalRecords.decode(Array(bytes[0..<cut]))
      #expect(d.events == Array(Self.events.dropLast()), "cut at \(cut)")
      #expect(d.damagedRecords == 0, "cut at \(cut)")
      #expect(d.tornTailBytes == cut - last, "cut at \(cut)")
    }
    // Cut inside any record: exactly the records before it.
    for (i, start) in starts.dropLast().enumerated() {
      let d = try JournalRecords.decode(Array(bytes[0..<(start + 7)]))
      #expect(d.events == Array(Self.events.prefix(i)))
    }
  }

  // MARK: Corruption

  @Test func aBadMagicIsRefused() {
    var bytes = Self.journal
    for i in 0..<JournalRecords.magic.count {
      let saved = bytes[i]
      bytes[i] ^= 0x20
      guard case .refused(let why) = Self.decode(bytes) else {
        Issue.record("magic byte \(i) flipped was accepted")
        bytes[i] = saved
        continue
      }
      #expect(why == "not a panoptty journal (or one from an older panoptty)")
      bytes[i] = saved
    }
    for short in [[], Array(JournalRecords.magic.prefix(5))] {
      guard case .refused = Self.decode(short) else {
        Issue.record("\(short.count) bytes accepted")
        continue
      }
    }
    // The magic alone has no header.
    guard case .refused(let why) = Self.decode(JournalRecords.magic) else {
      Issue.record("a journal without a header was accepted")
      return
    }
    #expect(why == "the journal's header is damaged")
  }

  @Test func aDamagedHeaderRecordIsRefused() {
    let headerStart = JournalRecords.magic.count
    let headerEnd = Self.recordStarts[0]
    var variants: [(String, [UInt8])] = []
    // Its CRC, its tag (with and without a fixed CRC), its length.
    var b = Self.journal
    b[headerEnd - 1] ^= 0x01
    variants.append(("CRC", b))
    b = Self.journal
    b[headerStart] = UInt8(ascii: "E")
    variants.append(("tag", b))
    Self.fixCRC(&b, recordAt: headerStart)
    variants.append(("tag with a fixed CRC", b))
    b = Self.journal
    b[headerStart + 1] ^= 0x01
    variants.append(("length", b))
    b = Self.journal
    b[headerStart + 4] = 0xFF
    variants.append(("length past the end", b))
    // Every payload byte flipped.
    for i in (headerStart + 5)..<(headerEnd - 4) {
      b = Self.journal
      b[i] ^= 0x04
      variants.append(("payload byte \(i)", b))
    }
    for (what, bytes) in variants {
      guard case .refused(let why) = Self.decode(bytes) else {
        Issue.record("header \(what) corrupted: accepted")
        continue
      }
      #expect(why == "the journal's header is damaged", "\(what)")
    }
  }

  /// Header text that passes the CRC but says nonsense: refused, or for
  /// the optional base fields, read as "no base".
  @Test(arguments: [
    "width=40\nheight=30\n",
    "labels=a.png\nheight=30\n",
    "labels=a.png\nwidth=40\n",
    "labels=a.png\nwidth=0\nheight=30\n",
    "labels=a.png\nwidth=-4\nheight=30\n",
    "labels=a.png\nwidth=forty\nheight=30\n",
    "labels=a.png\nwidth=40\nheight=1048577\n",
    "labels=a.png\nwidth=99999999999999999999999\nheight=3\n",
    "",
    "\u{0}\u{0}\u{0}",
  ])
  func headerFieldsThatMakeNoSenseAreRefused(text: String) {
    let bytes = JournalRecords.magic + JournalRecords.record(UInt8(ascii: "J"), Array(text.utf8))
    guard case .refused(let why) = Self.decode(bytes) else {
      Issue.record("header \(text.debugDescription) accepted")
      return
    }
    #expect(why == "the journal's header is damaged")
  }

  @Test func aPartialBaseIsNoBase() throws {
    let text = "labels=a.png\nwidth=4\nheight=3\nbase.device=1\nbase.inode=x\nbase.size=3\nbase.mtime_ns=5\n"
    let d = try JournalRecords.decode(JournalRecords.magic + JournalRecords.record(UInt8(ascii: "J"), Array(text.utf8)))
    #expect(d.header == JournalHeader(labelName: "a.png", width: 4, height: 3, base: nil, started: 0))
  }

  /// Each field of a record in the middle: the events before it are
  /// replayed, it and everything after it are not, and it is counted.
  @Test func eachCorruptedFieldOfARecordIsCountedAndStopsTheReplay() {
    let starts = Self.recordStarts
    for victim in [0, 2, 3, 7] {
      let start = starts[victim], end = starts[victim + 1]
      var variants: [(String, [UInt8])] = []
      var b = Self.journal
      b[start] = UInt8(ascii: "Z")
      variants.append(("tag", b))
      Self.fixCRC(&b, recordAt: start)
      variants.append(("unknown tag with a fixed CRC", b))
      b = Self.journal
      b[start] = b[start] == UInt8(ascii: "E") ? UInt8(ascii: "H") : UInt8(ascii: "E")
      Self.fixCRC(&b, recordAt: start)
      variants.append(("tag of another kind with a fixed CRC", b))
      for delta in [-1, 1] {
        b = Self.journal
        let length = end - start - 9
        Self.setU32(&b, at: start + 1, UInt32(length + delta))
        variants.append(("length \(delta)", b))
      }
      b = Self.journal
      Self.setU32(&b, at: start + 1, 0)
      variants.append(("length 0", b))
      for i in (start + 5)..<(end - 4) {
        b = Self.journal
        b[i] ^= 0x80
        variants.append(("payload byte \(i - start)", b))
      }
      if end - start > 9 {
        // A payload that is one byte short, or has one byte too many, with
        // a CRC that matches: the event parser must notice.
        b = Self.journal
        b.remove(at: end - 5)
        Self.setU32(&b, at: start + 1, UInt32(end - start - 10))
        Self.fixCRC(&b, recordAt: start)
        variants.append(("payload one byte short, CRC fixed", b))
      }
      b = Self.journal
      b.insert(0, at: end - 4)
      Self.setU32(&b, at: start + 1, UInt32(end - start - 8))
      Self.fixCRC(&b, recordAt: start)
      variants.append(("payload one byte long, CRC fixed", b))
      for k in 0..<4 {
        b = Self.journal
        b[end - 4 + k] ^= 0x10
        variants.append(("CRC byte \(k)", b))
      }
      for (what, bytes) in variants {
        let label = "record \(victim) \(what)"
        switch Self.decode(bytes) {
        case .refused(let why):
          Issue.record("\(label): refused (\(why)); the header is fine, so the records before should replay")
        case .decoded(let d):
          #expect(d.events == Array(Self.events.prefix(victim)), "\(label)")
          #expect(d.damagedRecords >= 1, "\(label)")
        }
      }
    }
  }

  /// Every single-bit flip anywhere, and every truncation: never a crash,
  /// never an event that was not written (only a prefix of them), and a
  /// lost event always leaves a trace (error, damaged count or torn bytes).
  @Test func noCorruptionCanInventAnEvent() {
    let good = Self.journal
    var checked = 0
    func check(_ bytes: [UInt8], _ what: String) {
      checked += 1
      switch Self.decode(bytes) {
      case .refused: break
      case .decoded(let d):
        #expect(d.events.count <= Self.events.count, "\(what)")
        #expect(d.events == Array(Self.events.prefix(d.events.count)), "\(what)")
        if d.events.count < Self.events.count {
          #expect(d.damagedRecords + d.tornTailBytes > 0 || bytes.count < good.count, "\(what)")
        }
      }
    }
    for i in 0..<good.count {
      for bit in 0..<8 {
        var b = good
        b[i] ^= UInt8(1 << bit)
        check(b, "bit \(bit) of byte \(i)")
      }
    }
    for n in 0..<good.count { check(Array(good.prefix(n)), "first \(n) bytes") }
    var rng = SplitMix(state: 11)
    for trial in 0..<300 {
      var b = good
      for _ in 0..<(1 + rng.next(6)) { b[rng.next(b.count)] = UInt8(rng.next(256)) }
      check(b, "random damage \(trial)")
      check(JournalRecords.magic + (0..<rng.next(400)).map { _ in UInt8(rng.next(256)) }, "random bytes \(trial)")
    }
    #expect(checked > 8 * good.count)
  }

  /// A length field flipped so that it runs past the end of the file reads
  /// as a torn tail: every record after it is dropped, `damagedRecords` is
  /// 0, and `EditJournal.Recovery` does not carry the torn byte count, so
  /// the recovery prompt cannot say that edits were lost.
  @Test(.bug(id: 8, "a corrupt record length in the middle of a journal is taken for a torn tail"))
  func aLengthRunningPastTheEndInTheMiddleIsDamageNotATornTail() {
    let start = Self.recordStarts[2]
    var b = Self.journal
    b[start + 4] ^= 0x40  // the length's high byte
    guard case .decoded(let d) = Self.decode(b) else { return }
    #expect(d.events == Array(Self.events.prefix(2)))
    #expect(d.damagedRecords >= 1, "\(d.events.count) events, torn tail \(d.tornTailBytes) bytes of \(b.count)")
  }
}

struct SplitMix {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
