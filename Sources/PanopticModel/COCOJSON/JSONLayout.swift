/// How a JSON file spaces its tokens, so a rewritten entry looks like its neighbours.
///
/// The three shapes met in practice are Python's `json.dump` default
/// (`", "` and `": "` on one line, the COCO files), `indent=N` (a newline and
/// N more spaces per level, `","` and `": "`), and minified (`","` and `":"`).
/// A layout is detected from the bytes around the entry being replaced
/// (`JSONLayout.detect`), then `JSONWriter` writes the new entry in it.
public struct JSONLayout: Sendable, Hashable {
  /// The indentation added per nesting level, or nil for single-line output.
  /// An empty unit means newlines without indentation (`indent=0`).
  public var indentUnit: [UInt8]?
  /// What separates array elements / object members, up to (not including) any newline.
  public var itemSeparator: [UInt8]
  /// What separates a key from its value.
  public var keySeparator: [UInt8]
  /// `\n`, or `\r\n` when the file uses it.
  public var newline: [UInt8]

  public init(indentUnit: [UInt8]?, itemSeparator: [UInt8], keySeparator: [UInt8], newline: [UInt8] = [0x0A]) {
    self.indentUnit = indentUnit
    self.itemSeparator = itemSeparator
    self.keySeparator = keySeparator
    self.newline = newline
  }

  /// Python's `json.dump(obj, f)`: one line, `", "` and `": "` (the COCO files' layout).
  public static let pythonDefault = JSONLayout(
    indentUnit: nil, itemSeparator: Array(", ".utf8), keySeparator: Array(": ".utf8))

  /// `separators=(",", ":")`: no whitespace at all.
  public static let minified = JSONLayout(
    indentUnit: nil, itemSeparator: Array(",".utf8), keySeparator: Array(":".utf8))

  /// Python's `json.dump(obj, f, indent=n)`.
  public static func indented(_ spaces: Int) -> JSONLayout {
    JSONLayout(
      indentUnit: [UInt8](repeating: 0x20, count: max(0, spaces)), itemSeparator: Array(",".utf8),
      keySeparator: Array(": ".utf8))
  }

  public var isMultiline: Bool { indentUnit != nil }
}

extension JSONLayout {
  /// The layout of the containers at `ranges`, the first one that shows each
  /// trait winning: pass the entry being replaced first, then the array that
  /// holds it, then the top-level object. What none of them shows comes from
  /// `fallback`. Ranges that do not hold a valid container are ignored.
  public static func detect(
    in bytes: UnsafeRawBufferPointer, containers ranges: [Range<Int>], fallback: JSONLayout = .pythonDefault
  ) -> JSONLayout {
    var multiline: Bool?
    var unit: [UInt8]?
    var newline: [UInt8]?
    var item: [UInt8]?
    var key: [UInt8]?
    for range in ranges {
      guard let seen = LayoutObservation(container: range, in: bytes) else { continue }
      if multiline == nil, let m = seen.multiline {
        multiline = m
        if m {
          let base = lineIndent(at: range.lowerBound, in: bytes)
          let member = seen.memberIndent ?? base
          unit = member.starts(with: base) ? Array(member[base.count...]) : member
          newline = seen.newline
        }
      }
      if item == nil { item = seen.itemSeparator }
      if key == nil { key = seen.keySeparator }
    }
    let isMultiline = multiline ?? fallback.isMultiline
    return JSONLayout(
      indentUnit: isMultiline ? (unit ?? fallback.indentUnit ?? Array("  ".utf8)) : nil,
      itemSeparator: item ?? (isMultiline ? Array(",".utf8) : fallback.itemSeparator),
      keySeparator: key ?? fallback.keySeparator,
      newline: newline ?? fallback.newline)
  }

  /// The whitespace that starts the line holding `offset` (its indentation).
  ///
  /// Looks back at most `maxLookBehind` bytes: a COCO file written on one line
  /// would otherwise be scanned back to its start (100 MB of page faults) for
  /// an indentation a single-line layout never uses. A line that long has no
  /// meaningful indentation, so the answer is then empty.
  public static func lineIndent(
    at offset: Int, in bytes: UnsafeRawBufferPointer, maxLookBehind: Int = 65_536
  ) -> [UInt8] {
    var start = min(max(offset, 0), bytes.count)
    let limit = max(0, start - maxLookBehind)
    while start > limit && bytes[start - 1] != 0x0A { start -= 1 }
    if start == limit && limit > 0 { return [] }
    var end = start
    while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
    return Array(bytes[start..<end])
  }
}

/// What one container's own whitespace reveals (its nested values are skipped).
private struct LayoutObservation {
  var multiline: Bool?
  var memberIndent: [UInt8]?
  var newline: [UInt8]?
  var itemSeparator: [UInt8]?
  var keySeparator: [UInt8]?

  init?(container range: Range<Int>, in bytes: UnsafeRawBufferPointer) {
    var scanner = ByteScanner(bytes, range: range, maxDepth: JSONScanOptions.standard.maxDepth)
    scanner.skipWhitespace()
    let isObject = scanner.current == 0x7B
    guard isObject || scanner.current == 0x5B else { return nil }
    scanner.position += 1
    let opening = Self.gap(&scanner)
    guard scanner.current != (isObject ? 0x7D : 0x5D) else { return }
    multiline = opening.contains(0x0A)
    if multiline == true {
      memberIndent = Self.afterLastNewline(opening)
      newline = Self.newline(in: opening)
    }
    do {
      while true {
        if isObject {
          _ = try scanner.scanString()
          let before = Self.gap(&scanner)
          try scanner.expect(0x3A, "':'")
          let after = Self.gap(&scanner)
          if keySeparator == nil && !(before + after).contains(0x0A) { keySeparator = before + [0x3A] + after }
        }
        try scanner.skipValue(depth: 1)
        let before = Self.gap(&scanner)
        guard scanner.current == 0x2C else { return }
        scanner.position += 1
        let after = Self.gap(&scanner)
        if itemSeparator == nil {
          let head = after.firstIndex(of: 0x0A).map { Array(after[..<$0]) } ?? after
          itemSeparator = before + [0x2C] + (head.last == 0x0D ? Array(head.dropLast()) : head)
        }
        if keySeparator != nil || !isObject, itemSeparator != nil { return }
      }
    } catch {
      return nil
    }
  }

  private static func gap(_ scanner: inout ByteScanner) -> [UInt8] {
    let start = scanner.position
    scanner.skipWhitespace()
    return Array(scanner.bytes[start..<scanner.position])
  }

  private static func afterLastNewline(_ gap: [UInt8]) -> [UInt8] {
    guard let last = gap.lastIndex(of: 0x0A) else { return gap }
    return Array(gap[(last + 1)...])
  }

  private static func newline(in gap: [UInt8]) -> [UInt8] {
    guard let index = gap.firstIndex(of: 0x0A) else { return [0x0A] }
    return index > 0 && gap[index - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
  }
}
