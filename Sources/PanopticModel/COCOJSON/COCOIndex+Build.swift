extension COCOIndex {
  /// Builds the index in one validating pass over the whole file.
  ///
  /// Every byte is checked against RFC 8259 (so a file that loads here is a
  /// file Python's `json` loads too), but only the top-level members and, per
  /// entry, `file_name` / `image_id` (annotations) and `id` / `file_name`
  /// (images) are decoded; everything else is skipped without building values.
  ///
  /// `progress`, when given, is called with the scan's byte offset roughly
  /// every `progressInterval` bytes. Bytes before that offset are never read
  /// again, so an IO layer that mapped the file can drop those pages
  /// (`madvise(MADV_DONTNEED)`) and keep the peak RSS near the index's own
  /// size instead of the file's; a terminal can show a progress bar.
  public static func build(
    _ bytes: UnsafeRawBufferPointer, options: JSONScanOptions = .standard,
    progressInterval: Int = 1 << 24, progress: ((Int) -> Void)? = nil
  ) throws(COCOJSONError) -> COCOIndex {
    var builder = IndexBuilder(scanner: ByteScanner(bytes, maxDepth: options.maxDepth))
    builder.progress = progress
    builder.progressInterval = max(1, progressInterval)
    builder.nextProgress = builder.progressInterval
    do {
      return try builder.run()
    } catch {
      switch error {
      case .syntax(let e): throw .syntax(e)
      case .coco(let e): throw e
      }
    }
  }

  /// Builds the index of a file held in an array.
  public static func build(_ bytes: [UInt8], options: JSONScanOptions = .standard) throws(COCOJSONError) -> COCOIndex {
    try withBytes(of: bytes) { raw throws(COCOJSONError) in try build(raw, options: options) }
  }
}

/// The one-pass scan behind `COCOIndex.build`.
private struct IndexBuilder {
  enum Failure: Error {
    case syntax(JSONSyntaxError)
    case coco(COCOJSONError)
  }

  var scanner: ByteScanner
  var progress: ((Int) -> Void)?
  var progressInterval = 1 << 24
  var nextProgress = 1 << 24
  var annotations: [COCOIndex.Annotation] = []
  var images: [COCOIndex.Image] = []

  mutating func run() throws(Failure) -> COCOIndex {
    do {
      return try scanDocument()
    } catch let error as JSONSyntaxError {
      throw .syntax(error)
    } catch let error as COCOJSONError {
      throw .coco(error)
    } catch {
      preconditionFailure("unreachable: \(error)")
    }
  }

  private mutating func scanDocument() throws -> COCOIndex {
    scanner.skipByteOrderMark()
    scanner.skipWhitespace()
    let rootStart = scanner.position
    guard scanner.current == 0x7B else {
      // Report a syntax error first if there is one; only then the shape.
      var check = scanner
      _ = try check.skipValueRange(depth: 0)
      try check.requireEnd()
      throw COCOJSONError.notCOCO("the top level is not an object")
    }
    scanner.position += 1
    var members: [JSONMember] = []
    scanner.skipWhitespace()
    if scanner.current == 0x7D {
      scanner.position += 1
    } else {
      while true {
        scanner.skipWhitespace()
        guard scanner.current == 0x22 else { throw scanner.unexpected("a member name in double quotes") }
        let keyStart = scanner.position
        let key = scanner.decode(try scanner.scanString())
        let keyRange = keyStart..<scanner.position
        scanner.skipWhitespace()
        try scanner.expect(0x3A, "':' after a member name")
        scanner.skipWhitespace()
        let valueStart = scanner.position
        let isArray = scanner.current == 0x5B
        if ["annotations", "images", "categories"].contains(key), members.contains(where: { $0.key == key }) {
          throw COCOJSONError.notCOCO("the top-level key \(quoted(key)) appears twice")
        }
        switch key {
        case "annotations" where isArray: try scanEntries(isAnnotation: true)
        case "images" where isArray: try scanEntries(isAnnotation: false)
        default: try scanner.skipValue(depth: 1)
        }
        let valueRange = valueStart..<scanner.position
        if (key == "annotations" || key == "images") && !isArray {
          throw COCOJSONError.notCOCO("\(quoted(key)) is not an array (byte \(valueStart))")
        }
        members.append(JSONMember(key: key, keyRange: keyRange, valueRange: valueRange))
        scanner.skipWhitespace()
        if scanner.current == 0x2C {
          scanner.position += 1
          continue
        }
        try scanner.expect(0x7D, "',' or '}' after an object member")
        break
      }
    }
    let root = rootStart..<scanner.position
    try scanner.requireEnd()
    return COCOIndex(
      byteCount: scanner.bytes.count, root: root, topLevel: members, annotations: annotations, images: images)
  }

  /// Scans the `annotations` or `images` array (cursor on `[`), recording each entry.
  private mutating func scanEntries(isAnnotation: Bool) throws {
    let array: COCOArrayName = isAnnotation ? .annotations : .images
    guard scanner.maxDepth >= 3 else {
      throw scanner.error(.nestingTooDeep(limit: scanner.maxDepth), at: scanner.position)
    }
    scanner.position += 1
    scanner.skipWhitespace()
    if scanner.current == 0x5D {
      scanner.position += 1
      return
    }
    while true {
      scanner.skipWhitespace()
      let start = scanner.position
      let position = isAnnotation ? annotations.count : images.count
      guard scanner.current == 0x7B else {
        _ = try scanner.skipValueRange(depth: 2)
        throw COCOJSONError.notCOCO("\(array.rawValue)[\(position)] (byte \(start)) is not an object")
      }
      let keys = try scanEntryKeys(array: array, position: position, isAnnotation: isAnnotation)
      let range = start..<scanner.position
      if isAnnotation {
        annotations.append(COCOIndex.Annotation(range: range, fileName: keys.fileName, imageID: keys.id))
      } else {
        images.append(COCOIndex.Image(range: range, id: keys.id, fileName: keys.fileName))
      }
      if scanner.position >= nextProgress, let progress {
        progress(scanner.position)
        nextProgress = scanner.position + progressInterval
      }
      scanner.skipWhitespace()
      if scanner.current == 0x2C {
        scanner.position += 1
        continue
      }
      try scanner.expect(0x5D, "',' or ']' after an array element")
      return
    }
  }

  /// Scans one entry object, decoding only `file_name` and the id key
  /// (`image_id` for annotations, `id` for images) and skipping the rest.
  private mutating func scanEntryKeys(
    array: COCOArrayName, position: Int, isAnnotation: Bool
  ) throws -> (fileName: String?, id: COCOImageID?) {
    let start = scanner.position
    scanner.position += 1
    var fileName: String?
    var id: COCOImageID?
    var seenName = false
    var seenID = false
    scanner.skipWhitespace()
    if scanner.current == 0x7D {
      scanner.position += 1
      return (nil, nil)
    }
    while true {
      scanner.skipWhitespace()
      guard scanner.current == 0x22 else { throw scanner.unexpected("a member name in double quotes") }
      let key = try scanner.scanString()
      scanner.skipWhitespace()
      try scanner.expect(0x3A, "':' after a member name")
      scanner.skipWhitespace()
      let valueStart = scanner.position
      if matches(key, "file_name") {
        guard !seenName else { throw invalid(array, position, fileName, start, "\"file_name\" appears twice") }
        seenName = true
        guard scanner.current == 0x22 else {
          try scanner.skipValue(depth: 3)
          throw invalid(array, position, fileName, start, "\"file_name\" is not a string (byte \(valueStart))")
        }
        fileName = scanner.decode(try scanner.scanString())
      } else if matches(key, isAnnotation ? "image_id" : "id") {
        let keyName = isAnnotation ? "\"image_id\"" : "\"id\""
        guard !seenID else { throw invalid(array, position, fileName, start, "\(keyName) appears twice") }
        seenID = true
        if scanner.current == 0x22 {
          id = .string(scanner.decode(try scanner.scanString()))
        } else if scanner.current == 0x2D || scanner.isDigit(scanner.current) {
          try scanner.scanNumber()
          let text = String(
            decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[valueStart..<scanner.position]), as: UTF8.self)
          id = COCOImageID(.number(JSONNumber(validatedText: text)))
        } else {
          try scanner.skipValue(depth: 3)
          throw invalid(array, position, fileName, start, "\(keyName) is not a number or a string (byte \(valueStart))")
        }
      } else {
        try scanner.skipValue(depth: 3)
      }
      scanner.skipWhitespace()
      if scanner.current == 0x2C {
        scanner.position += 1
        continue
      }
      try scanner.expect(0x7D, "',' or '}' after an object member")
      return (fileName, id)
    }
  }

  /// The error for entry `position`, named by its file_name when already seen.
  private func invalid(
    _ array: COCOArrayName, _ position: Int, _ fileName: String?, _ start: Int, _ why: String
  ) -> COCOJSONError {
    let reference = COCOEntryReference(
      array: array, position: position, label: COCOEntryReference.fileNameLabel(fileName), byteOffset: start)
    return .invalidEntry(reference, why)
  }

  /// Whether a key token spells `literal`, comparing raw bytes unless it has escapes.
  @inline(__always) private func matches(_ key: StringToken, _ literal: StaticString) -> Bool {
    if !key.hasEscapes { return scanner.rawEquals(key.contents, literal) }
    return scanner.decode(key) == literal.description
  }
}
