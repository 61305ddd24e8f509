import PanopticModel
import SystemPackage

/// What one COCO save writes: the segment id of every label, and the new
/// JSON as a splice of the old one (or, for a new JSON, its whole bytes).
///
/// Made under the JSON's lock from the JSON as it is then. Only the image's
/// annotation entry and its `images` entry change (`COCOEntryEdit` builds
/// them over the old ones, the engine writes them in the file's layout);
/// everything else is copied byte for byte.
struct COCOSavePlan {
  /// Packed label → segment id (void → 0), for the PNG.
  let code: [UInt32: UInt32]
  private let output: Output

  private enum Output {
    case splice(COCOSplice, COCOJSONDocument)
    case whole([UInt8])
  }

  /// What the old JSON says about the image, read in one engine pass.
  private struct Found {
    var position: Int?
    var old: COCOAnnotation?
    var imageID: COCOImageID
    var oldImage: COCOImage?
    /// Category ids the JSON declares; nil when it has no `categories`.
    var categoryIDs: Set<Int>?
    /// The JSON's category id of each name it declares (first one wins).
    var categoryIDByName: [String: Int] = [:]
    /// Key orders of the last entries, so a new entry looks like them.
    var annotationKeys: [String]?
    var segmentKeys: [String]?
    var imageKeys: [String]?
    /// The `file_name` of another photo's `images` entry holding the requested id.
    var requestedIDIsAnotherPhoto: String?
    /// The requested id of a new entry is another annotation's already.
    var requestedIDTaken = false
  }

  /// Plans the save of `map` as `pngName` into `document` (nil: a new JSON).
  /// `imageID` is the `image_id` a new entry gets (a Cityscapes name's
  /// string id); nil derives one from `pngName`.
  init(
    map: LabelMap, catalog: ClassCatalog, pngName: String, photoName: String?, keepingIDs: [UInt32: Int],
    imageID: COCOImageID? = nil, into document: COCOJSONDocument?, jsonPath: String
  ) throws(PanopticError) {
    try Self.requireUTF8(pngName, what: "its name")
    if let photoName { try Self.requireUTF8(photoName, what: "the photo's name \(photoName)") }
    guard let document else {
      let (code, segments) = try COCOPanoptic.table(map, catalog: catalog, keeping: keepingIDs)
      let id = imageID ?? COCOEntryEdit.newImageID(forPNG: pngName, in: nil)
      let entry = COCOEntryEdit.annotation(replacing: nil, fileName: pngName, imageID: id, segments: segments)
      let image = COCOEntryEdit.image(
        replacing: nil, id: id, pngName: pngName, photoName: photoName, width: map.width, height: map.height)
      let root = JSONValue.object(
        JSONObject([
          "annotations": .array([
            entry.jsonValue(
              keyOrder: COCOEntryEdit.sortedAnnotationKeys, segmentKeyOrder: COCOEntryEdit.sortedSegmentKeys)
          ]),
          "categories": catalog.cocoCategoriesJSON,
          "images": .array([image.jsonValue(newKeyOrder: COCOEntryEdit.sortedImageKeys)]),
        ]))
      self.code = code
      output = .whole(JSONWriter(layout: .minified).bytes(of: root))
      return
    }
    let found = try document.withFreshIndex { (index, bytes) throws(COCOJSONError) in
      try Self.find(pngName, photoName: photoName, requestedID: imageID, in: index, bytes)
    }
    if found.requestedIDTaken, let imageID {
      throw .conflict(
        "already has an annotation with image_id \(imageID) for another PNG; write into another folder (with its own JSON) or remove that entry")
    }
    if let other = found.requestedIDIsAnotherPhoto, let imageID {
      throw .conflict(
        "lists image_id \(imageID) as another photo (\(other)); save into a new JSON, or give that entry the photo's name")
    }
    let avoiding = Set(found.old?.segments.map(\.id) ?? [])
    let (code, planned) = try COCOPanoptic.table(map, catalog: catalog, keeping: keepingIDs, avoiding: avoiding)
    var segments = planned
    if found.categoryIDs != nil {
      // The JSON's own id for each class, found by name: a JSON whose ids
      // differ from the catalog's (datumaro, read with --classes) keeps them.
      for i in segments.indices {
        let id = segments[i].categoryID
        let name = catalog.index(ofID: id).map { catalog[$0].name }
        if let name, let own = found.categoryIDByName[name] {
          segments[i].categoryID = own
        } else {
          throw .cannotEncode(
            "\(jsonPath) has no category \(name.map { "\"\($0)\"" } ?? String(id)); write to a new JSON with --annotations")
        }
      }
    }
    let entry = COCOEntryEdit.annotation(
      replacing: found.old, fileName: pngName, imageID: found.imageID, segments: segments)
    let image = COCOEntryEdit.image(
      replacing: found.oldImage, id: found.imageID, pngName: pngName, photoName: photoName, width: map.width,
      height: map.height)
    let update = COCOEntryUpdate(
      annotation: entry.jsonValue(
        keyOrder: found.annotationKeys ?? COCOAnnotation.defaultKeyOrder, segmentKeyOrder: found.segmentKeys),
      image: image.jsonValue(newKeyOrder: found.imageKeys ?? COCOImage.defaultKeyOrder),
      categories: found.categoryIDs == nil ? catalog.cocoCategoriesJSON : nil)
    let splice = try document.withFreshIndex { (index, bytes) throws(COCOJSONError) in
      try index.splice(update, in: bytes)
    }
    self.code = code
    output = .splice(splice, document)
  }

  /// Reads the image's entries (an entry that no longer decodes is replaced
  /// whole), the declared categories and the neighbours' key orders.
  private static func find(
    _ pngName: String, photoName: String?, requestedID: COCOImageID?, in index: COCOIndex, _ bytes: UnsafeRawBufferPointer
  ) throws(COCOJSONError) -> Found {
    let position = try index.annotationPosition(forFileName: pngName)
    var old: COCOAnnotation?
    if let position {
      let object = try index.verifiedAnnotation(at: position, in: bytes)
      old = try? COCOAnnotation(decoding: object, at: index.reference(annotationAt: position))
    }
    // The image: the entry's own; else the photo, when the JSON lists it and no annotation
    // claims it; else the id asked for (a copy's or a convert's, so it pairs with its
    // original); else an entry named like the PNG (a dataset listing its photos before any
    // labels); else a new id.
    var imageID =
      old?.imageID ?? position.flatMap { index.annotations[$0].imageID }
      ?? photoName.flatMap { listedImageID(forPhoto: $0, in: index) }
      ?? requestedID
      ?? listedImageID(forPNG: pngName, in: index)
      ?? COCOEntryEdit.newImageID(forPNG: pngName, in: index)
    // An image_id of "5" whose image is listed as 5 (or the reverse) is that image, spelled
    // wrong: the save writes the images entry's id rather than a second entry for the image.
    // (Only for an annotation already there: a new one's id was chosen above.)
    if position != nil, try index.imagePosition(forID: imageID) == nil {
      if let other = imageID.otherSpelling, try index.imagePosition(forID: other) != nil,
        try index.annotationPosition(forImageID: other) == nil
      {
        imageID = other
      } else if let listed = listedImageID(forPNG: pngName, in: index) {
        // No entry for its image_id, but one for its photo that no annotation claims: that is
        // the image (a second entry for the photo would list it twice).
        imageID = listed
      }
    }
    var found = Found(position: position, old: old, imageID: imageID)
    if position == nil, let requestedID, imageID == requestedID {
      found.requestedIDTaken = try index.annotationPosition(forImageID: requestedID) != nil
      // An entry of that id for another photo: the save would file these labels under it.
      if let photoName, let p = try index.imagePosition(forID: requestedID), let listed = index.images[p].fileName,
        !Self.namesSamePhoto(listed, photoName)
      {
        found.requestedIDIsAnotherPhoto = listed
      }
    }
    if let p = try index.imagePosition(forID: imageID) {
      found.oldImage = try? COCOImage(decoding: try index.verifiedImage(at: p, in: bytes), at: index.reference(imageAt: p))
    }
    if let range = index.categoriesRange {
      let value: JSONValue
      do throws(JSONSyntaxError) {
        value = try JSONValue.parse(bytes, range: range)
      } catch {
        throw .syntax(error)
      }
      guard let list = value.arrayValue else { throw .notCOCO("\"categories\" is \(value.kindName), not a list") }
      found.categoryIDs = Set(list.compactMap { $0.objectValue?["id"]?.intValue })
      for item in list {
        if let o = item.objectValue, let id = o["id"]?.intValue, let name = o["name"]?.stringValue,
          found.categoryIDByName[name] == nil
        {
          found.categoryIDByName[name] = id
        }
      }
    }
    if position == nil, let last = index.annotations.indices.last {
      let object = try index.verifiedAnnotation(at: last, in: bytes)
      found.annotationKeys = object.keys
      found.segmentKeys = object["segments_info"]?.arrayValue?.first?.objectValue?.keys
    }
    if found.oldImage == nil, let last = index.images.indices.last {
      found.imageKeys = try index.verifiedImage(at: last, in: bytes).keys
    }
    return found
  }

  /// The `images` entry of the photo `photoName` (by its name, or its last component against
  /// an entry's) that no annotation claims yet.
  static func listedImageID(forPhoto photoName: String, in index: COCOIndex) -> COCOImageID? {
    unclaimedImageID(in: index) { namesSamePhoto($0, photoName) }
  }

  /// Whether an `images` entry's `file_name` and a photo path name one photo (a dataset lists
  /// `train/x.jpg`, the editor has `/data/coco/train/x.jpg`).
  static func namesSamePhoto(_ listed: String, _ photo: String) -> Bool {
    listed == photo || FileNames.lastComponent(listed) == FileNames.lastComponent(photo)
  }

  /// The id of an `images` entry that names this image (same stem) and has
  /// no annotation yet: a dataset JSON lists every photo before anyone
  /// labels it, and the first save must fill that entry, not add a twin.
  static func listedImageID(forPNG pngName: String, in index: COCOIndex) -> COCOImageID? {
    let stem = COCOEntryEdit.stem(of: pngName)
    return unclaimedImageID(in: index) { COCOEntryEdit.stem(of: $0) == stem }
  }

  /// The first `images` entry whose `file_name` passes `matches` and that no annotation claims.
  private static func unclaimedImageID(in index: COCOIndex, where matches: (String) -> Bool) -> COCOImageID? {
    for image in index.images {
      guard let id = image.id, let name = image.fileName, matches(name) else { continue }
      if (try? index.annotationPosition(forImageID: id)) == .some(nil) { return id }
    }
    return nil
  }

  /// Size of the new JSON.
  var outputByteCount: Int {
    switch output {
    case .splice(let s, _): s.plan.outputByteCount
    case .whole(let bytes): bytes.count
    }
  }

  /// The index of the new JSON when it is a splice (no rescan needed).
  var updatedIndex: COCOIndex? {
    if case .splice(let s, _) = output { return s.updatedIndex }
    return nil
  }

  /// Streams the new JSON into `fd`: inserted bytes, and unchanged ranges
  /// straight from the mapping in 16 MB slices, letting go of each slice's
  /// pages once written so the RSS stays flat.
  func write(to fd: FileDescriptor, context: String) throws(PanopticError) {
    switch output {
    case .whole(let bytes):
      try SystemCall.writeAll(fd, bytes, context: context)
    case .splice(let splice, let document):
      let source = document.bytes
      for chunk in splice.plan.chunks {
        switch chunk {
        case .insert(let bytes):
          try SystemCall.writeAll(fd, bytes, context: context)
        case .copy(let range):
          var start = range.lowerBound
          while start < range.upperBound {
            let end = min(start + (1 << 24), range.upperBound)
            try SystemCall.writeAll(fd, buffer: UnsafeRawBufferPointer(rebasing: source[start..<end]), context: context)
            document.file.dropPages(before: end)
            start = end
          }
        }
      }
    }
  }

  /// A COCO JSON names its files in Unicode text, so a name whose bytes are not UTF-8 (see
  /// `FileNameBytes`) cannot be written into one: any other tool would look for another file.
  /// `what` says which name, after the PNG's path that every message about a save starts with.
  static func requireUTF8(_ name: String, what: String) throws(PanopticError) {
    guard FileNameBytes.hasRawBytes(name) else { return }
    throw .usage(
      "\(what) is not UTF-8, and a COCO JSON names its files in UTF-8; rename the file "
        + "(e.g. convmv -f latin1 -t utf8 --notest) or save another format")
  }
}
