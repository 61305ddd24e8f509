import Foundation
import PanopticIO
import PanopticModel

/// `info` and `validate` over many files (issue 11 §4, issue 12 §2): every
/// file is read on its own thread, its output printed in input order, and
/// every failure listed at the end. With `--json`, one JSON object per line.
public enum LabelBatch {
  public enum Mode: Sendable {
    /// `info`: the table, or (json) one object per file.
    case info(json: Bool)
    /// `info --textconv`: the stable summary `git diff` compares.
    case textconv
    /// `validate`: the OK line or the problems, or (json) one object per file.
    case validate(json: Bool)
  }

  /// Runs `mode` over the files and folders in `arguments`; returns the exit status.
  public static func run(
    _ arguments: [String], mode: Mode, options: LabelFileOptions, settings: BatchSettings
  ) -> Int32 {
    let json: Bool
    switch mode {
    case .info(let j), .validate(let j): json = j
    case .textconv: json = false
    }
    return BatchRunner.run(
      arguments, settings: settings, annotations: options.annotations,
      walkFailureLine: json ? { errorJSON($0.path, $0.line) } : nil
    ) { index, file in
      var item = self.item(file.path, mode: mode, options: options)
      if case .info(json: false) = mode, index > 0 { item.output.insert("", at: 0) }
      return item
    }.status
  }

  /// One file's output and verdict.
  public static func item(_ path: String, mode: Mode, options: LabelFileOptions) -> BatchItem {
    let name = path.escapingControlCharacters
    switch mode {
    case .info(let json):
      do throws(AppFailure) {
        let info = InfoReport(path: path, loaded: try LabelLoader.load(path, options: options))
        return BatchItem(output: [json ? try info.json(compact: true) : info.text])
      } catch {
        return BatchItem(output: json ? [errorJSON(path, error.line)] : [], failure: error.line)
      }
    case .textconv:
      return BatchItem(output: [InfoReport.textconv(path, options: options)])
    case .validate(let json):
      let info: InfoReport
      do throws(AppFailure) {
        info = InfoReport(path: path, loaded: try LabelLoader.load(path, options: options, allowProblems: true))
      } catch {
        return BatchItem(output: json ? [errorJSON(path, error.line)] : [], failure: error.line)
      }
      let problems = info.problems(imageSize: nil, imagePath: nil)
      let count = info.problemCount(extra: problems.count - info.loaded.decoded.problems.count)
      let failure = problems.isEmpty ? nil : "\(name): \(count)"
      if json { return BatchItem(output: [info.validationJSON(problems: problems, count: count)], failure: failure) }
      guard !problems.isEmpty else { return BatchItem(output: [info.okLine]) }
      return BatchItem(output: problems.map { "\(name): \($0.escapingControlCharacters)" } + ["\(name): \(count)"], failure: failure)
    }
  }

  /// `{"file": …, "error": …}` for a file that could not be read.
  static func errorJSON(_ path: String, _ message: String) -> String {
    JSONLine.encode(["file": path, "ok": false, "error": message])
  }
}

/// One JSON object on one line (sorted keys, no `\/`).
enum JSONLine {
  static func encode(_ object: [String: Any]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
