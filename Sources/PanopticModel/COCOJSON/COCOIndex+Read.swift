extension COCOIndex {
  /// The annotation entry at `position`, parsed from `bytes` after checking
  /// that the index still describes them.
  ///
  /// Checks, all cheap because they touch only the entry: the buffer has the
  /// indexed size; the range lies inside the `annotations` array and is
  /// delimited like an element of it (`[` or `,` before, `,` or `]` after);
  /// it parses as an object; its `file_name` and `image_id` are the indexed
  /// ones. Any failure is `staleIndex`: rebuild the index and try again.
  public func verifiedAnnotation(at position: Int, in bytes: UnsafeRawBufferPointer) throws(COCOJSONError)
    -> JSONObject
  {
    guard annotations.indices.contains(position) else { throw .staleIndex("no annotation \(position)") }
    let entry = annotations[position]
    let reference = reference(annotationAt: position)
    let object = try verifiedEntry(entry.range, inArray: annotationsArray, reference, bytes)
    guard object.count(of: "file_name") <= 1, object["file_name"]?.stringValue == entry.fileName,
      object.count(of: "image_id") <= 1, object["image_id"].flatMap(COCOImageID.init) == entry.imageID
    else {
      throw .staleIndex("\(reference.located) no longer holds that entry")
    }
    return object
  }

  /// The `images` entry at `position`, verified like `verifiedAnnotation`.
  public func verifiedImage(at position: Int, in bytes: UnsafeRawBufferPointer) throws(COCOJSONError) -> JSONObject {
    guard images.indices.contains(position) else { throw .staleIndex("no image entry \(position)") }
    let entry = images[position]
    let reference = reference(imageAt: position)
    let object = try verifiedEntry(entry.range, inArray: imagesArray, reference, bytes)
    guard object.count(of: "id") <= 1, object["id"].flatMap(COCOImageID.init) == entry.id,
      object.count(of: "file_name") <= 1, object["file_name"]?.stringValue == entry.fileName
    else {
      throw .staleIndex("\(reference.located) no longer holds that entry")
    }
    return object
  }

  /// The annotation of `fileName` (nil when the file has none), decoded.
  public func annotation(forFileName fileName: String, in bytes: UnsafeRawBufferPointer) throws(COCOJSONError)
    -> COCOAnnotation?
  {
    guard let position = try annotationPosition(forFileName: fileName) else { return nil }
    let object = try verifiedAnnotation(at: position, in: bytes)
    return try COCOAnnotation(decoding: object, at: reference(annotationAt: position))
  }

  /// The `images` entry with `id` (nil when there is none), decoded.
  public func image(forID id: COCOImageID, in bytes: UnsafeRawBufferPointer) throws(COCOJSONError) -> COCOImage? {
    guard let position = try imagePosition(forID: id) else { return nil }
    let object = try verifiedImage(at: position, in: bytes)
    return try COCOImage(decoding: object, at: reference(imageAt: position))
  }

  /// The file's categories (nil when it has no `categories` key), decoded.
  public func categories(in bytes: UnsafeRawBufferPointer) throws(COCOJSONError) -> [COCOCategory]? {
    guard let range = categoriesRange else { return nil }
    guard bytes.count == byteCount, range.upperBound <= bytes.count else {
      throw .staleIndex("the JSON has \(bytes.count) bytes, the index was built for \(byteCount)")
    }
    let value: JSONValue
    do {
      value = try JSONValue.parse(bytes, range: range)
    } catch {
      throw .staleIndex("\"categories\" no longer holds valid JSON (\(error.reason))")
    }
    return try COCOCategory.decodeList(value)
  }

  private func verifiedEntry(
    _ range: Range<Int>, inArray array: Range<Int>?, _ reference: COCOEntryReference, _ bytes: UnsafeRawBufferPointer
  ) throws(COCOJSONError) -> JSONObject {
    guard bytes.count == byteCount else {
      throw .staleIndex("the JSON has \(bytes.count) bytes, the index was built for \(byteCount)")
    }
    guard let array, array.lowerBound >= 0, array.upperBound <= bytes.count,
      range.lowerBound > array.lowerBound, range.upperBound < array.upperBound,
      bytes[array.lowerBound] == 0x5B, bytes[array.upperBound - 1] == 0x5D,
      bytes[range.lowerBound] == 0x7B, bytes[range.upperBound - 1] == 0x7D
    else {
      throw .staleIndex("\(reference.located) is not where the index says")
    }
    var before = range.lowerBound - 1
    while before > array.lowerBound && isWhitespace(bytes[before]) { before -= 1 }
    var after = range.upperBound
    while after < array.upperBound - 1 && isWhitespace(bytes[after]) { after += 1 }
    guard bytes[before] == 0x5B || bytes[before] == 0x2C, bytes[after] == 0x2C || bytes[after] == 0x5D else {
      throw .staleIndex("\(reference.located) is not an element of its array")
    }
    let value: JSONValue
    do {
      value = try JSONValue.parse(bytes, range: range)
    } catch {
      throw .staleIndex("\(reference.located) no longer holds valid JSON (\(error.reason))")
    }
    guard case .object(let object) = value else { throw .staleIndex("\(reference.located) is not an object") }
    return object
  }
}

@inline(__always) func isWhitespace(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
