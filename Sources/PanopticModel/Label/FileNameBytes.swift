/// File names as Linux has them — bytes, not necessarily UTF-8 — carried in Swift strings.
///
/// Why: Linux allows any byte but `/` and NUL in a name, and old datasets do have Latin-1 names
/// (`caf\xe9.png`). Swift turns such bytes into U+FFFD when it reads the command line or a folder,
/// so `panoptty info café.png` said "No such file or directory" about a file that is there. As
/// Python does with its surrogate escapes (PEP 383), each byte that is not part of valid UTF-8
/// is carried as one private-use character (U+10FF80…U+10FFFF for bytes 0x80…0xFF) and turned
/// back into that byte at the system call; messages and shell commands show it as `\xE9`.
public enum FileNameBytes {
  /// The first of the 128 scalars that stand for the bytes 0x80…0xFF.
  static let escapeBase: UInt32 = 0x10_FF00

  /// The byte a scalar stands for, if it is one of the escapes.
  @inlinable public static func escapedByte(_ s: Unicode.Scalar) -> UInt8? {
    s.value >= 0x10_FF80 && s.value <= 0x10_FFFF ? UInt8(s.value - 0x10_FF00) : nil
  }

  /// A name's bytes as a string: valid UTF-8 decoded, every other byte escaped.
  public static func string(_ bytes: some Collection<UInt8>) -> String {
    let b = Array(bytes)
    // The common case costs one validation.
    if let text = String(validating: b, as: UTF8.self) { return text }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < b.count {
      if let (scalar, length) = decodeOne(b, at: i) {
        out.append(scalar)
        i += length
      } else {
        out.append(Unicode.Scalar(escapeBase + UInt32(b[i]))!)
        i += 1
      }
    }
    return String(out)
  }

  /// The bytes the system is given for a name (no terminating NUL).
  public static func bytes(_ name: String) -> [UInt8] {
    guard name.unicodeScalars.contains(where: { escapedByte($0) != nil }) else { return Array(name.utf8) }
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    for s in name.unicodeScalars {
      if let byte = escapedByte(s) { out.append(byte) } else { out.append(contentsOf: String(s).utf8) }
    }
    return out
  }

  /// Whether the name holds bytes that are not UTF-8 (so no JSON or UTF-8 text can name it).
  public static func hasRawBytes(_ name: String) -> Bool { name.unicodeScalars.contains { escapedByte($0) != nil } }

  /// One well-formed UTF-8 sequence at `i` (no overlongs, no surrogates, at most U+10FFFF).
  static func decodeOne(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
    let lead = b[i]
    let length: Int, low: UInt32
    var value: UInt32
    switch lead {
    case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
    case 0xC2...0xDF: (length, low, value) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, low, value) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF4: (length, low, value) = (4, 0x1_0000, UInt32(lead & 0x07))
    default: return nil
    }
    guard i + length <= b.count else { return nil }
    for k in 1..<length {
      let c = b[i + k]
      guard c & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3F)
    }
    guard value >= low, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
