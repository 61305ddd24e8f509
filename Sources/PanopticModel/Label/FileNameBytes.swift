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
    // The stdlib's parser says where each ill-formed run is and how long; its bytes are escaped.
    var out = String.UnicodeScalarView()
    var parser = Unicode.UTF8.ForwardParser()
    var bytesLeft = b.makeIterator()
    var i = 0
    while true {
      switch parser.parseScalar(from: &bytesLeft) {
      case .valid(let encoded):
        out.append(Unicode.UTF8.decode(encoded))
        i += encoded.count
      case .error(let length):
        for byte in b[i..<i + length] { out.append(Unicode.Scalar(escapeBase + UInt32(byte))!) }
        i += length
      case .emptyInput:
        return String(out)
      }
    }
  }

  /// The bytes the system is given for a name (no terminating NUL).
  public static func bytes(_ name: String) -> [UInt8] {
    guard hasRawBytes(name) else { return Array(name.utf8) }
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    for s in name.unicodeScalars {
      if let byte = escapedByte(s) { out.append(byte) } else { out.append(contentsOf: Unicode.UTF8.encode(s)!) }
    }
    return out
  }

  /// Whether the name holds bytes that are not UTF-8 (so no JSON or UTF-8 text can name it).
  public static func hasRawBytes(_ name: String) -> Bool { name.unicodeScalars.contains { escapedByte($0) != nil } }
}
