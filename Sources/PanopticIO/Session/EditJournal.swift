import PanopticModel
import SystemPackage

/// The crash journal beside a label file (`.NAME.panoptty-journal`): every
/// edit is appended as it happens (deltas, not snapshots), so after a crash,
/// a kill or a dropped SSH link the next `panoptty edit` can replay it onto
/// the file as it was and get back the exact state, undo history included.
///
/// It is created exclusively and never through a symlink, and before each
/// append its path is checked to still be the file we created: a journal
/// swapped for a link while the editor runs is never written through.
/// A failed append (a full disk) is rolled back to the last whole record, so
/// the caller can keep the events and try again.
public final class EditJournal {
  public let path: String
  private var fd: FileDescriptor?
  private var identity: FileIdentity
  /// Bytes that hold whole records; a failed write is cut back to this.
  private var goodLength: Int64
  private var lastSync: Int64 = 0
  private var dirty = false

  /// Where the journal of `labelPath` lives (beside the real file).
  public static func path(for labelPath: String) -> String {
    FileNames.sidecar(of: (try? AtomicFile.resolvedTarget(labelPath)) ?? labelPath, suffix: ".panoptty-journal")
  }

  /// Starts a new journal. Whatever is at the path (a stale journal the
  /// user chose to drop, something planted there) is removed, never opened.
  public init(labelPath: String, header: JournalHeader) throws(PanopticError) {
    path = Self.path(for: labelPath)
    try SystemCall.unlink(path)
    let context = "cannot create the journal \(path)"
    let fd = try SystemCall.open(
      path, .writeOnly, options: [.create, .exclusiveCreate, .noFollow, .nonBlocking], permissions: [.ownerReadWrite], context: context)
    self.fd = fd
    let bytes = JournalRecords.encode(header: header)
    do throws(PanopticError) {
      try SystemCall.writeAll(fd, bytes, context: context)
      try SystemCall.fsync(fd, context: context)
      identity = try SystemCall.fstat(fd).identity
    } catch {
      SystemCall.close(fd)
      try? SystemCall.unlink(path)
      throw error
    }
    goodLength = Int64(bytes.count)
  }

  /// Opens an existing journal to append more edits (after a recovery).
  /// With `keepingFirst` (a recovery's `validBytes`), the damaged or torn
  /// records after the part that was replayed are cut off first: the next
  /// edits go straight after the replayed ones, where a later recovery will
  /// find them.
  public init(appendingTo path: String, keepingFirst validBytes: Int? = nil) throws(PanopticError) {
    self.path = path
    let context = "cannot reopen the journal \(path)"
    let fd = try SystemCall.open(path, .writeOnly, options: [.append, .noFollow, .nonBlocking], context: context)
    self.fd = fd
    do throws(PanopticError) {
      let st = try SystemCall.fstat(fd)
      guard st.isRegular else { throw PanopticError.conflict("\(path) is not a regular file") }
      if let validBytes, Int64(validBytes) < st.identity.size {
        try SystemCall.ftruncate(fd, Int64(validBytes))
        try SystemCall.fsync(fd, context: context)
      }
      let now = try SystemCall.fstat(fd)
      identity = now.identity
      goodLength = now.identity.size
    } catch {
      SystemCall.close(fd)
      throw error
    }
  }

  deinit { if let fd { SystemCall.close(fd) } }

  /// Appends events. They reach the page cache at once (a kill -9 loses
  /// nothing) and the disk within a second (`syncIfDue`). On failure the
  /// file is cut back to its last whole record and the error is thrown: the
  /// caller keeps the events and retries.
  public func append(_ events: [JournalEvent]) throws(PanopticError) {
    guard !events.isEmpty else { return }
    guard let fd else { throw .io("the journal \(path) is closed") }
    try checkStillOurs()
    let bytes = JournalRecords.encode(events)
    do {
      try SystemCall.pwriteAll(fd, bytes, at: goodLength, context: "cannot write the journal \(path)")
    } catch {
      try? SystemCall.ftruncate(fd, goodLength)
      throw error
    }
    goodLength += Int64(bytes.count)
    dirty = true
  }

  /// Refuses to write when the path no longer names the file we created
  /// (deleted, replaced, or turned into a symlink by someone else).
  private func checkStillOurs() throws(PanopticError) {
    guard let now = try SystemCall.stat(path, followSymlinks: false), now.isRegular,
      now.identity.isSameFile(as: identity)
    else {
      throw .conflict("the journal \(path) was replaced or removed by someone else; save your work (w) to be safe")
    }
  }

  /// fsyncs when the last sync is over a second old (or `force`).
  public func syncIfDue(force: Bool = false) throws(PanopticError) {
    guard dirty, let fd else { return }
    let now = SystemCall.now().seconds
    guard force || now - lastSync >= 1 else { return }
    try SystemCall.fsync(fd, context: "cannot sync the journal \(path)")
    lastSync = now
    dirty = false
  }

  /// Removes the journal (after a clean save or quit).
  public func remove() {
    if let fd { SystemCall.close(fd) }
    fd = nil
    if let now = try? SystemCall.stat(path, followSymlinks: false), now.identity.isSameFile(as: identity) {
      try? SystemCall.unlink(path)
    }
  }

  /// Reads the journal of `labelPath`; nil when there is none. Never follows
  /// a symlink; anything that is not a plain journal is an error that names
  /// `--discard-recovery`.
  public static func read(labelPath: String) throws(PanopticError) -> Recovery? {
    let p = path(for: labelPath)
    guard let st = try SystemCall.stat(p, followSymlinks: false) else { return nil }
    let hint = "--discard-recovery removes it"
    if st.isDirectory { throw .conflict(folderInTheWay(p)) }
    guard st.isRegular else { throw .badLabels("\(p) is not a journal (a \(st.isSymlink ? "symlink" : "special file")); \(hint)") }
    guard st.identity.size <= 1 << 32 else { throw .tooLarge("\(p) is over 4 GB; \(hint)") }
    let fd: FileDescriptor
    do {
      fd = try SystemCall.open(p, .readOnly, options: [.noFollow, .nonBlocking])
    } catch {
      // Someone else's journal (a colleague's crashed session) we may not read.
      throw error.prefixed("cannot read the crash journal \(p) (unsaved edits of another session)")
        .withHint("ask its owner, or \(hint)")
    }
    defer { SystemCall.close(fd) }
    let bytes = try SystemCall.readAll(fd, limit: 1 << 32)
    do {
      let d = try JournalRecords.decode(bytes)
      return Recovery(
        header: d.header, events: d.events, damagedRecords: d.damagedRecords, tornTailBytes: d.tornTailBytes,
        firstDamage: d.firstDamage, headerBytes: d.headerBytes, eventEnds: d.eventEnds)
    } catch {
      throw error.prefixed(p).withHint(hint)
    }
  }

  /// Removes any journal of `labelPath`, damaged or not, without following it.
  public static func discard(labelPath: String) throws(PanopticError) {
    let p = path(for: labelPath)
    if let st = try SystemCall.stat(p, followSymlinks: false), st.isDirectory { throw .conflict(folderInTheWay(p)) }
    try SystemCall.unlink(p)
  }

  /// A folder where the journal goes: not ours to delete (it may hold anything), and no
  /// journal can be written or dropped while it is there.
  public static func folderInTheWay(_ p: String) -> String {
    "\(p) is a folder, not a crash journal; panoptty does not delete folders: move or rename it"
  }

  /// Whether a folder stands where `labelPath`'s journal goes.
  public static func folderStandsInTheWay(labelPath: String) -> Bool {
    ((try? SystemCall.stat(path(for: labelPath), followSymlinks: false)) ?? nil)?.isDirectory == true
  }
}
