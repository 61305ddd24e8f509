import PanopticModel

/// A failure already phrased for the user (`FILE: problem`), with the exit
/// status scripts expect. Every error reaches the user through here, so the
/// mapping from kinds of errors to exit codes lives in one place.
public struct AppFailure: Error, Sendable, CustomStringConvertible {
  public var line: String
  public var status: Int32

  /// One error, one line: control characters from file names or file
  /// contents are escaped, never sent to the terminal.
  public init(_ line: String, status: Int32 = ExitStatus.badInput) {
    self.line = line.escapingControlCharacters
    self.status = status
  }

  /// An error about `file` (nil when the message already names it).
  public init(_ error: PanopticError, file: String? = nil) {
    self.init(file.map { "\($0): \(error.description)" } ?? error.description, status: ExitStatus.of(error))
  }

  /// `error`, prefixed with `file` unless its message already names it: deep failures
  /// ("is a symlink to a file that does not exist") do not, refusals mostly do.
  public init(_ error: PanopticError, naming file: String) {
    self.init(error, file: error.description.contains(file) ? nil : file)
  }

  public var description: String { line }
}

/// Exit statuses: 0 success, 1 bad input or a failed operation, 2 a usage
/// mistake (wrong flag, unknown command), 128 + N stopped by signal N.
public enum ExitStatus {
  public static let success: Int32 = 0
  public static let badInput: Int32 = 1
  public static let usage: Int32 = 2

  public static func of(_ error: PanopticError) -> Int32 {
    if case .usage = error { return usage }
    return badInput
  }

  public static func signal(_ n: Int32) -> Int32 { 128 + n }
}
