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
      throw AppFailure("\(path): \(first)" + (more > 0 ? " (and \(more) more problems; run panoptty validate)" : ""))
    }
    return loaded
  }
}
