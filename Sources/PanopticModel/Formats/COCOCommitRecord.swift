/// The intent of one COCO pair commit, written beside the JSON as
/// `.NAME.json.panoptty-commit` before the first rename (issue 9 item 6).
///
/// A COCO save changes two files, the PNG and the JSON, and no file system
/// renames two files at once. So the writer first makes both new files
/// complete and durable under temporary names, then records which temporary
/// file replaces which target, and only then renames. Whoever next opens or
/// writes that JSON (under its lock) finds the record and either completes
/// the renames (the record is whole: both temporary files were complete
/// before it was written) or, when the record is torn (the crash hit while
/// it was being written, so nothing was renamed yet), removes the temporary
/// files it names. The pair is therefore always the old pair or the new pair.
///
/// Format, one item a line, paths as JSON strings:
///
///     panoptty-commit 1
///     rename ["/data/pred/.x.png.panoptty-ab12cd34", "/data/pred/x.png"]
///     rename ["/data/.pred.json.panoptty-ef56gh78", "/data/pred.json"]
///     end 5f3c9a0e12b4d6f8
///
/// `end` carries the FNV-1a 64 of every byte before it: a record without a
/// matching `end` line is torn. (A checksum, not a signature: whoever can
/// write the folder can replace the JSON anyway; the reader still refuses
/// renames that do not look like panoptty's own temporary files.)
public struct COCOCommitRecord: Sendable, Hashable {
  /// One planned rename.
  public struct Rename: Sendable, Hashable {
    public var temporary: String
    public var target: String

    public init(temporary: String, target: String) {
      self.temporary = temporary
      self.target = target
    }
  }

  /// What a record file holds.
  public enum Reading: Sendable, Hashable {
    /// Complete and checksummed: finish these renames.
    case whole(COCOCommitRecord)
    /// Cut short or damaged: nothing was renamed; remove these temporary files.
    case torn([Rename])
  }

  public var renames: [Rename]

  public init(renames: [Rename]) {
    self.renames = renames
  }

  static let header = Array("panoptty-commit 1\n".utf8)

  /// The record's bytes.
  public func encoded() -> [UInt8] {
    var out = Self.header
    for rename in renames {
      out += Array("rename ".utf8)
      JSONWriter(layout: .pythonDefault).write(.array([.string(rename.temporary), .string(rename.target)]), into: &out)
      out.append(0x0A)
    }
    out += Array("end \(Self.hex(Self.checksum(out)))\n".utf8)
    return out
  }

  /// Reads a record; never throws: anything unreadable is a torn record
  /// holding the renames that could be read.
  public static func decode(_ bytes: [UInt8]) -> Reading {
    var renames: [Rename] = []
    guard bytes.starts(with: header) else { return .torn([]) }
    var start = header.count
    while let newline = bytes[start...].firstIndex(of: 0x0A) {
      let line = Array(bytes[start..<newline])
      if line.starts(with: Array("end ".utf8)) {
        let whole = String(decoding: line.dropFirst(4), as: UTF8.self) == hex(checksum(Array(bytes[..<start])))
        return whole && newline == bytes.count - 1 ? .whole(COCOCommitRecord(renames: renames)) : .torn(renames)
      }
      guard line.starts(with: Array("rename ".utf8)),
        let pair = try? JSONValue.parse(Array(line.dropFirst(7))).arrayValue, pair.count == 2,
        let temporary = pair[0].stringValue, let target = pair[1].stringValue
      else { return .torn(renames) }
      renames.append(Rename(temporary: temporary, target: target))
      start = newline + 1
    }
    return .torn(renames)
  }

  static func checksum(_ bytes: [UInt8]) -> UInt64 {
    var hash = FNV1a64()
    bytes.withUnsafeBytes { hash.add($0) }
    return hash.value
  }

  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
