/// FNV-1a, 64 bit: a tiny, dependency-free checksum.
///
/// Used to notice accidental change (a sidecar truncated on disk, a JSON
/// edited by another tool), not to resist forgery: entries are re-verified
/// against the JSON itself before they are trusted, which is what stops a
/// hostile index.
public struct FNV1a64: Sendable {
  public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  public init() {}

  public mutating func add(_ bytes: UnsafeRawBufferPointer) {
    var hash = value
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    value = hash
  }

  mutating func add(_ word: UInt64) {
    var w = word
    for _ in 0..<8 {
      value = (value ^ (w & 0xFF)) &* 0x0000_0100_0000_01B3
      w >>= 8
    }
  }
}

/// The identity of a JSON file as the IO layer sees it, plus a checksum of its edges.
///
/// Size and modification time come from `stat` (the IO layer's job); the
/// checksum of the first and last `edgeLength` bytes is computed here from the
/// mapped bytes. Together they make a cheap "is this still the same file" test
/// that touches two pages instead of 200 MB.
public struct JSONFileFingerprint: Sendable, Hashable, CustomStringConvertible {
  /// How many bytes at each end go into the checksum.
  public static let edgeLength = 65_536

  public var byteCount: Int
  /// Modification time, seconds since the epoch (`st_mtim.tv_sec`).
  public var modifiedSeconds: Int64
  /// Nanoseconds within that second (`st_mtim.tv_nsec`).
  public var modifiedNanoseconds: Int64
  /// FNV-1a 64 of the size, the first and the last `edgeLength` bytes.
  public var edgeChecksum: UInt64

  public init(byteCount: Int, modifiedSeconds: Int64, modifiedNanoseconds: Int64, edgeChecksum: UInt64) {
    self.byteCount = byteCount
    self.modifiedSeconds = modifiedSeconds
    self.modifiedNanoseconds = modifiedNanoseconds
    self.edgeChecksum = edgeChecksum
  }

  /// The fingerprint of `bytes` with the modification time the IO layer read.
  public init(of bytes: UnsafeRawBufferPointer, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
    var hash = FNV1a64()
    hash.add(UInt64(bytes.count))
    let head = min(bytes.count, Self.edgeLength)
    hash.add(UnsafeRawBufferPointer(rebasing: bytes[0..<head]))
    let tailStart = max(head, bytes.count - Self.edgeLength)
    hash.add(UnsafeRawBufferPointer(rebasing: bytes[tailStart..<bytes.count]))
    self.init(
      byteCount: bytes.count, modifiedSeconds: modifiedSeconds, modifiedNanoseconds: modifiedNanoseconds,
      edgeChecksum: hash.value)
  }

  public var description: String {
    "\(byteCount) bytes, modified \(modifiedSeconds).\(modifiedNanoseconds)"
  }
}
