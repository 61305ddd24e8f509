import CPNGShim
import PanopticModel

/// The header of a crash journal: which label file, which size, and which
/// version of the file the edits apply to.
public struct JournalHeader: Sendable, Hashable {
  public var labelName: String
  public var width: Int
  public var height: Int
  /// The label file the edits apply to; nil when it did not exist yet.
  public var base: FileIdentity?
  /// When the journal was started (seconds since 1970), for the prompt.
  public var started: Int64

  public init(labelName: String, width: Int, height: Int, base: FileIdentity?, started: Int64) {
    self.labelName = labelName
    self.width = width
    self.height = height
    self.base = base
    self.started = started
  }
}

/// Why a complete journal record cannot be replayed.
public enum JournalDamage: Sendable, Equatable {
  /// Its checksum failed: bit rot or tampering.
  case checksum
  /// Its checksum holds but its content makes no sense to this panoptty (an
  /// unknown kind of record, or lengths that do not add up): a journal
  /// from another version, or one written by something else.
  case unreadable
  /// It reads, but does not fit the labels (a run past the map, a class
  /// the catalog lacks, an undo of nothing), for this reason.
  case doesNotFit(String)

  /// How a message names it.
  public var description: String {
    switch self {
    case .checksum: return "checksum failed"
    case .unreadable: return "not readable by this panoptty"
    case .doesNotFit(let why): return "it does not fit the labels: \(why)"
    }
  }
}

/// The journal's bytes: a magic line, then records of
/// `tag (1) | length (u32 LE) | crc32 of tag+length | payload | crc32 of all before`.
/// The head has its own checksum so a damaged length is told apart from a
/// record a crash cut short: only a sound head may claim bytes the file lacks.
/// The first record is the header (`J`); the others are history events:
/// `E` step, `X` extend, `U` undo, `R` redo, `H` saved history (`u`/`r`).
/// Pure byte work, so the fuzzer can throw anything at `decode`.
public enum JournalRecords {
  public static let magic = Array("panoptty-journal 2\n".utf8)

  /// What a journal's bytes hold.
  public struct Decoded: Sendable {
    public var header: JournalHeader
    public var events: [JournalEvent]
    /// Complete records whose checksum failed (bit rot, tampering); the
    /// events after the first one are not replayed.
    public var damagedRecords: Int
    /// Bytes of a record cut short by a crash mid-write (ignored).
    public var tornTailBytes: Int
    /// What is wrong with the first damaged record, so a message names the
    /// right cause (nil when none is damaged).
    public var firstDamage: JournalDamage?
    /// Where the header record ends.
    public var headerBytes: Int
    /// Where each event's record ends (for cutting the journal back to the
    /// part that is replayed).
    public var eventEnds: [Int]
  }

  // MARK: Encoding

  public static func encode(header h: JournalHeader) -> [UInt8] {
    var text = "labels=\(h.labelName.filter { $0 != "\n" })\nwidth=\(h.width)\nheight=\(h.height)\nstarted=\(h.started)\n"
    if let b = h.base {
      text += "base.device=\(b.device)\nbase.inode=\(b.inode)\nbase.size=\(b.size)\nbase.mtime_ns=\(b.mtimeNanoseconds)\n"
    }
    return magic + record(UInt8(ascii: "J"), Array(text.utf8))
  }

  public static func encode(_ events: [JournalEvent]) -> [UInt8] {
    var out: [UInt8] = []
    for e in events {
      var p: [UInt8] = []
      let tag: UInt8
      switch e {
      case .step(let step):
        tag = UInt8(ascii: "E")
        put(&p, step)
      case .extend(let delta):
        tag = UInt8(ascii: "X")
        put(&p, delta)
      case .undo: tag = UInt8(ascii: "U")
      case .redo: tag = UInt8(ascii: "R")
      case .savedUndo(let step), .savedRedo(let step):
        tag = UInt8(ascii: "H")
        if case .savedUndo = e { p.append(UInt8(ascii: "u")) } else { p.append(UInt8(ascii: "r")) }
        put(&p, step)
      }
      out += record(tag, p)
    }
    return out
  }

  static func record(_ tag: UInt8, _ payload: [UInt8]) -> [UInt8] {
    var r: [UInt8] = [tag]
    put(&r, UInt32(payload.count))
    put(&r, crc(r))
    r += payload
    put(&r, crc(r))
    return r
  }

  static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBufferPointer { pngshim_crc32(0, $0.baseAddress, $0.count) }
  }

  static func crc(_ bytes: [UInt8]) -> UInt32 { crc(bytes[...]) }

  static func put(_ d: inout [UInt8], _ v: UInt32) {
    d += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
  }

  static func put(_ d: inout [UInt8], _ step: HistoryStep) {
    let desc = Array(step.description.utf8.prefix(1000))
    put(&d, UInt32(desc.count))
    d += desc
    put(&d, step.delta)
  }

  static func put(_ d: inout [UInt8], _ delta: EditDelta) {
    put(&d, UInt32(delta.runs.count))
    for r in delta.runs {
      put(&d, UInt32(truncatingIfNeeded: r.start))
      put(&d, UInt32(truncatingIfNeeded: r.length))
      put(&d, r.before)
      put(&d, r.after)
    }
  }
}
