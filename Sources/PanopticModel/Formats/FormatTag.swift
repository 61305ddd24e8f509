/// panoptty's description of a label file, stored in the PNG's `panoptty`
/// tEXt chunk (`format=offset;offset=1000;void=133;catalog=coco`,
/// `format=cityscapes;catalog=cityscapes`), so a file says how to read it
/// instead of being guessed from its pixels. Values are checked as strictly
/// as flags: a chunk that says `offset=abc` is an error naming the chunk, not
/// a silent default.
public struct FormatTag: Sendable, Hashable {
  public var format: LabelFormat
  public var offset: Int?
  public var voidClass: Int?
  public var catalog: String?
  /// The class-major family's divisor (`ClassMajorFormat`).
  public var divisor: Int?

  /// The largest offset a 24-bit label PNG can use (instance 1 must fit).
  public static let maxOffset = 1 << 24

  public init(format: LabelFormat, offset: Int? = nil, voidClass: Int? = nil, catalog: String? = nil, divisor: Int? = nil) {
    self.format = format
    self.divisor = divisor
    self.offset = offset
    self.voidClass = voidClass
    self.catalog = catalog
  }

  /// The chunk's text.
  public var text: String {
    var parts = ["format=\(format.rawValue)"]
    if let offset { parts.append("offset=\(offset)") }
    if let divisor { parts.append("divisor=\(divisor)") }
    if let voidClass { parts.append("void=\(voidClass)") }
    if let catalog { parts.append("catalog=\(catalog)") }
    return parts.joined(separator: ";")
  }

  /// Reads a chunk's text; nil when the file has none. Keys panoptty does not
  /// know are skipped (a newer panoptty may add some); known keys must hold
  /// valid values.
  public static func parse(_ text: String) throws(PanopticError) -> FormatTag? {
    guard !text.isEmpty else { return nil }
    var kv: [String: String] = [:]
    for part in text.split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { throw bad(String(part), "is not key=value") }
      kv[String(pair[0])] = String(pair[1])
    }
    guard let f = kv["format"] else { throw bad(text, "names no format") }
    guard let format = LabelFormat(rawValue: f) else { throw bad("format=\(f)", "is not a format panoptty knows") }
    var tag = FormatTag(format: format, catalog: kv["catalog"])
    if let o = kv["offset"] {
      guard let v = Int(o), v >= 2, v <= maxOffset else { throw bad("offset=\(o)", "must be a whole number from 2 to \(maxOffset)") }
      tag.offset = v
    }
    if let d = kv["divisor"] {
      guard let v = Int(d), v >= 2, v <= maxOffset else { throw bad("divisor=\(d)", "must be a whole number from 2 to \(maxOffset)") }
      tag.divisor = v
    }
    if let o = kv["void"] {
      guard let v = Int(o), v >= 0, v < (tag.offset ?? maxOffset) else {
        throw bad("void=\(o)", "must be a whole number below the offset")
      }
      tag.voidClass = v
    }
    return tag
  }

  static func bad(_ what: String, _ why: String) -> PanopticError {
    .badLabels("the file's panoptty tEXt chunk says \(what), which \(why); re-save the file with panoptty convert, or pass --format")
  }
}
