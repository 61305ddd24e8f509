import PanopticIO
import PanopticModel

/// Reads a label file for a command, refusing one that breaks its format's
/// rules unless the command is there to list them (`validate`).
public enum LabelLoader {
  public static func load(
    _ path: String, options: LabelFileOptions, allowProblems: Bool = false
  ) throws(AppFailure) -> LoadedLabelFile {
    let loaded: LoadedLabelFile
    do {
      loaded = try LabelFile.read(path: path, options: options)
    } catch {
      throw AppFailure(error, file: path)
    }
    if !allowProblems, let first = loaded.decoded.problems.first {
      let more = loaded.decoded.problems.count - 1
      let guess = loaded.formatIsAGuess ? "; " + guessHint : ""
      throw AppFailure(
        "\(path): \(first)" + (more > 0 ? " (and \(more) more problems; run panoptty validate)" : "") + guess)
    }
    return loaded
  }

  /// Said with the problems of a file read as offset only because nothing else fit: its
  /// "problems" may just be another tool's layout (VIPSeg's class × 100 + instance).
  static let guessHint =
    "it has no panoptty tag and its values fit no format: if it is not an offset file, name its layout with --format (cityscapes, class-major, deeplab2, kitti-step, vipseg, cityscapes-dvps)"
}
