/// An operating-system failure, kept with its errno so callers can tell a
/// full disk from a permission problem; the message is the IO layer's words.
public struct OSFailure: Error, Sendable, Hashable, CustomStringConvertible {
  /// The POSIX errno value.
  public var code: Int32
  public var message: String

  public init(code: Int32, message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}

/// Everything that can go wrong with labels, in words a user can act on.
///
/// Each case renders as one line (see `description`); the command line adds
/// the file name in front, so messages never repeat it.
public enum PanopticError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be opened, read or written, with the OS reason.
  case os(OSFailure)
  /// A file problem that is not one system call's errno (a folder given as
  /// a file, a missing folder), phrased for the user.
  case io(String)
  /// The bytes are not a usable image (libpng's or libjpeg's reason follows).
  case badImage(String)
  /// The image decodes, but its values break the label format's rules.
  case badLabels(String)
  /// The COCO annotations JSON is missing, malformed or inconsistent.
  case badAnnotations(String)
  /// A class catalog (`--classes`) is malformed.
  case badCatalog(String)
  /// The format could not be guessed; the message says which flag decides.
  case ambiguousFormat(String)
  /// The labels cannot be stored in the requested format without loss.
  case cannotEncode(String)
  /// Image and label map differ in size.
  case sizeMismatch(String)
  /// The image is larger than the configured decompression-bomb limits.
  case tooLarge(String)
  /// Anything a user typed (class name, command, keymap line) is wrong.
  case usage(String)
  /// The file is held or was changed by someone else; retrying later or
  /// forcing (`w!`) is the user's call.
  case conflict(String)

  public var description: String {
    switch self {
    case .os(let f): return f.message
    case .io(let m), .badImage(let m), .badLabels(let m), .badAnnotations(let m),
      .badCatalog(let m), .ambiguousFormat(let m), .cannotEncode(let m),
      .sizeMismatch(let m), .tooLarge(let m), .usage(let m), .conflict(let m):
      return m
    }
  }

  /// The same error with `context` in front of its message (`FILE: …`).
  public func prefixed(_ context: String) -> PanopticError {
    switch self {
    case .os(var f):
      f.message = context + ": " + f.message
      return .os(f)
    case .io(let m): return .io(context + ": " + m)
    case .badImage(let m): return .badImage(context + ": " + m)
    case .badLabels(let m): return .badLabels(context + ": " + m)
    case .badAnnotations(let m): return .badAnnotations(context + ": " + m)
    case .badCatalog(let m): return .badCatalog(context + ": " + m)
    case .ambiguousFormat(let m): return .ambiguousFormat(context + ": " + m)
    case .cannotEncode(let m): return .cannotEncode(context + ": " + m)
    case .sizeMismatch(let m): return .sizeMismatch(context + ": " + m)
    case .tooLarge(let m): return .tooLarge(context + ": " + m)
    case .usage(let m): return .usage(context + ": " + m)
    case .conflict(let m): return .conflict(context + ": " + m)
    }
  }
}
