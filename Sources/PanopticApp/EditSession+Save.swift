import PanopticEditor
import PanopticIO
import PanopticModel

/// The save policy: what `w`, `w PATH` and `w!` may overwrite.
extension EditSession {
  /// What a save did, for the message line.
  public struct SaveOutcome: Sendable {
    public var message: String
    /// True when the label file itself was written (not a copy).
    public var savedLabelFile: Bool
    public var fileIDs: FileIDScheme
  }

  /// Where a save goes, decided by file identity (device and inode, or the
  /// canonical path for a file that does not exist yet), never by spelling:
  /// `./x.png`, `dir/../x.png` and a symlink to the label file are the label
  /// file; the photo is never a target.
  enum SaveTarget: Equatable {
    case labelFile
    case copy(String)
  }

  /// `~` and `~/…` as a shell would read them: a `:w ~/x.png` means the home folder, and
  /// scripts are not run through a shell that would have expanded it.
  static func expandingHome(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"), let home = Console.environment["HOME"], !home.isEmpty else { return path }
    return home + path.dropFirst()
  }

  func target(of given: String?) throws(PanopticError) -> SaveTarget {
    guard let given else { return .labelFile }
    let path = Self.expandingHome(given)
    guard !path.isEmpty else { throw .usage("w needs a file name (or none, to save the label file)") }
    guard path != "-" else { throw .usage("- is standard output, which is the editor's screen; name a file to save to") }
    let there = FileIdentity.of(path)
    if let there, let image = imageIdentity, there.isSameFile(as: image) {
      throw .usage("\(path) is the photo being labelled; panoptty never writes over it (w! neither)")
    }
    if let there, let ref = referenceIdentity, there.isSameFile(as: ref) {
      throw .usage("\(path) is the reference labels, which are read only; save under another name (w! neither)")
    }
    // Where a write would fail only after the work (a script's later lines) was done: said now.
    if path.hasSuffix("/") || FileStatus.of(path)?.isDirectory == true {
      throw .usage("\(path) is a folder; name the file to save, e.g. \(path.hasSuffix("/") ? path : path + "/")\(FileNames.lastComponent(labelPath))")
    }
    let folder = FileNames.folder(path)
    switch FileStatus.of(folder)?.isDirectory {
    case true?: break
    case false?: throw .usage("\(path): \(folder) is a file, not a folder")
    case nil: throw .usage("\(path): the folder \(folder) does not exist; make it first (mkdir -p \(FileNames.shellQuoted(folder)))")
    }
    let lowered = path.lowercased()
    if there == nil, [".json", ".jpg", ".jpeg", ".npy", ".txt"].contains(where: { lowered.hasSuffix($0) }) {
      throw .usage("\(path): panoptty saves label PNGs, and this would be one under another kind's name; name it .png")
    }
    let name = FileNames.lastComponent(path)
    if name.hasPrefix("."), name.contains(".panoptty-") {
      throw .usage("\(path) is one of panoptty's own files (a lock, journal or temporary file); save under another name")
    }
    if let there, let base = FileIdentity.of(labelPath), there.isSameFile(as: base) { return .labelFile }
    if there == nil, FileNames.canonical(path) == FileNames.canonical(labelPath) { return .labelFile }
    // A copy may replace an older label file, never a photo or a JSON someone typed by mistake.
    if there != nil, let what = NotALabelFile.kind(of: path) {
      throw .usage("\(path) is \(what), not a label file; panoptty does not write over it (w! neither), save under another name")
    }
    // A COCO copy is listed in the JSON beside its folder; when that is the JSON this session
    // edits, the copy would become a second image of the same photo in the dataset.
    // (Into the dataset's PNG folder under another name, a symlink to it, the copy would be a
    // PNG there that the dataset's JSON does not list.)
    if format == .coco {
      func same(_ a: String, _ b: String) -> Bool {
        guard let x = FileIdentity.of(a), let y = FileIdentity.of(b) else { return false }
        return x.isSameFile(as: y)
      }
      if let json = annotations, same(COCOAnnotationsFile.siblingPath(of: path), json) {
        throw .usage(
          "\(path): a COCO copy is listed in the JSON beside its folder, which is \(json), the dataset this session edits (it would list the photo twice); save the copy into another folder")
      }
      if same(folder, FileNames.folder(labelPath)) {
        throw .usage(
          "\(path): that folder holds the label file's PNGs (\(FileNames.folder(labelPath))), and a COCO copy there would be a PNG its JSON does not list; save the copy into another folder")
      }
    }
    return .copy(path)
  }

  /// Writes `map` through the shared encoder in the file's own format.
  public func save(_ map: LabelMap, to given: String?, force: Bool) throws(PanopticError) -> SaveOutcome {
    let target = try target(of: given)
    let destination: String
    switch target {
    case .labelFile:
      destination = labelPath
      if readOnly { throw .conflict("\(labelPath): opened read-only; save a copy with w PATH") }
      // Saved in place as COCO, a 2-channel dataset's file changed format under its name (and a
      // JSON appeared beside its folder), so panopticapi's 2-channel reader misread it.
      if let kept = readOnlyFormat {
        throw .conflict(
          "\(labelPath) is \(kept.rawValue), which panoptty reads but does not write; save the edits as COCO with w NEW.png (its JSON beside NEW's folder)")
      }
      let now = FileIdentity.of(labelPath)
      let leadsTo = Self.realTarget(of: labelPath)
      if leadsTo != openedTarget {
        throw .conflict(
          "\(labelPath) now leads to \(leadsTo), not to \(openedTarget) as when it was opened (a symlink changed); w! does not follow it either: w PATH saves elsewhere")
      }
      if !force && now != baseIdentity {
        throw .conflict(
          now == nil && baseIdentity != nil
            ? "\(labelPath) was deleted since it was opened; w! writes it again, w PATH saves elsewhere"
            : "\(labelPath) changed on disk since it was opened; w! overwrites it, w PATH saves elsewhere")
      }
      if !force, let why = FileStatus.writeProtection(of: labelPath) {
        throw .conflict("\(labelPath) \(why); w! overwrites it, w PATH saves elsewhere")
      }
      // A COCO save replaces the JSON too: the same rule holds for it.
      if !force, let json = annotations, let why = FileStatus.writeProtection(of: json) {
        throw .conflict("\(json) \(why); w! overwrites it, w PATH saves the PNG elsewhere")
      }
    case .copy(let p):
      destination = p
    }
    // A copy written over a file another editor has open, or one whose editor stopped with
    // edits in its journal, would be undone by that save or strand those edits.
    var copyLock: FileLock?
    if target != .labelFile {
      do {
        copyLock = try FileLock.forWritingWherePossible(destination, busyHint: "save the copy elsewhere, or once that editor is done")
      } catch {
        throw error.prefixed(destination)
      }
    }
    defer { copyLock?.release() }
    let report: LabelWriteReport
    do {
      // A copy is the same image in the same format: it keeps the ids (and, COCO, the
      // image_id and the photo's name) so it pairs with the original, as convert's copy does.
      let isCopy = target != .labelFile
      report = try LabelFile.write(
        map, catalog: catalog, to: destination, format: format, offsetFormat: offsetFormat,
        annotations: isCopy ? nil : annotations, photo: isCopy ? cocoImage?.entry?.fileName ?? imagePath : imagePath,
        keepingIDs: fileIDs.knownIDs, imageID: isCopy ? cocoImage?.id : nil, classMajor: classMajor)
    } catch {
      throw error.prefixed(destination)
    }
    // A Cityscapes save names the labelIds / labelTrainIds files it rewrote too.
    var text = "wrote \(destination) \(report.formatSummary)"
    // A copy's JSON is whatever lies beside its folder: say which file that was.
    if target != .labelFile, let json = report.annotationsPath { text = "wrote \(destination) (\(format.rawValue), annotations \(json))" }
    if report.widened { text += "; over 65 instances: widened to 8-bit RGB" }
    guard target == .labelFile else {
      return SaveOutcome(message: text + ", a copy", savedLabelFile: false, fileIDs: fileIDs)
    }
    baseIdentity = FileIdentity.of(labelPath)
    fileIDs = report.fileIDs
    try? lock?.lockTarget()
    journal?.remove()
    journal = nil
    journalBacklog = []
    return SaveOutcome(message: text, savedLabelFile: true, fileIDs: report.fileIDs)
  }
}
