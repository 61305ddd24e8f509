/// Everything that can go wrong with labels, in words a user can act on.
///
/// Each case renders as one line (see `description`); the command line adds
/// the file name in front, so messages never repeat it.
public enum PanopticError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be opened, read or written (the OS reason follows).
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

  public var description: String {
    switch self {
    case .io(let m), .badImage(let m), .badLabels(let m), .badAnnotations(let m),
      .badCatalog(let m), .ambiguousFormat(let m), .cannotEncode(let m),
      .sizeMismatch(let m), .tooLarge(let m), .usage(let m):
      return m
    }
  }
}
