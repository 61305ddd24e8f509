import PanopticModel

/// The images of a COCO panoptic JSON, for dataset mode: each `images[]`
/// entry's photo name and, when the JSON has an annotation for it, the
/// label PNG's name. Read through the byte index (and its sidecar), so a
/// train-sized JSON lists in well under a second without being parsed.
public enum COCODatasetListing {
  public struct Entry: Sendable, Hashable {
    /// `images[].file_name`: the photo.
    public var photo: String
    /// `annotations[].file_name` for this image, nil when it has none yet.
    public var labels: String?
  }

  public static func entries(json path: String, limits: DecodeLimits = .standard) throws(PanopticError) -> [Entry] {
    let document = try COCOJSONDocument(path: path, maxStreamBytes: limits.maxFileBytes)
    let index = document.index
    var labelsByImage: [COCOImageID: String] = [:]
    for a in index.annotations {
      if let id = a.imageID, let name = a.fileName { labelsByImage[id] = name }
    }
    var out: [Entry] = []
    for image in index.images {
      guard let name = image.fileName, !name.isEmpty else { continue }
      out.append(Entry(photo: name, labels: image.id.flatMap { labelsByImage[$0] }))
    }
    return out
  }
}
