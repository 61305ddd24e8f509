/// Replacing one byte range of the source by new bytes (an empty range inserts).
public struct SpliceEdit: Sendable, Hashable {
  public var range: Range<Int>
  public var bytes: [UInt8]

  public init(range: Range<Int>, bytes: [UInt8]) {
    self.range = range
    self.bytes = bytes
  }

  /// How much longer the output gets at this edit.
  public var delta: Int { bytes.count - range.count }
}

/// One piece of the output: copy a source range, or insert new bytes.
public enum SpliceChunk: Sendable, Hashable {
  case copy(Range<Int>)
  case insert([UInt8])
}

/// How to write the updated file: a list of chunks the IO layer streams, in
/// order, into a temporary file that then replaces the original.
///
/// Everything outside the edits is copied byte for byte, which is what keeps
/// the rest of a 200 MB file identical and the save fast (the copy can come
/// straight from the mapped source with `write`).
public struct SplicePlan: Sendable, Hashable {
  public let sourceByteCount: Int
  /// The edits, sorted and non-overlapping.
  public let edits: [SpliceEdit]
  public let chunks: [SpliceChunk]
  public let outputByteCount: Int

  /// A plan from edits in any order; throws if they overlap or leave the source.
  public init(sourceByteCount: Int, edits: [SpliceEdit]) throws(COCOJSONError) {
    let sorted = edits.sorted {
      ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
    }
    var chunks: [SpliceChunk] = []
    var cursor = 0
    for edit in sorted {
      guard edit.range.lowerBound >= cursor, edit.range.upperBound <= sourceByteCount else {
        throw .cannotSplice("edits overlap or leave the file (byte \(edit.range.lowerBound))")
      }
      if edit.range.lowerBound > cursor { chunks.append(.copy(cursor..<edit.range.lowerBound)) }
      if !edit.bytes.isEmpty { chunks.append(.insert(edit.bytes)) }
      cursor = edit.range.upperBound
    }
    if cursor < sourceByteCount { chunks.append(.copy(cursor..<sourceByteCount)) }
    self.sourceByteCount = sourceByteCount
    self.edits = sorted
    self.chunks = chunks
    self.outputByteCount = sourceByteCount + sorted.reduce(0) { $0 + $1.delta }
  }

  /// The output in memory (tests, small files); the IO layer streams `chunks` instead.
  public func apply(to bytes: UnsafeRawBufferPointer) -> [UInt8] {
    precondition(bytes.count == sourceByteCount, "the plan was made for \(sourceByteCount) bytes")
    var out: [UInt8] = []
    out.reserveCapacity(outputByteCount)
    for chunk in chunks {
      switch chunk {
      case .copy(let range): out += bytes[range]
      case .insert(let inserted): out += inserted
      }
    }
    return out
  }

  public func apply(to bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { apply(to: $0) }
  }

  /// Where the start of a source range untouched by the edits lands in the output.
  public func outputOffset(ofStart offset: Int) -> Int {
    offset + edits.reduce(0) { $0 + ($1.range.upperBound <= offset ? $1.delta : 0) }
  }

  /// Where the (exclusive) end of a source range untouched by the edits lands in
  /// the output. An insertion exactly at the end does not move it: it happens after.
  public func outputOffset(ofEnd offset: Int) -> Int {
    offset + edits.reduce(0) { $0 + ($1.range.lowerBound < offset && $1.range.upperBound <= offset ? $1.delta : 0) }
  }

  /// A source range mapped into the output.
  public func outputRange(of range: Range<Int>) -> Range<Int> {
    outputOffset(ofStart: range.lowerBound)..<outputOffset(ofEnd: range.upperBound)
  }

  /// Where the bytes of `edits[position]` start in the output.
  public func outputOffset(ofEdit position: Int) -> Int {
    let edit = edits[position]
    return edit.range.lowerBound + edits[..<position].reduce(0) { $0 + $1.delta }
  }
}
