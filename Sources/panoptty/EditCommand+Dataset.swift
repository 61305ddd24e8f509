import ArgumentParser
import PanopticApp
import PanopticIO
import PanopticRender
import TerminalUI

extension EditCommand {
  /// `edit FOLDER`: dataset mode, always in a terminal.
  func runDataset() throws {
    if let tool = FileKind.toolExport(at: image) {
      throw AppFailure(
        "\(image): \(tool), not a photo or a COCO dataset; turn it into labels first (panoptty convert \(image) OUT.png), then panoptty edit PHOTO --labels OUT.png",
        status: ExitStatus.usage)
    }
    guard script == nil, commands == nil, labels == nil, reference == nil else {
      throw ValidationError("a FOLDER opens dataset mode (one photo at a time, in a terminal): no --script, -c, --labels or --reference")
    }
    // Each photo's crash journal is replayed as that photo opens (one it cannot replay is
    // skipped, naming the one-photo command); a flag for all of them would be silently ignored.
    guard !recover, !discardRecovery else {
      throw ValidationError(
        "--recover and --discard-recovery take one photo; dataset mode replays each photo's unsaved work as it opens and skips a photo whose journal it cannot replay")
    }
    guard Console.stdinIsTerminal && Console.stdoutIsTerminal else {
      throw AppFailure("edit FOLDER needs a terminal; to script a folder, run edit on each photo", status: ExitStatus.usage)
    }
    let part = try shard.map { text throws -> Shard in
      guard let s = Shard(text) else { throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 3/8") }
      return s
    }
    let keys = try KeymapLoader.load(keymap, environment: Console.environment)
    let dataset = try Dataset.open(image, images: images, shard: part)
    let colorMode = colors == .auto ? nil : colors.resolve(forTerminal: true)
    try DatasetRunner.run(dataset: dataset, keymap: keys, options: try options.fileOptions(), readOnly: readOnly) {
      () throws(AppFailure) in try Self.terminal(colorMode)
    }
  }

  static func terminal(_ colorMode: ColorMode?) throws(AppFailure) -> NcursesTerminal {
    do {
      return try NcursesTerminal(colorOverride: colorMode)
    } catch {
      throw AppFailure("\(error)", status: ExitStatus.usage)
    }
  }
}
