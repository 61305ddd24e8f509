/// What to write for one image: its annotation entry and, optionally, its `images` entry.
public struct COCOEntryUpdate: Sendable, Hashable {
  /// The new annotation entry; its `file_name` says which entry it replaces
  /// (or that it is appended when the file has none).
  public var annotation: JSONValue
  /// The new `images` entry; its `id` says which entry it replaces (or that it is appended).
  public var image: JSONValue?
  /// A `categories` list for a file that has none (a file that has one keeps
  /// it: the categories belong to the dataset, not to one image).
  public var categories: JSONValue?

  public init(annotation: JSONValue, image: JSONValue? = nil, categories: JSONValue? = nil) {
    self.annotation = annotation
    self.image = image
    self.categories = categories
  }

  public init(annotation: COCOAnnotation, image: COCOImage? = nil, imageKeyOrder: [String] = COCOImage.defaultKeyOrder)
  {
    self.annotation = annotation.jsonValue()
    self.image = image?.jsonValue(newKeyOrder: imageKeyOrder)
  }
}

/// A planned update: the chunks to stream, and the index of the file they produce
/// (so the IO layer can write a fresh sidecar without scanning the new file).
public struct COCOSplice: Sendable, Hashable {
  public var plan: SplicePlan
  public var updatedIndex: COCOIndex
}

extension COCOIndex {
  /// Plans writing `update` into the file this index describes.
  ///
  /// The entry with the same `file_name` is replaced in place, or the entry is
  /// appended to `annotations` (after the last element, or into an empty
  /// array, or as a new top-level key); likewise the `images` entry by `id`.
  /// New bytes are written in the layout detected around them. Entries that
  /// are replaced or appended after are re-verified against `bytes` first.
  /// Refuses (`duplicate`, `cannotSplice`) rather than guess: a repeated
  /// `file_name` or id, an `image_id` already used by another annotation, an
  /// images entry whose `id` differs from the annotation's `image_id`.
  public func splice(_ update: COCOEntryUpdate, in bytes: UnsafeRawBufferPointer) throws(COCOJSONError) -> COCOSplice {
    guard bytes.count == byteCount else {
      throw .staleIndex("the JSON has \(bytes.count) bytes, the index was built for \(byteCount)")
    }
    guard let newEntry = update.annotation.objectValue, newEntry.count(of: "file_name") == 1,
      let fileName = newEntry["file_name"]?.stringValue
    else {
      throw .cannotSplice("the new annotation must be an object with one string \"file_name\"")
    }
    guard newEntry.count(of: "image_id") <= 1 else { throw .cannotSplice("the new annotation has \"image_id\" twice") }
    let imageID = newEntry["image_id"].flatMap(COCOImageID.init)
    let position = try annotationPosition(forFileName: fileName)
    if let imageID, let other = try annotationPosition(forImageID: imageID), other != position {
      throw .cannotSplice("image_id \(imageID) is already used by \(reference(annotationAt: other).located)")
    }
    var planner = SplicePlanner(index: self, bytes: bytes)
    try planner.place(
      .annotations, value: update.annotation, replacing: position,
      record: Record(fileName: fileName, id: imageID))
    if let image = update.image {
      guard let object = image.objectValue, object.count(of: "id") == 1, let id = object["id"].flatMap(COCOImageID.init)
      else {
        throw .cannotSplice("the new images entry must be an object with one \"id\"")
      }
      if let imageID, imageID != id {
        throw .cannotSplice("the images entry has id \(id) but the annotation's image_id is \(imageID)")
      }
      guard object.count(of: "file_name") <= 1 else { throw .cannotSplice("the images entry has \"file_name\" twice") }
      try planner.place(
        .images, value: image, replacing: try imagePosition(forID: id),
        record: Record(fileName: object["file_name"]?.stringValue, id: id))
    }
    if let categories = update.categories {
      guard categoriesRange == nil else { throw .cannotSplice("the file already has \"categories\"") }
      planner.newMembers.append(.init(key: .categories, value: categories, record: nil))
    }
    return try planner.finish()
  }

  /// Plans an update of a file held in an array.
  public func splice(_ update: COCOEntryUpdate, in bytes: [UInt8]) throws(COCOJSONError) -> COCOSplice {
    try withBytes(of: bytes) { raw throws(COCOJSONError) in try splice(update, in: raw) }
  }

  /// The identifying keys of a new entry, for the updated index.
  struct Record {
    var fileName: String?
    var id: COCOImageID?
  }
}

/// Collects the edits of one update and derives the updated index.
private struct SplicePlanner {
  let index: COCOIndex
  let bytes: UnsafeRawBufferPointer
  var edits: [SpliceEdit] = []
  var placed: [Placement] = []
  var newMembers: [NewMember] = []

  /// Where a new entry sits inside the bytes of `edits[edit]`, and what it replaces.
  struct Placement {
    var edit: Int
    var entry: Range<Int>
    var array: COCOArrayName
    var replacing: Int?
    var record: COCOIndex.Record
  }

  /// An array the file lacks, to be added as a top-level member holding the
  /// entry (`record` names it), or a whole `categories` list (no record).
  struct NewMember {
    var key: COCOArrayName
    var value: JSONValue
    var record: COCOIndex.Record?
  }

  /// A top-level member written by this update, ranges relative to its edit's bytes.
  struct WrittenMember {
    var key: String
    var keyRange: Range<Int>
    var valueRange: Range<Int>
  }

  init(index: COCOIndex, bytes: UnsafeRawBufferPointer) {
    self.index = index
    self.bytes = bytes
  }

  mutating func place(
    _ array: COCOArrayName, value: JSONValue, replacing position: Int?, record: COCOIndex.Record
  ) throws(COCOJSONError) {
    let count = array == .annotations ? index.annotations.count : index.images.count
    func entry(_ position: Int) -> Range<Int> {
      array == .annotations ? index.annotations[position].range : index.images[position].range
    }
    if let position {
      _ = try verify(array, position)
      let old = entry(position)
      let layout = JSONLayout.detect(in: bytes, containers: [old, arrayRange(array) ?? old, index.root])
      let text = JSONWriter(layout: layout).bytes(of: value, baseIndent: indent(at: old.lowerBound, layout))
      add(SpliceEdit(range: old, bytes: text), entry: 0..<text.count, array, position, record)
      return
    }
    guard let range = arrayRange(array) else {
      newMembers.append(NewMember(key: array, value: .array([value]), record: record))
      return
    }
    guard bytes[range.lowerBound] == 0x5B, bytes[range.upperBound - 1] == 0x5D else {
      throw .staleIndex("\(quoted(array.rawValue)) is not where the index says")
    }
    var text: [UInt8] = []
    let edit: Range<Int>
    let entryStart: Int
    let entryEnd: Int
    if count > 0 {
      _ = try verify(array, count - 1)
      let lastRange = entry(count - 1)
      let layout = JSONLayout.detect(in: bytes, containers: [lastRange, range, index.root])
      let elementIndent = indent(at: lastRange.lowerBound, layout)
      text = layout.itemSeparator + (layout.isMultiline ? layout.newline + elementIndent : [])
      entryStart = text.count
      JSONWriter(layout: layout).write(value, baseIndent: elementIndent, into: &text)
      entryEnd = text.count
      edit = lastRange.upperBound..<lastRange.upperBound
    } else {
      let interior = (range.lowerBound + 1)..<(range.upperBound - 1)
      guard bytes[interior].allSatisfy(isWhitespace) else {
        throw .staleIndex("\(quoted(array.rawValue)) has elements the index does not list")
      }
      let layout = JSONLayout.detect(in: bytes, containers: [range, index.root])
      let outer = indent(at: range.lowerBound, layout)
      let inner = outer + (layout.indentUnit ?? [])
      if layout.isMultiline { text = layout.newline + inner }
      entryStart = text.count
      JSONWriter(layout: layout).write(value, baseIndent: inner, into: &text)
      entryEnd = text.count
      if layout.isMultiline { text += layout.newline + outer }
      edit = interior
    }
    add(SpliceEdit(range: edit, bytes: text), entry: entryStart..<entryEnd, array, nil, record)
  }

  private mutating func add(
    _ edit: SpliceEdit, entry: Range<Int>, _ array: COCOArrayName, _ replacing: Int?, _ record: COCOIndex.Record
  ) {
    edits.append(edit)
    placed.append(Placement(edit: edits.count - 1, entry: entry, array: array, replacing: replacing, record: record))
  }

  /// The indentation of the line at `offset`; single-line layouts need none.
  private func indent(at offset: Int, _ layout: JSONLayout) -> [UInt8] {
    layout.isMultiline ? JSONLayout.lineIndent(at: offset, in: bytes) : []
  }

  private func arrayRange(_ array: COCOArrayName) -> Range<Int>? {
    array == .annotations ? index.annotationsArray : index.imagesArray
  }

  private func verify(_ array: COCOArrayName, _ position: Int) throws(COCOJSONError) -> JSONObject {
    array == .annotations
      ? try index.verifiedAnnotation(at: position, in: bytes) : try index.verifiedImage(at: position, in: bytes)
  }

  /// Adds the new top-level members, builds the plan and the updated index.
  mutating func finish() throws(COCOJSONError) -> COCOSplice {
    var memberPlacements: [WrittenMember] = []
    if !newMembers.isEmpty {
      // COCO's order: images, annotations, categories.
      let rank: [COCOArrayName: Int] = [.images: 0, .annotations: 1, .categories: 2]
      newMembers.sort { rank[$0.key]! < rank[$1.key]! }
      let insertion = try topLevelInsertion()
      var text: [UInt8] = []
      for (i, member) in newMembers.enumerated() {
        if i > 0 || !index.topLevel.isEmpty { text += insertion.layout.itemSeparator }
        if insertion.layout.isMultiline { text += insertion.layout.newline + insertion.indent }
        let keyStart = text.count
        JSONWriter.writeString(member.key.rawValue, into: &text)
        let keyEnd = text.count
        text += insertion.layout.keySeparator
        let valueStart = text.count
        JSONWriter(layout: insertion.layout).write(member.value, baseIndent: insertion.indent, into: &text)
        memberPlacements.append(
          WrittenMember(key: member.key.rawValue, keyRange: keyStart..<keyEnd, valueRange: valueStart..<text.count))
        guard let record = member.record else { continue }
        // The entry inside `[ ... ]`: after `[` (and a newline + indent when multiline), before the `]`.
        var entryStart = valueStart + 1
        while isWhitespace(text[entryStart]) { entryStart += 1 }
        var entryEnd = text.count - 1
        while isWhitespace(text[entryEnd - 1]) { entryEnd -= 1 }
        placed.append(
          Placement(
            edit: edits.count, entry: entryStart..<entryEnd, array: member.key, replacing: nil, record: record))
      }
      if index.topLevel.isEmpty && insertion.layout.isMultiline { text += insertion.layout.newline }
      edits.append(SpliceEdit(range: insertion.range, bytes: text))
    }
    // Sort the edits by position and keep `placed` pointing at the same ones.
    let order = edits.indices.sorted { edits[$0].range.lowerBound < edits[$1].range.lowerBound }
    var sortedPosition = [Int](repeating: 0, count: edits.count)
    for (sorted, original) in order.enumerated() { sortedPosition[original] = sorted }
    let plan = try SplicePlan(sourceByteCount: index.byteCount, edits: order.map { edits[$0] })
    let topLevelEdit = newMembers.isEmpty ? nil : sortedPosition[edits.count - 1]
    for i in placed.indices { placed[i].edit = sortedPosition[placed[i].edit] }
    return COCOSplice(plan: plan, updatedIndex: updatedIndex(plan, memberPlacements, topLevelEdit))
  }

  /// Where and how new top-level members go: after the last member, or into an empty root.
  private func topLevelInsertion() throws(COCOJSONError) -> (range: Range<Int>, indent: [UInt8], layout: JSONLayout) {
    let root = index.root
    guard bytes[root.lowerBound] == 0x7B, bytes[root.upperBound - 1] == 0x7D else {
      throw .staleIndex("the top-level object is not where the index says")
    }
    let layout = JSONLayout.detect(in: bytes, containers: [root])
    if let last = index.topLevel.last {
      let tail = last.valueRange.upperBound..<(root.upperBound - 1)
      guard bytes[tail].allSatisfy(isWhitespace) else { throw .staleIndex("the top level has keys the index lacks") }
      return (tail.lowerBound..<tail.lowerBound, indent(at: last.keyRange.lowerBound, layout), layout)
    }
    let interior = (root.lowerBound + 1)..<(root.upperBound - 1)
    guard bytes[interior].allSatisfy(isWhitespace) else { throw .staleIndex("the top level has keys the index lacks") }
    return (interior, layout.indentUnit ?? [], layout)
  }

  /// The index of the output: untouched ranges shifted, new entries placed.
  private func updatedIndex(
    _ plan: SplicePlan, _ members: [WrittenMember],
    _ topLevelEdit: Int?
  ) -> COCOIndex {
    let start = { (edit: Int) in plan.outputOffset(ofEdit: edit) }
    var annotations = index.annotations.map {
      COCOIndex.Annotation(range: plan.outputRange(of: $0.range), fileName: $0.fileName, imageID: $0.imageID)
    }
    var images = index.images.map {
      COCOIndex.Image(range: plan.outputRange(of: $0.range), id: $0.id, fileName: $0.fileName)
    }
    for item in placed {
      let base = start(item.edit)
      let range = (base + item.entry.lowerBound)..<(base + item.entry.upperBound)
      if item.array == .annotations {
        let entry = COCOIndex.Annotation(range: range, fileName: item.record.fileName, imageID: item.record.id)
        if let p = item.replacing { annotations[p] = entry } else { annotations.append(entry) }
      } else {
        let entry = COCOIndex.Image(range: range, id: item.record.id, fileName: item.record.fileName)
        if let p = item.replacing { images[p] = entry } else { images.append(entry) }
      }
    }
    var topLevel = index.topLevel.map {
      JSONMember(
        key: $0.key, keyRange: plan.outputRange(of: $0.keyRange), valueRange: plan.outputRange(of: $0.valueRange))
    }
    if let topLevelEdit {
      let base = start(topLevelEdit)
      for m in members {
        topLevel.append(
          JSONMember(
            key: m.key, keyRange: (base + m.keyRange.lowerBound)..<(base + m.keyRange.upperBound),
            valueRange: (base + m.valueRange.lowerBound)..<(base + m.valueRange.upperBound)))
      }
    }
    return index.updated(
      byteCount: plan.outputByteCount, root: plan.outputRange(of: index.root), topLevel: topLevel,
      annotations: annotations, images: images)
  }
}
