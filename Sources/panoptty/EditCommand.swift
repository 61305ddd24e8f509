import ArgumentParser
import PanopticApp
import PanopticIO
import TerminalUI

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Label an image: paint stuff, flood-fill new thing instances, undo, save.",
    discussion: """
      Opens IMAGE (PNG or JPEG) with its labels (--labels, default
      NAME_labels.png beside the image; created empty if missing). Press ? for
      the keys, : for commands. Without a terminal, run commands with --script
      or -c; they are applied in order and the result is saved. A FOLDER
      opens its photos one after another (next, prev, next todo, mark done).
      Examples:
        panoptty edit street.jpg
        panoptty edit street.jpg --keymap vim
        panoptty edit street.jpg --reference model/street_pred.png
        panoptty edit photos/ --shard 2/4
        panoptty edit cityscapes/gtFine/val
        panoptty edit annotations/panoptic_val2017.json --images val2017/
        panoptty edit street.jpg -c 'class car; fill 120 80; class road; paint 5 190 300 190'
      """)

  @Argument(help: "The photo to label (PNG or JPEG), or a dataset: a FOLDER of photos, a Cityscapes split or city, a COCO panoptic JSON.", completion: .file()) var image: String
  @Option(help: "Label PNG to edit (default: NAME_labels.png beside the image).", completion: .labelFile) var labels: String?
  @Option(help: "Keymap: default, vim, or a keymap file (applied over default).", completion: .keymap) var keymap: String?
  @Option(help: "Run the commands in this file, then save (no terminal needed).", completion: .file()) var script: String?
  @Option(name: .customShort("c"), help: "Run these ;-separated commands, then save.") var commands: String?
  @Option(help: "Colours: auto, truecolor, 256, 16, mono.") var colors: ColorChoice = .auto
  @Flag(help: "Replay unsaved work left by a crash (the journal beside the labels).") var recover = false
  @Flag(help: "Throw away unsaved work left by a crash, even a damaged journal.") var discardRecovery = false
  @Option(
    help: ArgumentHelp(
      "Write the unsaved work of a crash journal, put onto the labels as they are now, to this new file (the labels and the journal stay as they are); for a file changed on disk since the crash.",
      valueName: "copy"), completion: .file()) var recoverTo: String?
  @Flag(help: "Open without taking the lock; saving over the file is refused, `w PATH` works.") var readOnly = false
  @Option(parsing: .unconditional, help: "With a FOLDER or dataset JSON: every N-th photo from the K-th (K/N), to split a dataset.") var shard: String?
  @Option(help: "With a COCO dataset JSON: the folder of its photos.", completion: .directory) var images: String?
  @Option(help: "Another label file of the photo, shown instead of yours with `ref` (R); `take` (T) copies its segments.", completion: .labelFile) var reference: String?
  @OptionGroup var options: LabelOptions

  func validate() throws {
    if script != nil && commands != nil { throw ValidationError("use --script or -c, not both") }
    if recover && discardRecovery { throw ValidationError("use --recover or --discard-recovery, not both") }
    // A read-only session takes no lock, so it must not replay or drop a journal.
    if readOnly && (recover || discardRecovery) {
      throw ValidationError("--read-only does not touch the crash journal; use --\(recover ? "recover" : "discard-recovery") without it")
    }
    if labels == "" { throw ValidationError("--labels needs a file name, not an empty string") }
    if let recoverTo {
      if recoverTo.isEmpty { throw ValidationError("--recover-to needs a file name, not an empty string") }
      if recover || discardRecovery || readOnly || script != nil || commands != nil || reference != nil {
        throw ValidationError("--recover-to only writes the copy; run it alone, then open or compare the copy")
      }
    }
  }

  func run() throws {
    if Dataset.isDataset(image) {
      if recoverTo != nil { throw ValidationError("--recover-to is for one photo's labels, not a dataset: name the photo (and --labels)") }
      return try runDataset()
    }
    if shard != nil || images != nil {
      throw ValidationError("--shard and --images are for dataset mode (a FOLDER or a COCO dataset JSON), not one photo")
    }
    let scripted = script != nil || commands != nil || recoverTo != nil
    if !scripted && !(Console.stdinIsTerminal && Console.stdoutIsTerminal) {
      throw AppFailure(
        "edit needs a terminal (stdin or stdout is not one); run commands with --script FILE or -c 'CMD; CMD'",
        status: ExitStatus.usage)
    }
    let keys = try KeymapLoader.load(keymap, environment: Console.environment)
    let labelPath = labels ?? FileNames.absolute(FileNames.deletingExtension(image)).string + "_labels.png"
    let session = try EditSession(
      image: image, labels: labelPath, options: try options.fileOptions(), readOnly: readOnly,
      busyHint: recoverTo != nil ? EditSession.recoverToBusyHint : scripted ? EditSession.scriptBusyHint : FileLock.editorHint)
    if let reference { try session.loadReference(reference, options: try options.fileOptions()) }
    if let recoverTo {
      for line in try EditRunner.recoverTo(session: session, keymap: keys, copy: recoverTo) { printError(line) }
      return
    }
    let flags = RecoveryDecision.Flags(recover: recover, discard: discardRecovery)
    guard scripted else {
      let colorMode = colors == .auto ? nil : colors.resolve(forTerminal: true)
      try EditRunner.runInteractive(session: session, keymap: keys, recovery: flags) { () throws(AppFailure) in
        try Self.terminal(colorMode)
      }
      return
    }
    let source: String
    do {
      source = try script.map { try TextFile.read($0) } ?? commands ?? ""
    } catch {
      throw AppFailure("\(script ?? "-c"): cannot read the script (\(error))")
    }
    for line in try EditRunner.runScript(session: session, keymap: keys, source: source, name: script ?? "-c", recovery: flags) {
      printError(line)
    }
  }
}
