/// The compact on-disk form of a `COCOIndex`, kept by the IO layer beside the JSON.
///
/// Loading it replaces a 200 MB scan by reading a few MB, which is what makes
/// opening one image of a COCO-train JSON take milliseconds. It is a cache,
/// never an authority: `decode` refuses it unless it was written for exactly
/// this file (size, modification time, checksum of the first and last 64 KiB)
/// and is internally consistent (own checksum, every range inside the file
/// and inside its array, sorted, non-overlapping). Entries are then checked
/// again against the JSON each time one is read (`COCOIndex.verifiedEntry`).
///
/// Layout: magic `PTYCOCOX`, a version byte, an FNV-1a 64 of the payload,
/// then the payload of varints: fingerprint, root and top-level ranges,
/// annotations (gap, length, file_name, image_id), images (gap, length, id, file_name).
public enum COCOIndexSidecar {
  static let magic: [UInt8] = Array("PTYCOCOX".utf8)
  static let version: UInt8 = 1
  static let headerLength = 8 + 1 + 8

  /// The sidecar bytes for `index` of the file with `fingerprint`.
  public static func encode(_ index: COCOIndex, fingerprint: JSONFileFingerprint) -> [UInt8] {
    var payload = VarintWriter()
    payload.append(fingerprint.byteCount)
    payload.appendSigned(fingerprint.modifiedSeconds)
    payload.appendSigned(fingerprint.modifiedNanoseconds)
    payload.appendFixed(fingerprint.edgeChecksum)
    payload.append(index.root.lowerBound)
    payload.append(index.root.count)
    payload.append(index.topLevel.count)
    var cursor = index.root.lowerBound
    for member in index.topLevel {
      payload.append(member.key)
      payload.append(member.keyRange.lowerBound - cursor)
      payload.append(member.keyRange.count)
      payload.append(member.valueRange.lowerBound - member.keyRange.upperBound)
      payload.append(member.valueRange.count)
      cursor = member.valueRange.upperBound
    }
    payload.append(index.annotations.count)
    cursor = 0
    for entry in index.annotations {
      appendRange(entry.range, after: &cursor, to: &payload)
      appendName(entry.fileName, to: &payload)
      appendID(entry.imageID, to: &payload)
    }
    payload.append(index.images.count)
    cursor = 0
    for entry in index.images {
      appendRange(entry.range, after: &cursor, to: &payload)
      appendID(entry.id, to: &payload)
      appendName(entry.fileName, to: &payload)
    }
    var checksum = FNV1a64()
    payload.bytes.withUnsafeBytes { checksum.add($0) }
    var out = VarintWriter()
    out.appendRaw(magic)
    out.appendRaw([version])
    out.appendFixed(checksum.value)
    out.appendRaw(payload.bytes)
    return out.bytes
  }

  /// The index stored in `sidecar`, if it describes the file with `fingerprint`.
  ///
  /// Throws `staleIndex` when it was written for another version of the file
  /// and `corruptIndex` when it is damaged or inconsistent; either way the
  /// caller rebuilds it with `COCOIndex.build`.
  public static func decode(
    _ sidecar: UnsafeRawBufferPointer, expecting fingerprint: JSONFileFingerprint
  ) throws(COCOJSONError) -> COCOIndex {
    guard sidecar.count >= headerLength, Array(sidecar[0..<8]) == magic else {
      throw .corruptIndex("it is not a panoptty COCO index")
    }
    guard sidecar[8] == version else { throw .staleIndex("index format \(sidecar[8]), expected \(version)") }
    var header = VarintReader(sidecar, offset: 9)
    let stored = try header.readFixed()
    var checksum = FNV1a64()
    checksum.add(UnsafeRawBufferPointer(rebasing: sidecar[headerLength...]))
    guard checksum.value == stored else { throw .corruptIndex("its checksum does not match its contents") }

    var reader = VarintReader(sidecar, offset: headerLength)
    let written = JSONFileFingerprint(
      byteCount: try reader.readInt(atMost: Int.max, "the file size"),
      modifiedSeconds: try reader.readSigned(), modifiedNanoseconds: try reader.readSigned(),
      edgeChecksum: try reader.readFixed())
    guard written == fingerprint else {
      throw .staleIndex("indexed \(written), now \(fingerprint)")
    }
    let size = fingerprint.byteCount
    let rootStart = try reader.readInt(atMost: size, "the root offset")
    let rootLength = try reader.readInt(atMost: size - rootStart, "the root length")
    let root = rootStart..<(rootStart + rootLength)
    var topLevel: [JSONMember] = []
    let memberCount = try reader.readInt(atMost: reader.remaining / 5, "the top-level key count")
    var cursor = root.lowerBound
    for _ in 0..<memberCount {
      let key = try reader.readString()
      let keyRange = try readRange(&reader, after: &cursor, within: root, "a top-level key")
      let valueRange = try readRange(&reader, after: &cursor, within: root, "a top-level value")
      topLevel.append(JSONMember(key: key, keyRange: keyRange, valueRange: valueRange))
    }
    let arrays = (
      annotations: topLevel.first(where: { $0.key == "annotations" })?.valueRange ?? 0..<0,
      images: topLevel.first(where: { $0.key == "images" })?.valueRange ?? 0..<0
    )
    var annotations: [COCOIndex.Annotation] = []
    let annotationCount = try reader.readInt(atMost: reader.remaining / 4, "the annotation count")
    annotations.reserveCapacity(annotationCount)
    cursor = 0
    for _ in 0..<annotationCount {
      let range = try readRange(&reader, after: &cursor, within: interior(arrays.annotations), "an annotation")
      annotations.append(
        COCOIndex.Annotation(range: range, fileName: try readName(&reader), imageID: try readID(&reader)))
    }
    var images: [COCOIndex.Image] = []
    let imageCount = try reader.readInt(atMost: reader.remaining / 4, "the image count")
    images.reserveCapacity(imageCount)
    cursor = 0
    for _ in 0..<imageCount {
      let range = try readRange(&reader, after: &cursor, within: interior(arrays.images), "an image entry")
      images.append(COCOIndex.Image(range: range, id: try readID(&reader), fileName: try readName(&reader)))
    }
    guard reader.remaining == 0 else { throw .corruptIndex("it has \(reader.remaining) bytes past its end") }
    return COCOIndex(byteCount: size, root: root, topLevel: topLevel, annotations: annotations, images: images)
  }

  /// Decodes a sidecar held in an array.
  public static func decode(_ sidecar: [UInt8], expecting fingerprint: JSONFileFingerprint) throws(COCOJSONError)
    -> COCOIndex
  {
    try withBytes(of: sidecar) { raw throws(COCOJSONError) in try decode(raw, expecting: fingerprint) }
  }

  /// The part of an array between its brackets, where its elements must lie.
  private static func interior(_ array: Range<Int>) -> Range<Int> {
    array.count >= 2 ? (array.lowerBound + 1)..<(array.upperBound - 1) : 0..<0
  }

  private static func appendRange(_ range: Range<Int>, after cursor: inout Int, to out: inout VarintWriter) {
    out.append(range.lowerBound - cursor)
    out.append(range.count)
    cursor = range.upperBound
  }

  private static func readRange(
    _ reader: inout VarintReader, after cursor: inout Int, within bounds: Range<Int>, _ what: String
  ) throws(COCOJSONError) -> Range<Int> {
    let gap = try reader.readInt(atMost: bounds.upperBound, "the offset of \(what)")
    let length = try reader.readInt(atMost: bounds.upperBound, "the length of \(what)")
    let start = cursor + gap
    let range = start..<(start + length)
    guard length > 0, range.lowerBound >= bounds.lowerBound, range.upperBound <= bounds.upperBound else {
      throw .corruptIndex("\(what) at byte \(start) lies outside its place in the file")
    }
    cursor = range.upperBound
    return range
  }

  private static func appendName(_ name: String?, to out: inout VarintWriter) {
    guard let name else { return out.append(0) }
    out.append(1)
    out.append(name)
  }

  private static func readName(_ reader: inout VarintReader) throws(COCOJSONError) -> String? {
    switch try reader.readByte() {
    case 0: return nil
    case 1: return try reader.readString()
    case let tag: throw .corruptIndex("unknown name tag \(tag)")
    }
  }

  private static func appendID(_ id: COCOImageID?, to out: inout VarintWriter) {
    switch id {
    case nil: out.append(0)
    case .int(let i):
      out.append(1)
      out.appendSigned(Int64(i))
    case .string(let s):
      out.append(2)
      out.append(s)
    case .otherNumber(let text):
      out.append(3)
      out.append(text)
    }
  }

  private static func readID(_ reader: inout VarintReader) throws(COCOJSONError) -> COCOImageID? {
    switch try reader.readByte() {
    case 0: return nil
    case 1: return .int(Int(try reader.readSigned()))
    case 2: return .string(try reader.readString())
    case 3:
      let text = try reader.readString()
      guard let number = JSONNumber(text: text), number.intValue == nil else {
        throw .corruptIndex("an id \(quoted(text)) is not a valid non-integer number")
      }
      return .otherNumber(text)
    case let tag: throw .corruptIndex("unknown id tag \(tag)")
    }
  }
}
