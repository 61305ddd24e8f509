import Glibc
import PanopticModel
import SystemPackage

/// The PNG + JSON of a COCO save as one commit (issue 9 item 6).
///
/// `commit` runs with both files staged (complete and fsync'ed under
/// temporary names) and the JSON's lock held: it writes the intent record
/// `.NAME.json.panoptty-commit` (`COCOCommitRecord`, checksummed, fsync'ed
/// with its folder), renames the PNG, then the JSON, fsyncs both folders and
/// removes the record. A crash anywhere leaves either no record (nothing
/// was renamed: the old pair stands, the temporary files are cleaned later)
/// or a record, which `recover` — run by the next open or write of that JSON,
/// under its lock — completes when it is whole or rolls back when it is torn.
enum COCOPairCommit {
  /// `.NAME.json.panoptty-commit` beside the real JSON.
  static func recordPath(forJSON resolvedJSON: String) -> String {
    FileNames.sidecar(of: resolvedJSON, suffix: ".panoptty-commit")
  }

  /// Commits `staged` (the PNG first, the JSON last) for `resolvedJSON`,
  /// and closes them. A failure before the record is durable discards the
  /// staged files (nothing changed); after it, they stay for `recover`
  /// (tried at once, else by the next open).
  static func commit(_ staged: [StagedFile], json resolvedJSON: String, display: String) throws(PanopticError) {
    var durable = false
    defer {
      for file in staged {
        if durable { file.close() } else { file.discard() }
      }
    }
    let record = COCOCommitRecord(
      renames: staged.map { COCOCommitRecord.Rename(temporary: $0.temporary, target: $0.target) })
    let path = recordPath(forJSON: resolvedJSON)
    let fd: FileDescriptor
    do {
      fd = try SystemCall.open(
        path, .writeOnly, options: [.create, .exclusiveCreate, .noFollow, .nonBlocking],
        permissions: FilePermissions(rawValue: 0o644))
    } catch {
      throw error.prefixed("\(display): cannot create the commit record \(path)")
    }
    defer { SystemCall.close(fd) }
    // Locked while it lives, so stale-temporary cleaning never takes it.
    _ = try? SystemCall.flock(fd, exclusive: true, nonBlocking: true)
    do throws(PanopticError) {
      try SystemCall.writeAll(fd, record.encoded(), context: "\(display): cannot write the commit record")
      try SystemCall.fsync(fd, context: "\(display): cannot write the commit record")
      try AtomicFile.syncFolder(FileNames.folder(path))
    } catch {
      try? SystemCall.unlink(path)
      throw error
    }
    durable = true
    do throws(PanopticError) {
      try apply(record)
      try? SystemCall.unlink(path)
    } catch {
      // The record is durable: finishing the renames is the only way
      // forward. If that works now the save happened; else the next open
      // of the JSON finishes it (the temporary files stay for it).
      let original = error
      do {
        try recover(json: resolvedJSON)
      } catch {
        throw original
      }
    }
  }

  /// Completes or rolls back a commit a crash left behind. Call it with the
  /// JSON's lock held; without a record it is one `lstat`.
  static func recover(json resolvedJSON: String) throws(PanopticError) {
    let path = recordPath(forJSON: resolvedJSON)
    guard let st = try SystemCall.stat(path, followSymlinks: false) else { return }
    guard st.isRegular else { throw .conflict("\(path) is not a regular file; remove it to continue") }
    let fd = try SystemCall.open(path, .readOnly, options: [.noFollow, .nonBlocking])
    let bytes = (try? SystemCall.readAll(fd, limit: 1 << 16)) ?? []
    SystemCall.close(fd)
    let reading = COCOCommitRecord.decode(bytes)
    let renames: [COCOCommitRecord.Rename]
    switch reading {
    case .whole(let record): renames = record.renames
    case .torn(let partial): renames = partial
    }
    guard renames.allSatisfy(isOwnTemporary) else {
      throw .conflict("\(path) names files that are not panoptty's temporary files; remove it to continue")
    }
    for rename in renames where !(try mayComplete(rename, json: resolvedJSON)) {
      throw .conflict(
        "\(path) would put another user's file over \(rename.target); remove it (and \(rename.temporary)) to continue")
    }
    switch reading {
    case .whole(let record): try apply(record)
    case .torn:
      for rename in renames { try? SystemCall.unlink(rename.temporary) }
    }
    try SystemCall.unlink(path)
  }

  /// Before a COCO PNG is read: finishes a commit left on its JSON, so the
  /// PNG and JSON read next are one pair. One `lstat` when nothing is
  /// pending; a reader that may not take the lock (a read-only folder) reads
  /// what is there.
  static func completePending(forJSON jsonPath: String) {
    guard let resolved = try? AtomicFile.resolvedTarget(jsonPath) else { return }
    let absolute = FileNames.absolute(resolved).string
    guard let pending = try? SystemCall.stat(recordPath(forJSON: absolute), followSymlinks: false), pending != nil,
      let lock = try? COCOJSONLock(json: absolute, display: jsonPath)
    else { return }
    try? recover(json: absolute)
    lock.release()
  }

  /// Renames every temporary file still there onto its target, then makes
  /// the renames durable. A temporary file already gone was renamed before
  /// the crash.
  static func apply(_ record: COCOCommitRecord) throws(PanopticError) {
    var folders: [String] = []
    for rename in record.renames {
      if let st = try SystemCall.stat(rename.temporary, followSymlinks: false), st.isRegular {
        try SystemCall.rename(
          rename.temporary, rename.target, context: "cannot put \(FileNames.lastComponent(rename.target)) in place")
      }
      let folder = FileNames.folder(rename.target)
      if !folders.contains(folder) { folders.append(folder) }
    }
    for folder in folders { try AtomicFile.syncFolder(folder) }
  }

  /// Whether finishing `rename` could only do what its owner could have
  /// done: it targets this JSON or a PNG, and the temporary file belongs to
  /// us or to whoever owns the file it replaces (a colleague's crashed save
  /// completes; a planted record cannot put one user's bytes over another's).
  static func mayComplete(_ rename: COCOCommitRecord.Rename, json: String) throws(PanopticError) -> Bool {
    guard rename.target == json || rename.target.lowercased().hasSuffix(".png") else { return false }
    guard let temp = try SystemCall.stat(rename.temporary, followSymlinks: false) else { return true }
    if temp.ownerID == SystemCall.userID { return true }
    guard let target = try SystemCall.stat(rename.target, followSymlinks: false) else { return true }
    return target.ownerID == temp.ownerID
  }

  /// A rename is panoptty's own when its temporary file is a sibling of the
  /// target named like `AtomicFile`'s temporary files for it: a planted
  /// record cannot move arbitrary files around.
  static func isOwnTemporary(_ rename: COCOCommitRecord.Rename) -> Bool {
    let name = FileNames.lastComponent(rename.target)
    let prefix = AtomicFile.temporaryPrefix(for: name)
    let temporaryName = FileNames.lastComponent(rename.temporary)
    let suffix = temporaryName.dropFirst(prefix.count)
    // `PID-RANDOM`, or (older panoptty) 6–8 random characters.
    let parts = suffix.split(separator: "-", omittingEmptySubsequences: false)
    let random = parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isASCIIDigit) ? parts[1] : suffix
    return rename.target.hasPrefix("/") && !name.isEmpty && name != "." && name != ".."
      && FileNames.folder(rename.temporary) == FileNames.folder(rename.target)
      && temporaryName.hasPrefix(prefix) && (6...8).contains(random.count)
      && random.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
