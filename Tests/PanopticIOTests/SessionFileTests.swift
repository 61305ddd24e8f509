import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

/// Reads a file's bytes, nil when absent (never follows nothing it should not:
/// used only on paths the test made).
private func contents(_ path: String) -> String? {
  (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
}

private func isSymlink(_ path: String) -> Bool {
  (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
}

private func write(_ text: String, _ path: String) throws {
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

@Suite("Crash journal on disk")
struct EditJournalTests {
  let events: [JournalEvent] = [
    .step(HistoryStep(description: "filled car #1", delta: EditDelta(unvalidatedRuns: [
      EditDelta.Run(start: 0, length: 4, before: PanopticLabel.voidClass, after: PanopticLabel.pack(classIndex: 2, instance: 1)),
    ]))),
    .undo,
    .redo,
  ]

  func header(_ label: String) -> JournalHeader {
    JournalHeader(labelName: FileNames.lastComponent(label), width: 4, height: 4, base: FileIdentity.of(label), started: 1)
  }

  /// A label file `a.png` in a new folder, with a journal holding the first event, synced.
  func journalOfOneEdit() throws -> (dir: String, label: String, journal: EditJournal) {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    let j = try EditJournal(labelPath: label, header: header(label))
    try j.append(Array(events.prefix(1)))
    try j.syncIfDue(force: true)
    return (dir, label, j)
  }

  @Test func createAppendReadDiscard() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    #expect(try EditJournal.read(labelPath: label) == nil)
    let j = try EditJournal(labelPath: label, header: header(label))
    #expect(j.path == dir + "/.a.png.panoptty-journal")
    try j.append(Array(events.prefix(1)))
    try j.append([])
    try j.append(Array(events.dropFirst()))
    try j.syncIfDue(force: true)
    let r = try #require(try EditJournal.read(labelPath: label))
    #expect(r.header == header(label))
    #expect(r.events == events)
    #expect(r.damagedRecords == 0 && r.steps == 1 && r.hasUnsavedWork)
    // Reopened after a recovery, it keeps appending after what is there.
    let again = try EditJournal(appendingTo: j.path)
    try again.append([.undo])
    #expect(try EditJournal.read(labelPath: label)?.events == events + [.undo])
    try EditJournal.discard(labelPath: label)
    #expect(try EditJournal.read(labelPath: label) == nil)
    try EditJournal.discard(labelPath: label)  // already gone: fine
    #expect(contents(label) == "labels")
  }

  /// A save clears the temporary files a killed writer left beside the label file, but never
  /// the live crash journal (or a COCO commit record) next to it. (Before, "journal" passed for
  /// an old 7-character temporary suffix: every save deleted the journal before its rename, so a
  /// full disk or a kill -9 during the save lost every unsaved edit.)
  @Test func aSaveKeepsTheJournalAndRemovesOnlyTemporaries() throws {
    let (dir, label, _) = try journalOfOneEdit()
    try write("commit record", dir + "/.a.png.panoptty-commit")
    try write("left by a killed writer", dir + "/.a.png.panoptty-x7Kq2p")
    try AtomicFile.write(bytes: Array("new labels".utf8), to: label)
    #expect(contents(label) == "new labels")
    #expect(try EditJournal.read(labelPath: label)?.events == Array(events.prefix(1)))
    #expect(contents(dir + "/.a.png.panoptty-commit") == "commit record")
    #expect(contents(dir + "/.a.png.panoptty-x7Kq2p") == nil)
  }

  /// After a recovery that left damage behind (a record this panoptty
  /// cannot read, a torn tail), new edits go right after the replayed part:
  /// appended after the damage, a second crash would lose every one of them.
  @Test(arguments: [false, true])
  func editsAfterRecoveringADamagedJournalSurviveTheNextCrash(torn: Bool) throws {
    let (_, label, j) = try journalOfOneEdit()
    let handle = try #require(FileHandle(forWritingAtPath: j.path))
    handle.seekToEndOfFile()
    // A whole record with a sound checksum but a kind no panoptty writes, or
    // the first 12 of an undo record's 13 bytes (a crash mid-write).
    let extra = torn ? Array(JournalRecords.encode([.undo]).prefix(12)) : JournalRecords.record(UInt8(ascii: "Z"), [1, 2, 3])
    handle.write(Data(extra))
    handle.closeFile()
    let r = try #require(try EditJournal.read(labelPath: label))
    #expect(r.events == Array(events.prefix(1)))
    if torn {
      #expect(r.tornTailBytes == 12 && r.damagedRecords == 0)
    } else {
      #expect(r.damagedRecords == 1 && r.firstDamage == .unreadable)
    }
    let again = try EditJournal(appendingTo: j.path, keepingFirst: r.validBytes)
    try again.append([.undo, .redo])
    let next = try #require(try EditJournal.read(labelPath: label))
    #expect(next.events == Array(events.prefix(1)) + [.undo, .redo])
    #expect(next.damagedRecords == 0 && next.tornTailBytes == 0)
  }

  @Test func savedHistoryAloneIsNotUnsavedWork() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    let j = try EditJournal(labelPath: label, header: header(label))
    let step = HistoryStep(description: "x", delta: EditDelta())
    try j.append([.savedUndo(step), .savedRedo(step)])
    let r = try #require(try EditJournal.read(labelPath: label))
    #expect(!r.hasUnsavedWork && r.steps == 0)
  }

  /// Something planted at the journal's path is removed, never opened: the
  /// file a symlink points to keeps its bytes.
  @Test func creatingNeverFollowsAPlantedSymlink() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    let victim = dir + "/victim.txt"
    try write("precious", victim)
    let jpath = EditJournal.path(for: label)
    try FileManager.default.createSymbolicLink(atPath: jpath, withDestinationPath: victim)
    // Reading refuses a symlink instead of following it.
    #expect(throws: PanopticError.self) { try EditJournal.read(labelPath: label) }
    let j = try EditJournal(labelPath: label, header: header(label))
    try j.append(events)
    #expect(!isSymlink(jpath))
    #expect(contents(victim) == "precious")
    #expect(try EditJournal.read(labelPath: label)?.events == events)
    // Reopening for append refuses a symlink too.
    try FileManager.default.removeItem(atPath: jpath)
    try FileManager.default.createSymbolicLink(atPath: jpath, withDestinationPath: victim)
    #expect(throws: PanopticError.self) { try EditJournal(appendingTo: jpath) }
    #expect(contents(victim) == "precious")
    // Discarding removes the link, not what it points to.
    try EditJournal.discard(labelPath: label)
    #expect(!FileManager.default.fileExists(atPath: jpath) && !isSymlink(jpath))
    #expect(contents(victim) == "precious")
  }

  /// After someone replaces the journal (another file renamed over it, or a
  /// symlink), the editor refuses to write instead of writing into theirs.
  @Test func appendRefusesAJournalReplacedBySomeoneElse() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    let j = try EditJournal(labelPath: label, header: header(label))
    try j.append(Array(events.prefix(1)))
    try write("someone else's file", dir + "/other")
    #expect(rename(dir + "/other", j.path) == 0)
    let error = #expect(throws: PanopticError.self) { try j.append([.undo]) }
    guard case .conflict? = error else {
      Issue.record("expected a conflict, got \(String(describing: error))")
      return
    }
    #expect(contents(j.path) == "someone else's file")
    // remove() leaves a file that is not ours alone.
    j.remove()
    #expect(contents(j.path) == "someone else's file")

    let k = try EditJournal(labelPath: dir + "/b.png", header: header(dir + "/b.png"))
    let victim = dir + "/victim.txt"
    try write("precious", victim)
    try FileManager.default.removeItem(atPath: k.path)
    try FileManager.default.createSymbolicLink(atPath: k.path, withDestinationPath: victim)
    #expect(throws: PanopticError.self) { try k.append(events) }
    #expect(contents(victim) == "precious")

    let gone = try EditJournal(labelPath: dir + "/c.png", header: header(dir + "/c.png"))
    try FileManager.default.removeItem(atPath: gone.path)
    #expect(throws: PanopticError.self) { try gone.append(events) }
    #expect(!FileManager.default.fileExists(atPath: gone.path))
  }

  @Test func removeDeletesOurOwnJournal() throws {
    let dir = makeTempDir()
    let j = try EditJournal(labelPath: dir + "/a.png", header: header(dir + "/a.png"))
    try j.append(events)
    j.remove()
    #expect(!FileManager.default.fileExists(atPath: j.path))
    #expect(throws: PanopticError.self) { try j.append(events) }
  }

  @Test func aJournalThatIsNotOneIsAnErrorNamingTheWayOut() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("not a journal at all", EditJournal.path(for: label))
    let error = #expect(throws: PanopticError.self) { try EditJournal.read(labelPath: label) }
    #expect(error?.description.contains("--discard-recovery") == true, "\(String(describing: error))")
    try FileManager.default.createDirectory(atPath: dir + "/.b.png.panoptty-journal", withIntermediateDirectories: false)
    #expect(throws: PanopticError.self) { try EditJournal.read(labelPath: dir + "/b.png") }
  }

  /// The journal of a symlinked label file lives beside the real file, so
  /// every spelling of one file finds the same journal.
  @Test func aSymlinkedLabelFileSharesTheRealFilesJournal() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
    try write("labels", dir + "/real/a.png")
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.png", withDestinationPath: dir + "/real/a.png")
    let real = try #require(SystemCall.realPath(dir + "/real/a.png"))
    #expect(EditJournal.path(for: dir + "/link.png") == FileNames.sidecar(of: real, suffix: ".panoptty-journal"))
    let j = try EditJournal(labelPath: dir + "/link.png", header: header(dir + "/link.png"))
    try j.append(events)
    #expect(try EditJournal.read(labelPath: dir + "/real/a.png")?.events == events)
  }

  /// A label file named with 238–251 characters could not be edited: its lock and journal
  /// names passed the 255-byte limit ("File name too long"). They are cut and hashed instead.
  @Test func sidecarNamesOfLongFileNamesFitAndStayApart() throws {
    let long = String(repeating: "é", count: 120) + "_labels.png"  // 251 bytes
    let a = FileNames.sidecarName(long, suffix: ".panoptty-journal")
    let b = FileNames.sidecarName(String(long.dropFirst()) + "x", suffix: ".panoptty-journal")
    #expect(a.utf8.count <= 255 && b.utf8.count <= 255)
    #expect(a != b && a.hasPrefix(".éé") && a.hasSuffix(".panoptty-journal"))
    #expect(a == FileNames.sidecarName(long, suffix: ".panoptty-journal"))
    #expect(FileNames.sidecarName("x.png", suffix: ".panoptty-lock") == ".x.png.panoptty-lock")
    // And the editor's journal really can be made there.
    let dir = makeTempDir()
    let path = dir + "/" + String(repeating: "a", count: 245) + ".png"
    try write("labels", path)
    let j = try EditJournal(labelPath: path, header: header(path))
    try j.append(events)
    #expect(try EditJournal.read(labelPath: path)?.events == events)
  }
}

@Suite("File lock")
struct FileLockTests {
  /// The holder takes the lock and then writes who it is: a second editor in between read an
  /// empty file and said "another panoptty". It now reads again for a moment and names it.
  @Test func aHolderThatHasNotWrittenItsNameYetIsStillNamed() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    let path = FileLock.path(for: label)
    let (fd, _) = try FileLock.openSidecar(path)
    defer { SystemCall.close(fd) }
    #expect(try SystemCall.flock(fd, exclusive: true, nonBlocking: true))
    let writer = Thread {
      usleep(30_000)
      try? SystemCall.pwriteAll(fd, Array("ann@gpu3 pid 4242 since then\n".utf8), at: 0)
    }
    writer.start()
    let error = #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    #expect(error?.description.hasPrefix("being edited by ann@gpu3 pid 4242") == true, "\(String(describing: error))")
  }

  @Test func aSecondLockIsRefusedNamingTheHolder() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    let first = try FileLock(labelPath: label)
    #expect(first.path == dir + "/.a.png.panoptty-lock")
    #expect(contents(first.path)?.contains("pid \(getpid()) since ") == true)
    let error = #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    guard case .conflict(let why)? = error else {
      Issue.record("expected a conflict, got \(String(describing: error))")
      return
    }
    #expect(why.hasPrefix("being edited by "), "\(why)")
    #expect(why.contains("pid \(getpid())"), "\(why)")
    #expect(why.hasSuffix("; open it with --read-only to look"), "\(why)")
    // Released, the sidecar goes and the file can be locked again.
    first.release()
    #expect(!FileManager.default.fileExists(atPath: first.path))
    let second = try FileLock(labelPath: label)
    second.release()
    #expect(contents(label) == "labels")
  }

  /// The holder line comes from a file anyone in the folder can write: it
  /// is shown as one line, without control characters (no terminal escapes).
  @Test func theHolderLineIsSanitised() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    let lock = try FileLock(labelPath: label)
    // Rewritten in place (same inode, so the lock on it still holds).
    let handle = try #require(FileHandle(forWritingAtPath: lock.path))
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: Data("mallory\u{1B}[2J\u{7}\nsecond line\r".utf8))
    try handle.close()
    let error = #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    let text = error?.description ?? ""
    #expect(text.contains("mallory[2Jsecond line"), "\(text)")
    #expect(!text.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }, "\(text.debugDescription)")
    lock.release()
  }

  @Test func aLabelFileThatDoesNotExistYetCanBeLocked() throws {
    let dir = makeTempDir()
    let lock = try FileLock(labelPath: dir + "/new.png")
    #expect(throws: PanopticError.self) { try FileLock(labelPath: dir + "/new.png") }
    // After the first save the new inode is locked too.
    try write("saved", dir + "/new.png")
    try lock.lockTarget()
    try FileManager.default.linkItem(atPath: dir + "/new.png", toPath: dir + "/hard.png")
    #expect(throws: PanopticError.self) { try FileLock(labelPath: dir + "/hard.png") }
    lock.release()
  }

  /// A symlink planted where the sidecar goes is refused, never followed,
  /// and the file it points to keeps its bytes.
  @Test func aSymlinkedSidecarIsRefusedAndItsTargetUntouched() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    let victim = dir + "/victim.txt"
    try write("precious", victim)
    try FileManager.default.createSymbolicLink(atPath: FileLock.path(for: label), withDestinationPath: victim)
    let error = #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    guard case .conflict(let why)? = error else {
      Issue.record("expected a conflict, got \(String(describing: error))")
      return
    }
    #expect(why.contains("is a symlink"), "\(why)")
    #expect(contents(victim) == "precious")
    #expect(isSymlink(FileLock.path(for: label)))
    // A dangling symlink is not followed into a new file either.
    try FileManager.default.removeItem(atPath: FileLock.path(for: label))
    try FileManager.default.createSymbolicLink(atPath: FileLock.path(for: label), withDestinationPath: dir + "/made-by-us")
    #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    #expect(!FileManager.default.fileExists(atPath: dir + "/made-by-us"))
  }

  @Test func aFolderAtTheSidecarPathIsRefused() throws {
    let dir = makeTempDir()
    try FileManager.default.createDirectory(atPath: FileLock.path(for: dir + "/a.png"), withIntermediateDirectories: false)
    #expect(throws: PanopticError.self) { try FileLock(labelPath: dir + "/a.png") }
  }

  /// Two names of one file are one file: a symlink shares the real file's
  /// sidecar, a hard link is caught by the lock on the file itself.
  @Test func aSymlinkOrHardLinkToALockedFileConflicts() throws {
    let dir = makeTempDir()
    let label = dir + "/a.png"
    try write("labels", label)
    try FileManager.default.createSymbolicLink(atPath: dir + "/soft.png", withDestinationPath: label)
    try FileManager.default.linkItem(atPath: label, toPath: dir + "/hard.png")
    try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(atPath: dir + "/sub/up.png", withDestinationPath: "../a.png")
    let lock = try FileLock(labelPath: label)
    for other in [dir + "/soft.png", dir + "/hard.png", dir + "/sub/up.png", dir + "/./a.png"] {
      let error = #expect(throws: PanopticError.self, "\(other)") { try FileLock(labelPath: other) }
      guard case .conflict? = error else {
        Issue.record("\(other): expected a conflict, got \(String(describing: error))")
        continue
      }
    }
    let hard = #expect(throws: PanopticError.self) { try FileLock(labelPath: dir + "/hard.png") }
    #expect(hard?.description.contains("under another name") == true, "\(String(describing: hard))")
    // The failed attempts left the holder's lock in place.
    #expect(FileManager.default.fileExists(atPath: lock.path))
    #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    lock.release()
    // And the other way round: the hard link first.
    let viaHard = try FileLock(labelPath: dir + "/hard.png")
    #expect(throws: PanopticError.self) { try FileLock(labelPath: label) }
    viaHard.release()
    #expect(contents(label) == "labels")
  }
}

/// Paths in commands that messages tell the user to run.
@Suite("Shell words")
struct ShellQuotingTests {
  @Test func pathsThatNeedQuotesGetThem() {
    #expect(FileNames.shellQuoted("photos/a_1.png") == "photos/a_1.png")
    #expect(FileNames.shellQuoted("ds 2/a.png") == "'ds 2/a.png'")
    #expect(FileNames.shellQuoted("it's.png") == "'it'\\''s.png'")
    #expect(FileNames.shellQuoted("$HOME/x;rm") == "'$HOME/x;rm'")
    #expect(FileNames.shellQuoted("日本.png") == "'日本.png'")
    #expect(FileNames.shellQuoted("") == "''")
    // A leading dash is not an option; a newline does not break the line.
    #expect(FileNames.shellQuoted("-ds3/p.png") == "./-ds3/p.png")
    #expect(FileNames.shellQuoted("nl\nx'.png") == "$'nl\\nx\\'.png'")
    #expect(FileNames.shellQuoted("a\u{1}b") == "$'a\\x01b'")
    // A Latin-1 byte is given back as the byte, so bash opens the same file.
    #expect(FileNames.shellQuoted(FileNameBytes.string([0x63, 0x61, 0x66, 0xE9, 0x2E, 0x70, 0x6E, 0x67])) == "$'caf\\xe9.png'")
  }
}

/// Names that are not UTF-8 reach the system as the bytes they were (see FileNameBytes).
@Suite("Non-UTF-8 file names")
struct RawByteFileNameTests {
  @Test func aLatin1NamedFileIsFoundListedAndRenamed() throws {
    let folder = makeTempDir()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let latin1 = FileNameBytes.string(Array("caf".utf8) + [0xE9] + Array(".png".utf8))
    let path = folder + "/" + latin1
    let fd = try SystemCall.open(path, .writeOnly, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
    try SystemCall.writeAll(fd, [1, 2, 3])
    SystemCall.close(fd)
    // On disk the name is the five bytes, not U+FFFD and not the escape's UTF-8.
    #expect(SystemCall.folderEntries(folder) == [latin1])
    #expect(try SystemCall.stat(path)?.identity.size == 3)
    #expect(SystemCall.realPath(path)?.hasSuffix("/" + latin1) == true)
    let moved = path + ".bak"
    try SystemCall.rename(path, moved)
    #expect(try SystemCall.stat(path) == nil)
    #expect(try SystemCall.stat(moved) != nil)
    try SystemCall.unlink(moved)
    #expect(SystemCall.folderEntries(folder).isEmpty)
  }
}

/// A file only created new (a COCO batch's PNGs and JSON) is never written over: one that
/// exists, or that another process makes while it is written, is a conflict and keeps its bytes.
@Suite("New-file-only writes")
struct NewFileOnlyWriteTests {
  func contents(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

  @Test func aNewFileIsWrittenAndAnExistingOneIsNotReplaced() throws {
    let dir = makeTempDir()
    try AtomicFile.write(bytes: Array("first".utf8), to: dir + "/a.json", replacing: false)
    #expect(contents(dir + "/a.json") == "first")
    #expect(throws: AtomicFile.existsAlready) { try AtomicFile.write(bytes: Array("second".utf8), to: dir + "/a.json", replacing: false) }
    #expect(contents(dir + "/a.json") == "first")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.json"])
  }

  @Test func aFileMadeMeanwhileIsNotReplaced() throws {
    let dir = makeTempDir()
    let target = dir + "/b.json"
    #expect(throws: AtomicFile.existsAlready) {
      try AtomicFile.write(to: target, replacing: false) { (fd) throws(PanopticError) in
        // Another process makes the file while this one is writing its own.
        _ = FileManager.default.createFile(atPath: target, contents: Data("theirs".utf8))
        try SystemCall.writeAll(fd, Array("ours".utf8))
      }
    }
    #expect(contents(target) == "theirs")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["b.json"])
  }

}
