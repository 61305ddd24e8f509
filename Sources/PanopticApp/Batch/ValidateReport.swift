import PanopticIO
import PanopticModel

/// `validate` of one file, as it always printed: the OK line, or every
/// problem and their count (a file that cannot be read is an `AppFailure`).
public enum ValidateReport {
  public static func single(_ label: String, image: String?, options: LabelFileOptions) throws(AppFailure) -> BatchItem {
    let info = InfoReport(path: label, loaded: try LabelLoader.load(label, options: options, allowProblems: true))
    var size: (width: Int, height: Int)?
    if let image {
      do {
        size = try ImageFile.size(path: image, limits: options.limits)
      } catch {
        throw AppFailure(error, file: image)
      }
    }
    let problems = info.problems(imageSize: size, imagePath: image)
    guard !problems.isEmpty else { return BatchItem(output: [info.okLine]) }
    let name = label.escapingControlCharacters
    let count =
      "\(info.problemCount(extra: problems.count - info.loaded.decoded.problems.count))"
      + (info.loaded.formatIsAGuess ? "; " + LabelLoader.guessHint : "")
    return BatchItem(output: problems.map { "\(name): \($0.escapingControlCharacters)" } + ["\(name): \(count)"], failure: "\(name): \(count)")
  }
}
