/// What the user called a format's parameters where they came from, so a bad
/// value is reported under the name they gave it: `--void` when reading,
/// `--out-void` for `convert`'s output, `void=` in a file's own tag. The model
/// checks the values; only the caller knows which of these the user typed.
public struct FormatParameterNames: Sendable, Hashable {
  public var offset: String
  public var void: String
  public var divisor: String

  public init(offset: String, void: String, divisor: String) {
    self.offset = offset
    self.void = void
    self.divisor = divisor
  }

  /// The read options (`--offset`, `--void`, `--divisor`).
  public static let reading = FormatParameterNames(offset: "--offset", void: "--void", divisor: "--divisor")
  /// `convert`'s output options.
  public static let output = FormatParameterNames(offset: "--out-offset", void: "--out-void", divisor: "--out-divisor")
  /// A file's panoptty tEXt chunk (`offset=1000;void=133`).
  public static let tag = FormatParameterNames(offset: "offset", void: "void", divisor: "divisor")
}
