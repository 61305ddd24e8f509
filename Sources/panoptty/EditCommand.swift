import ArgumentParser
import Foundation
import PanopticCore
import PanopticIO
import Synchronization
import TerminalUI

/// The last signal that asked us to stop (0 = none). Written by the signal
/// handler, read by the event loop: an atomic store is async-signal-safe.
let pendingSignal = Atomic<Int32>(0)

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Label an image: paint stuff, flood-fill new thing instances, undo, save.",
    discussion: """
      Opens IMAGE (PNG or JPEG) with its labels (--labels, default
      NAME_labels.png beside the image; created empty if missing). Press ? for
      the keys, : for commands. Without a terminal, run commands with --script
      or -c; they are applied in order and the result is saved.
      Examples:
        panoptty edit street.jpg
        panoptty edit street.jpg --keymap vim
        panoptty edit street.jpg -c 'class car; fill 120 80; class road; paint 5 190 300 190'
      """)

  @Argument(help: "The photo to label (PNG or JPEG).")
  var image: String

  @Option(help: "Label PNG to edit (default: NAME_labels.png beside the image).")
  var labels: String?

  @Option(help: "Keymap: default, vim, or a keymap file (applied over default).")
  var keymap: String?

  @Option(help: "Run the commands in this file, then save (no terminal needed).")
  var script: String?

  @Option(name: .customShort("c"), help: "Run these ;-separated commands, then save.")
  var commands: String?

  @Option(help: "Colours: auto, truecolor, 256, 16, mono.")
  var colors: ColorChoice = .auto

  @Flag(help: "Replay unsaved work left by a crash (the journal beside the labels).")
  var recover = false

  @Flag(help: "Throw away unsaved work left by a crash.")
  var discardRecovery = false

  @Flag(help: "Open without taking the lock; saving is refused except `w PATH` elsewhere.")
  var readOnly = false

  @OptionGroup var options: LabelOptions

  func validate() throws {
    if script != nil && commands != nil { throw ValidationError("use --script or -c, not both") }
    if recover && discardRecovery { throw ValidationError("use --recover or --discard-recovery, not both") }
  }

  var labelPath: String {
    labels ?? URL(fileURLWithPath: image).deletingPathExtension().path + "_labels.png"
  }

  func run() throws {
    let scripted = script != nil || commands != nil
    if !scripted && !(TerminalEnvironment.stdinIsTTY && TerminalEnvironment.stdoutIsTTY) {
      throw Failure(
        "edit needs a terminal (stdin or stdout is not one); run commands with --script FILE or -c 'CMD; CMD'",
        status: 2)
    }
    var document = try EditDocument.open(image: image, labelPath: labelPath, options: options)
    document.readOnly = readOnly
    let keys = try loadKeymap()
    if !readOnly {
      do {
        document.lock = try FileLock(labelPath: labelPath)
      } catch {
        throw Failure(error.description)
      }
    }
    if scripted {
      try runScript(&document, keymap: keys)
    } else {
      try runInteractive(&document, keymap: keys)
    }
  }

  func loadKeymap() throws -> Keymap {
    var map: Keymap
    var extra: [(String, String)] = []
    switch keymap {
    case nil, "default": map = Keymap.builtIn(named: "default")!
    case "vim": map = Keymap.builtIn(named: "vim")!
    case let path?:
      map = Keymap.builtIn(named: "default")!
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw Failure("\(path): cannot read the keymap file (use default, vim, or a file path)")
      }
      extra.append((text, path))
    }
    let env = ProcessInfo.processInfo.environment
    let configDir = env["XDG_CONFIG_HOME"].map { $0 + "/panoptty" } ?? (env["HOME"].map { $0 + "/.config/panoptty" } ?? "")
    let userFile = configDir + "/keymap"
    if !configDir.isEmpty, let text = try? String(contentsOfFile: userFile, encoding: .utf8) {
      extra.insert((text, userFile), at: 0)
    }
    for (text, source) in extra {
      do {
        map = try map.applying(text, source: source)
      } catch {
        throw Failure(error.description)
      }
    }
    return map
  }

  func runScript(_ doc: inout EditDocument, keymap: Keymap) throws {
    let source: String
    let name: String
    if let script {
      guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
        throw Failure("\(script): cannot read the script")
      }
      source = text
      name = script
    } else {
      source = commands ?? ""
      name = "-c"
    }
    var state = doc.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .truecolor, unicode: true)
    try handleRecovery(&doc, &state, askOnTerminal: false)
    // Saves are collected and written only when every command succeeded.
    var saves: [(LabelMap, String?)] = []
    var quitWithoutSave = false
    lines: for item in CommandParser.parseScript(source) {
      let command: EditorCommand
      do {
        command = try CommandParser.parse(item.text)
      } catch {
        throw Failure("\(name):\(item.line): \(error.description); nothing was saved")
      }
      do {
        for effect in try state.execute(command) {
          switch effect {
          case .save(let path, _, let thenQuit):
            saves.append((state.labels, path))
            state.didSave("saved")
            if thenQuit { break lines }
          case .quit:
            if case .quit(force: true) = command { quitWithoutSave = saves.isEmpty }
            break lines
          }
        }
      } catch {
        throw Failure("\(name):\(item.line): \(error.description); nothing was saved")
      }
      if state.confirmingQuit {
        throw Failure("\(name):\(item.line): q with unsaved changes; use wq to save or q! to drop them; nothing was saved")
      }
    }
    if state.isDirty && !quitWithoutSave { saves.append((state.labels, nil)) }
    for (map, path) in saves {
      let report = try doc.save(map, to: path, force: false)
      FileHandle.standardError.write(Data("panoptty: \(report)\n".utf8))
    }
    // A script either saved everything or failed before writing anything,
    // so it leaves no journal behind.
    _ = state.takeJournalEvents()
    doc.finish()
  }

  /// Offers, replays or drops a journal left by a crash.
  func handleRecovery(_ doc: inout EditDocument, _ state: inout EditorState, askOnTerminal: Bool) throws {
    guard !doc.readOnly else { return }
    let found: EditJournal.Recovery?
    do {
      found = try EditJournal.read(labelPath: doc.labelPath)
    } catch {
      throw Failure(error.description)
    }
    guard let rec = found else { return }
    if discardRecovery {
      EditJournal.discard(labelPath: doc.labelPath)
      return
    }
    var use = recover
    if !rec.hasUnsavedWork {
      use = rec.base == doc.baseIdentity  // only history: restore it quietly when it still fits
    } else if !recover {
      let when = DateFormatter.localizedString(from: rec.written, dateStyle: .short, timeStyle: .short)
      let what = "unsaved work from \(when) (\(rec.steps) edits) exists for \(doc.labelPath) in \(EditJournal.path(for: doc.labelPath))"
      guard askOnTerminal else {
        throw Failure("\(what); rerun with --recover to replay it or --discard-recovery to drop it")
      }
      FileHandle.standardError.write(Data("panoptty: \(what). Recover it? [Y/n] ".utf8))
      let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
      use = answer.isEmpty || answer.hasPrefix("y")
      if !use {
        EditJournal.discard(labelPath: doc.labelPath)
        return
      }
    }
    guard use else {
      EditJournal.discard(labelPath: doc.labelPath)
      return
    }
    guard rec.base == doc.baseIdentity else {
      throw Failure(
        "\(doc.labelPath) changed on disk after the unsaved work was journaled, so it cannot be replayed; --discard-recovery drops it")
    }
    do {
      try state.replay(rec.events)
      doc.journal = try EditJournal(appendingTo: EditJournal.path(for: doc.labelPath))
    } catch {
      throw Failure("\(EditJournal.path(for: doc.labelPath)): \(error.description); --discard-recovery drops it")
    }
  }

  func runInteractive(_ doc: inout EditDocument, keymap: Keymap) throws {
    // Ask about a crash journal before curses takes the screen.
    var probe = doc.makeState(keymap: keymap, columns: 80, rows: 24, colorMode: .mono, unicode: true)
    try handleRecovery(&doc, &probe, askOnTerminal: true)
    let session: TerminalSession
    do {
      session = try TerminalSession(colorOverride: colors == .auto ? nil : colors.resolve())
    } catch {
      throw Failure("\(error)", status: 2)
    }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in pendingSignal.store(s, ordering: .relaxed) }
    }
    let size = session.size
    var state = probe
    state.resize(columns: size.columns, rows: size.rows, colorMode: session.colorMode, unicode: session.unicode)
    var screen = EditorScreen()
    session.draw(screen.render(state))
    var exitMessage: String?
    var exitStatus: Int32 = 0
    loop: while true {
      var sig = pendingSignal.load(ordering: .relaxed)
      if sig == 0 && session.hungUp { sig = SIGHUP }
      if sig != 0 {
        doc.journal?.syncIfDue(force: true)
        exitMessage =
          "stopped by signal \(sig)"
          + (state.isDirty
            ? "; unsaved edits are in \(EditJournal.path(for: doc.labelPath)): run panoptty edit again to recover them"
            : "")
        exitStatus = 128 + sig
        break
      }
      guard let event = session.nextEvent(timeoutMs: 200) else {
        doc.journal?.syncIfDue()
        continue
      }
      let effects = state.handle(event)
      do {
        try doc.record(&state)
      } catch {
        state.saveFailed("journal: \(error)")
      }
      var force = false
      if case .resize = event { force = true }
      for effect in effects {
        switch effect {
        case .quit:
          break loop
        case .save(let path, let force, let thenQuit):
          do {
            let report = try doc.save(state.labels, to: path, force: force)
            if path == nil {
              state.didSave(report)
              doc.savedHistory = state.historyRecords()
            } else {
              state.note(report + " (a copy; this file is still unsaved)")
            }
            if thenQuit { break loop }
          } catch {
            state.saveFailed("not saved: \((error as? Failure)?.line ?? "\(error)"); your edits are kept (try w PATH)")
          }
        }
      }
      // Drain queued input (key repeat, drags) before drawing again.
      session.draw(screen.render(state), force: force)
    }
    session.close()
    if exitMessage == nil { doc.finish() }
    if let exitMessage {
      FileHandle.standardError.write(Data("panoptty: \(exitMessage)\n".utf8))
      Foundation.exit(exitStatus)
    }
  }
}

/// The file being edited: where it came from and how to write it back.
struct EditDocument {
  var imagePath: String
  var labelPath: String
  var photo: RGBImage
  var labels: LabelMap
  var catalog: ClassCatalog
  var format: LabelFormat
  var offsetFormat: OffsetFormat?
  var annotations: String?
  var isNew: Bool
  /// The label file as opened or last saved; saving over a different one needs w!.
  var baseIdentity = FileIdentity.of("")
  var readOnly = false
  var lock: FileLock?
  var journal: EditJournal?
  /// Undo history at the last save, written first into a new journal.
  var savedHistory: [JournalEvent] = []

  static func open(image: String, labelPath: String, options: LabelOptions) throws -> EditDocument {
    let photo: RGBImage
    do {
      photo = try ImageFile.readRGB(path: image, limits: options.limits)
    } catch {
      throw Failure(file: image, error)
    }
    if FileManager.default.fileExists(atPath: labelPath) {
      let loaded = try options.load(labelPath)
      let map = loaded.decoded.map
      guard map.width == photo.width && map.height == photo.height else {
        throw Failure(
          "\(labelPath): the labels are \(map.width)×\(map.height) but \(image) is \(photo.width)×\(photo.height)")
      }
      var format = loaded.decoded.format
      if format == .coco2ch { format = .coco }
      return EditDocument(
        imagePath: image, labelPath: labelPath, photo: photo, labels: map, catalog: loaded.decoded.catalog,
        format: format, offsetFormat: loaded.offsetFormat, annotations: loaded.annotationsPath ?? options.annotations,
        isNew: false, baseIdentity: FileIdentity.of(labelPath))
    }
    let catalog = try options.catalog() ?? .coco
    let format = options.format ?? .offset
    guard format.canWrite else { throw Failure("\(labelPath): cannot create a 2-channel file; use offset, coco or cityscapes", status: 2) }
    return EditDocument(
      imagePath: image, labelPath: labelPath, photo: photo, labels: LabelMap(width: photo.width, height: photo.height),
      catalog: catalog, format: format,
      offsetFormat: OffsetFormat(catalog: catalog, offset: options.offset ?? 1000, voidClass: options.voidClass),
      annotations: options.annotations, isNew: true)
  }

  /// Hands the labels over to the editor. The document lets go of its copy,
  /// so the first edit does not duplicate a 33 MB map (copy-on-write).
  mutating func makeState(keymap: Keymap, columns: Int, rows: Int, colorMode: ColorMode, unicode: Bool) -> EditorState {
    let map = labels
    labels = LabelMap(width: 0, height: 0)
    var s = EditorState(
      labels: map, image: photo, catalog: catalog, keymap: keymap, columns: columns, rows: rows,
      colorMode: colorMode, unicode: unicode, fileName: URL(fileURLWithPath: labelPath).lastPathComponent)
    if isNew { s.didSave("new label file \(labelPath) (\(format.rawValue)); ? shows the keys") }
    return s
  }

  /// Appends the editor's history changes to the crash journal, creating
  /// it (with the undo history as of the last save) on the first edit.
  mutating func record(_ state: inout EditorState) throws {
    let events = state.takeJournalEvents()
    guard !events.isEmpty, !readOnly else { return }
    if journal == nil {
      journal = try EditJournal(labelPath: labelPath, base: baseIdentity, width: state.labels.width, height: state.labels.height)
      try journal!.append(savedHistory)
    }
    try journal!.append(events)
    journal!.syncIfDue()
  }

  /// A clean end: the journal and the lock go.
  mutating func finish() {
    journal?.remove()
    journal = nil
    if !readOnly && FileManager.default.fileExists(atPath: EditJournal.path(for: labelPath)) {
      EditJournal.discard(labelPath: labelPath)
    }
    lock?.release()
  }

  /// Writes through the shared encoder in the file's own format. Saving over
  /// the label file refuses when it changed on disk since it was opened
  /// (unless `force`), and when the document is read-only.
  mutating func save(_ map: LabelMap, to path: String?, force: Bool) throws -> String {
    let target = path ?? labelPath
    if path == nil || URL(fileURLWithPath: target).standardized == URL(fileURLWithPath: labelPath).standardized {
      if readOnly { throw Failure("\(labelPath): opened read-only; save a copy with w PATH") }
      if !force && FileIdentity.of(labelPath) != baseIdentity {
        throw Failure("\(labelPath) changed on disk since it was opened; w! overwrites it, w PATH saves elsewhere")
      }
    }
    do {
      let report = try LabelFile.write(
        map, catalog: catalog, to: target, format: format, offsetFormat: offsetFormat, annotations: path == nil ? annotations : nil)
      var text = "wrote \(target) (\(format.rawValue))"
      if report.widened { text += "; over 65 instances: widened to 8-bit RGB" }
      if target == labelPath || path == nil {
        baseIdentity = FileIdentity.of(labelPath)
        journal?.remove()
        journal = nil
      }
      return text
    } catch {
      throw Failure(file: target, error)
    }
  }
}
