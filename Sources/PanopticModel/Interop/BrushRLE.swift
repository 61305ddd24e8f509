/// Label Studio's brush mask encoding: thi.ng `rle-pack` over the RGBA bytes
/// of the mask canvas, the format `label_studio_converter.brush.decode_rle`
/// and `encode_rle` read and write.
///
/// The bit stream (most significant bit first) starts with a 32-bit count of
/// values, a 5-bit word size − 1 and four 4-bit run-length widths − 1. Then
/// chunks until the count is reached: one bit (1 = a repeated value, 0 =
/// literal values), two bits choosing a width, a length − 1 in that many
/// bits, then one word (repeat) or `length` words (literal). Label Studio
/// encodes 8-bit words with widths 3, 4, 8, 16; a mask pixel is four bytes
/// (R, G, B, A) and only the alpha byte says whether it is painted.
///
/// Decoding is strict where Python's decoder is lax (it would clip a run past
/// the end and fail on a short stream with a `ValueError`): a label map built
/// from a damaged mask would be silently wrong, so it is refused.
public enum BrushRLE {
  /// The widths Label Studio's frontend and `encode_rle` use.
  public static let standardWidths = [3, 4, 8, 16]

  /// The alpha byte of every pixel of a mask of `pixelCount` RGBA pixels,
  /// clamped to 255 when the word size is wider than 8 bits.
  public static func decodeAlpha(_ bytes: [UInt8], pixelCount: Int) throws(PanopticError) -> [UInt8] {
    var input = BitReader(bytes)
    guard let num = input.read(32), let ws = input.read(5) else {
      throw .badAnnotations("the RLE is \(bytes.count) bytes, shorter than its header")
    }
    var widths: [Int] = []
    for _ in 0..<4 {
      guard let w = input.read(4) else { throw .badAnnotations("the RLE is \(bytes.count) bytes, shorter than its header") }
      widths.append(w + 1)
    }
    guard num == pixelCount * 4 else {
      throw .sizeMismatch(
        "the RLE holds \(num) values, but \(pixelCount) pixels need \(pixelCount * 4) (4 per RGBA pixel)")
    }
    let wordSize = ws + 1
    var alpha = [UInt8](repeating: 0, count: pixelCount)
    var i = 0
    while i < num {
      guard let repeated = input.read(1), let which = input.read(2), let n = input.read(widths[which]) else {
        throw truncated(at: i, of: num)
      }
      let j = i + 1 + n
      guard j <= num else {
        throw .badAnnotations("the RLE has a run of \(n + 1) values at value \(i) that passes its end (\(num) values)")
      }
      if repeated == 1 {
        guard let v = input.read(wordSize) else { throw truncated(at: i, of: num) }
        if v != 0 {
          // Only positions ≡ 3 (mod 4) are alpha bytes.
          var k = i + (3 - i % 4 + 4) % 4
          let a = UInt8(min(v, 255))
          while k < j {
            alpha[k >> 2] = a
            k += 4
          }
        }
      } else {
        for k in i..<j {
          guard let v = input.read(wordSize) else { throw truncated(at: k, of: num) }
          if k & 3 == 3 { alpha[k >> 2] = UInt8(min(v, 255)) }
        }
      }
      i = j
    }
    return alpha
  }

  private static func truncated(at i: Int, of num: Int) -> PanopticError {
    .badAnnotations("the RLE ends after \(i) of its \(num) values")
  }

  /// Encodes a mask given as sorted, disjoint runs of painted pixels
  /// (`start`, `count` in row-major pixel order) out of `pixelCount`, as
  /// `encode_rle(np.repeat(mask * 255, 4))` does: painted pixels are
  /// (255, 255, 255, 255), the rest (0, 0, 0, 0). Runs make the cost
  /// proportional to the segment's outline, not the image.
  public static func encode(runs: [(start: Int, count: Int)], pixelCount: Int) -> [UInt8] {
    var out = BitWriter()
    out.write(UInt64(pixelCount * 4), bits: 32)
    out.write(7, bits: 5)
    for w in standardWidths { out.write(UInt64(w - 1), bits: 4) }
    var at = 0
    for run in runs where run.count > 0 {
      if run.start > at { writeRun(length: (run.start - at) * 4, value: 0, into: &out) }
      writeRun(length: run.count * 4, value: 255, into: &out)
      at = run.start + run.count
    }
    if pixelCount > at { writeRun(length: (pixelCount - at) * 4, value: 0, into: &out) }
    return out.finish()
  }

  /// Encodes a mask of one flag per pixel (nonzero = painted).
  public static func encode(mask: [UInt8]) -> [UInt8] {
    var runs: [(start: Int, count: Int)] = []
    var x = 0
    while x < mask.count {
      if mask[x] == 0 {
        x += 1
        continue
      }
      var end = x + 1
      while end < mask.count && mask[end] != 0 { end += 1 }
      runs.append((x, end - x))
      x = end
    }
    return encode(runs: runs, pixelCount: mask.count)
  }

  /// One run of `length` equal bytes, split the way `encode_rle` splits it:
  /// a single value is a literal of one; longer runs take the narrowest
  /// width that holds them, and runs past 65536 go out 65536 at a time.
  private static func writeRun(length: Int, value: UInt64, into out: inout BitWriter) {
    var left = length
    while left > 0 {
      let n = min(left, 1 << 16)
      if n == 1 {
        out.write(0, bits: 6)  // literal, width index 0, length − 1 = 0
      } else {
        let which = n <= 8 ? 0 : n <= 16 ? 1 : n <= 256 ? 2 : 3
        out.write(1, bits: 1)
        out.write(UInt64(which), bits: 2)
        out.write(UInt64(n - 1), bits: standardWidths[which])
      }
      out.write(value, bits: 8)
      left -= n
    }
  }
}

/// Reads big-endian bit fields from bytes; nil past the end.
struct BitReader {
  let bytes: [UInt8]
  var bit = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func read(_ count: Int) -> Int? {
    guard bit + count <= bytes.count * 8 else { return nil }
    var v = 0
    for _ in 0..<count {
      v = v << 1 | Int(bytes[bit >> 3] >> (7 - UInt8(bit & 7)) & 1)
      bit += 1
    }
    return v
  }
}

/// Writes big-endian bit fields; `finish` pads the last byte with zeros.
struct BitWriter {
  var bytes: [UInt8] = []
  var acc: UInt64 = 0
  var used = 0

  mutating func write(_ value: UInt64, bits: Int) {
    for k in stride(from: bits - 1, through: 0, by: -1) {
      acc = acc << 1 | (value >> UInt64(k) & 1)
      used += 1
      if used == 8 {
        bytes.append(UInt8(acc))
        acc = 0
        used = 0
      }
    }
  }

  /// Pads as `encode_rle` does: 1 to 8 zero bits, so an aligned stream
  /// gains a zero byte (the same bytes, not only the same mask).
  mutating func finish() -> [UInt8] {
    bytes.append(used > 0 ? UInt8(truncatingIfNeeded: acc << UInt64(8 - used)) : 0)
    used = 0
    return bytes
  }
}
