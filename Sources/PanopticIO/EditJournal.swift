import Foundation
import PanopticCore

/// The crash journal beside a label file (`.NAME.panoptty-journal`): every
/// edit is appended as it happens (deltas, not snapshots), so after a crash,
/// a kill or a dropped SSH link the next `panoptty edit` can replay it onto
/// the file as it was and get back the exact state, undo history included.
///
/// Layout: a text header line, a JSON line naming the label file and the
/// identity of the version the edits apply to, then binary records:
/// `E` step (description, runs), `X` extend last step (runs), `U` undo,
/// `R` redo. Integers are little-endian UInt32; each run is start, length,
/// before, after. A torn last record (crash mid-write) is ignored.
public final class EditJournal {
  public let path: String
  private var fd: Int32
  private var lastSync = Date()
  private var dirty = false

  static let magic = "panoptty-journal 1\n"

  /// Where the journal of `labelPath` lives.
  public static func path(for labelPath: String) -> String {
    let url = URL(fileURLWithPath: labelPath)
    return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".panoptty-journal").path
  }

  /// What the journal found on disk.
  public struct Recovery: Sendable {
    public var events: [JournalEvent]
    public var base: FileIdentity
    public var written: Date
    /// Edits made after the base was saved (the unsaved work).
    public var steps: Int { events.reduce(0) { if case .step = $1 { return $0 + 1 } else { return $0 } } }
    /// True when the journal changes pixels (not only restores history).
    public var hasUnsavedWork: Bool {
      events.contains { e in
        switch e {
        case .step, .extend, .undo, .redo: return true
        case .savedUndo, .savedRedo: return false
        }
      }
    }
  }

  /// Starts a new journal for edits on top of `base` (replacing any old one).
  public init(labelPath: String, base: FileIdentity, width: Int, height: Int) throws(PanopticError) {
    path = Self.path(for: labelPath)
    let header: [String: Any] = [
      "labels": URL(fileURLWithPath: labelPath).lastPathComponent, "width": width, "height": height,
      "base": base.json, "started": Date().timeIntervalSince1970,
    ]
    let json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data()
    var data = Data(Self.magic.utf8)
    data.append(json)
    data.append(0x0A)
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .io("cannot create the journal \(path): \(String(cString: strerror(errno)))") }
    try writeAll(data)
    _ = fsync(fd)
  }

  /// Opens an existing journal to append more edits (after a recovery).
  public init(appendingTo path: String) throws(PanopticError) {
    self.path = path
    fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard fd >= 0 else { throw .io("cannot reopen the journal \(path): \(String(cString: strerror(errno)))") }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Appends events; they reach the page cache at once (a kill -9 loses
  /// nothing) and the disk within a second (`syncIfDue`).
  public func append(_ events: [JournalEvent]) throws(PanopticError) {
    guard !events.isEmpty else { return }
    var d = Data()
    for e in events {
      switch e {
      case .step(let step):
        d.append(UInt8(ascii: "E"))
        let desc = Data(step.description.utf8.prefix(1000))
        Self.put(&d, UInt32(desc.count))
        d.append(desc)
        Self.put(&d, step.delta)
      case .extend(let delta):
        d.append(UInt8(ascii: "X"))
        Self.put(&d, delta)
      case .undo: d.append(UInt8(ascii: "U"))
      case .redo: d.append(UInt8(ascii: "R"))
      case .savedUndo(let step), .savedRedo(let step):
        d.append(UInt8(ascii: "H"))
        if case .savedUndo = e { d.append(UInt8(ascii: "u")) } else { d.append(UInt8(ascii: "r")) }
        let desc = Data(step.description.utf8.prefix(1000))
        Self.put(&d, UInt32(desc.count))
        d.append(desc)
        Self.put(&d, step.delta)
      }
    }
    try writeAll(d)
    dirty = true
  }

  /// fsyncs when the last sync is over a second old (or `force`).
  public func syncIfDue(force: Bool = false) {
    guard dirty, force || Date().timeIntervalSince(lastSync) >= 1 else { return }
    _ = fsync(fd)
    lastSync = Date()
    dirty = false
  }

  /// Removes the journal (after a clean save or quit).
  public func remove() {
    if fd >= 0 { close(fd) }
    fd = -1
    unlink(path)
  }

  private func writeAll(_ data: Data) throws(PanopticError) {
    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
      var off = 0
      while off < raw.count {
        let n = write(fd, raw.baseAddress! + off, raw.count - off)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        off += n
      }
    }
    if failure != 0 { throw .io("cannot write the journal \(path): \(String(cString: strerror(failure)))") }
  }

  static func put(_ d: inout Data, _ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) }
  }

  static func put(_ d: inout Data, _ delta: EditDelta) {
    put(&d, UInt32(delta.runs.count))
    for r in delta.runs {
      put(&d, UInt32(r.start))
      put(&d, UInt32(r.length))
      put(&d, r.before)
      put(&d, r.after)
    }
  }

  /// Reads a journal; nil when there is none. A damaged header is an error;
  /// a torn tail just ends the replay.
  public static func read(labelPath: String) throws(PanopticError) -> Recovery? {
    let p = path(for: labelPath)
    guard let data = FileManager.default.contents(atPath: p) else { return nil }
    let bytes = [UInt8](data)
    let magic = Array(Self.magic.utf8)
    guard bytes.count > magic.count, Array(bytes[0..<magic.count]) == magic,
      let nl = bytes[magic.count...].firstIndex(of: 0x0A)
    else { throw .badLabels("\(p) is not a panoptty journal (delete it to continue)") }
    guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[magic.count..<nl])) as? [String: Any],
      let baseJSON = header["base"] as? [String: Any], let base = FileIdentity(json: baseJSON)
    else { throw .badLabels("\(p) has a damaged header (delete it to continue)") }
    var i = nl + 1
    func u32() -> UInt32? {
      guard i + 4 <= bytes.count else { return nil }
      defer { i += 4 }
      return UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }
    func delta() -> EditDelta? {
      guard let n = u32(), Int(n) <= (bytes.count - i) / 16 else { return nil }
      var d = EditDelta()
      d.runs.reserveCapacity(Int(n))
      for _ in 0..<n {
        guard let s = u32(), let l = u32(), let b = u32(), let a = u32() else { return nil }
        d.runs.append(EditDelta.Run(start: Int(s), length: Int(l), before: b, after: a))
      }
      return d
    }
    var events: [JournalEvent] = []
    loop: while i < bytes.count {
      let tag = bytes[i]
      i += 1
      switch tag {
      case UInt8(ascii: "E"):
        guard let n = u32(), i + Int(n) <= bytes.count else { break loop }
        let desc = String(decoding: bytes[i..<(i + Int(n))], as: UTF8.self)
        i += Int(n)
        guard let d = delta() else { break loop }
        events.append(.step(HistoryStep(description: desc, delta: d)))
      case UInt8(ascii: "H"):
        guard i < bytes.count else { break loop }
        let kind = bytes[i]
        i += 1
        guard let n = u32(), i + Int(n) <= bytes.count else { break loop }
        let desc = String(decoding: bytes[i..<(i + Int(n))], as: UTF8.self)
        i += Int(n)
        guard let d = delta() else { break loop }
        let step = HistoryStep(description: desc, delta: d)
        events.append(kind == UInt8(ascii: "u") ? .savedUndo(step) : .savedRedo(step))
      case UInt8(ascii: "X"):
        guard let d = delta() else { break loop }
        events.append(.extend(d))
      case UInt8(ascii: "U"): events.append(.undo)
      case UInt8(ascii: "R"): events.append(.redo)
      default: break loop
      }
    }
    let started = (header["started"] as? Double).map { Date(timeIntervalSince1970: $0) } ?? Date.distantPast
    return Recovery(events: events, base: base, written: started)
  }

  public static func discard(labelPath: String) { unlink(path(for: labelPath)) }
}

/// Which version of a file edits apply to: missing, or size + mtime + inode.
public struct FileIdentity: Hashable, Sendable {
  public var exists: Bool
  public var size: Int64
  public var mtimeNanoseconds: Int64
  public var inode: UInt64

  public static func of(_ path: String) -> FileIdentity {
    var st = stat()
    guard stat(path, &st) == 0 else { return FileIdentity(exists: false, size: 0, mtimeNanoseconds: 0, inode: 0) }
    return FileIdentity(
      exists: true, size: Int64(st.st_size),
      mtimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
  }

  init(exists: Bool, size: Int64, mtimeNanoseconds: Int64, inode: UInt64) {
    self.exists = exists
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
    self.inode = inode
  }

  var json: [String: Any] { ["exists": exists, "size": size, "mtime_ns": mtimeNanoseconds, "inode": inode] }

  init?(json: [String: Any]) {
    guard let e = json["exists"] as? Bool else { return nil }
    exists = e
    size = (json["size"] as? NSNumber)?.int64Value ?? 0
    mtimeNanoseconds = (json["mtime_ns"] as? NSNumber)?.int64Value ?? 0
    inode = (json["inode"] as? NSNumber)?.uint64Value ?? 0
  }
}
