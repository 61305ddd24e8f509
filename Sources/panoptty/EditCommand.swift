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

  @OptionGroup var options: LabelOptions

  func validate() throws {
    if script != nil && commands != nil { throw ValidationError("use --script or -c, not both") }
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
    let keys = try loadKeymap()
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
      let report = try doc.save(map, to: path)
      FileHandle.standardError.write(Data("panoptty: \(report)\n".utf8))
    }
  }

  func runInteractive(_ doc: inout EditDocument, keymap: Keymap) throws {
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
    var state = doc.makeState(
      keymap: keymap, columns: size.columns, rows: size.rows, colorMode: session.colorMode, unicode: session.unicode)
    var screen = EditorScreen()
    session.draw(screen.render(state))
    var exitMessage: String?
    var exitStatus: Int32 = 0
    loop: while true {
      let sig = pendingSignal.load(ordering: .relaxed)
      if sig != 0 {
        exitMessage = "stopped by signal \(sig)" + (state.isDirty ? "; unsaved changes were not written" : "")
        exitStatus = 128 + sig
        break
      }
      guard let event = session.nextEvent(timeoutMs: 200) else { continue }
      let effects = state.handle(event)
      var force = false
      if case .resize = event { force = true }
      for effect in effects {
        switch effect {
        case .quit:
          break loop
        case .save(let path, _, let thenQuit):
          do {
            let report = try doc.save(state.labels, to: path)
            state.didSave(report)
            if thenQuit { break loop }
          } catch {
            state.saveFailed("not saved: \(error)")
          }
        }
      }
      // Drain queued input (key repeat, drags) before drawing again.
      session.draw(screen.render(state), force: force)
    }
    session.close()
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
        isNew: false)
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

  /// Writes through the shared encoder in the file's own format.
  func save(_ map: LabelMap, to path: String?) throws -> String {
    let target = path ?? labelPath
    do {
      let report = try LabelFile.write(
        map, catalog: catalog, to: target, format: format, offsetFormat: offsetFormat, annotations: path == nil ? annotations : nil)
      var text = "wrote \(target) (\(format.rawValue))"
      if report.widened { text += "; over 65 instances: widened to 8-bit RGB" }
      return text
    } catch {
      throw Failure(file: target, error)
    }
  }
}
