/// CVAT's "Segmentation mask 1.1" export (datumaro's VOC segmentation
/// layout): `labelmap.txt` (`# label:color_rgb:parts:actions`, one
/// `name:r,g,b::` a line), `SegmentationClass/NAME.png` (each pixel the colour
/// of its label), `SegmentationObject/NAME.png` (each pixel the colour of its
/// object) and `ImageSets/Segmentation/default.txt` (the names).
///
/// Both PNGs are usually palette images: they are read as colours (the
/// palette expanded exactly) only inside this importer; label maps in
/// palette PNGs stay refused elsewhere.
///
/// Import: the class colour names the label through `labelmap.txt` (label
/// `background`, and black when unnamed, is void); the object colour makes
/// instances of thing classes, numbered in the order objects first appear
/// (row by row); a thing pixel with no object (black) is its class's crowd
/// region; stuff merges per class. Export writes the same files: labelmap
/// with `background` first then the catalog's classes present, class colours
/// from the catalog, object colours from the VOC colour map (index 1, 2, 3 …
/// for each segment, stuff included, as CVAT writes every mask as an object).
public enum CVATFormat {
  /// One `labelmap.txt` line: a label name and its colour.
  public struct LabelColor: Sendable, Hashable {
    public var name: String
    public var color: RGB

    public init(name: String, color: RGB) {
      self.name = name
      self.color = color
    }
  }

  /// Parses `labelmap.txt`; comments and empty lines are skipped.
  public static func parseLabelmap(_ text: String) throws(PanopticError) -> [LabelColor] {
    var out: [LabelColor] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ":", omittingEmptySubsequences: false)
      let rgb = fields.count > 1 ? fields[1].split(separator: ",").compactMap { UInt8($0.trimmingSpaces) } : []
      // No colour: the VOC colour of the label's position (datumaro's rule).
      let noColor = fields.count > 1 && fields[1].allSatisfy { $0 == " " }
      guard fields.count >= 2, rgb.count == 3 || noColor, !fields[0].isEmpty else {
        throw .badAnnotations("labelmap.txt line \(n + 1): expected name:r,g,b:parts:actions")
      }
      let color = noColor ? vocColor(out.count) : RGB(rgb[0], rgb[1], rgb[2])
      let entry = LabelColor(name: String(fields[0]), color: color)
      if let other = out.first(where: { $0.color == entry.color }) {
        throw .badAnnotations("labelmap.txt line \(n + 1): \(entry.name) has the colour of \(other.name) (\(entry.color))")
      }
      out.append(entry)
    }
    return out
  }

  /// Builds the label map from the class and object images.
  public static func importMasks(
    labelmap: [LabelColor], classImage: RGBImage, objectImage: RGBImage?, catalog: ClassCatalog
  ) throws(PanopticError) -> ImportedLabels {
    if let o = objectImage, o.width != classImage.width || o.height != classImage.height {
      throw .sizeMismatch(
        "SegmentationObject is \(o.width)×\(o.height), SegmentationClass \(classImage.width)×\(classImage.height)")
    }
    var painter = SegmentPainter(width: classImage.width, height: classImage.height, catalog: catalog)
    // Colour → class index (nil = void).
    var classOf: [RGB: Int?] = [RGB(0, 0, 0): nil]
    for e in labelmap {
      if e.name.lowercased() == "background" {
        classOf[e.color] = .some(nil)
        continue
      }
      do {
        classOf[e.color] = .some(try painter.classIndex(named: e.name))
      } catch {
        throw error.prefixed("labelmap.txt")
      }
    }
    var map = LabelMap(width: classImage.width, height: classImage.height)
    var instances: [UInt64: PanopticLabel] = [:]
    var crowdPixels = 0
    for i in 0..<map.pixelCount {
      let c = RGB(classImage.bytes[3 * i], classImage.bytes[3 * i + 1], classImage.bytes[3 * i + 2])
      guard let entry = classOf[c] else {
        throw .badLabels("SegmentationClass has colour \(c) at x=\(i % map.width) y=\(i / map.width), not in labelmap.txt")
      }
      guard let cls = entry else { continue }
      var label = PanopticLabel(classIndex: cls)
      if catalog[cls].isThing, let o = objectImage {
        let key = UInt64(o.bytes[3 * i]) << 16 | UInt64(o.bytes[3 * i + 1]) << 8 | UInt64(o.bytes[3 * i + 2])
        if key == 0 {
          crowdPixels += 1
        } else {
          let k = key << 16 | UInt64(cls)
          if let known = instances[k] {
            label = known
          } else {
            label = try painter.newLabel(classIndex: cls)
            instances[k] = label
          }
        }
      }
      map.pixels[i] = label.raw
    }
    var notes: [String] = []
    if objectImage == nil { notes.append("no SegmentationObject image: thing classes are read as crowd regions") }
    if crowdPixels > 0 { notes.append("\(crowdPixels) thing pixels have no object: read as their class's crowd region") }
    return ImportedLabels(map: map, catalog: catalog, notes: notes)
  }

  /// The files of an export: labelmap text, class image, object image.
  public static func export(_ map: LabelMap, catalog: ClassCatalog) throws(PanopticError) -> (
    labelmap: String, classImage: RGBImage, objectImage: RGBImage
  ) {
    let segments = map.segments().filter { !$0.label.isVoid }
    let classes = Set(segments.map(\.label.classIndex)).sorted()
    var text = "# label:color_rgb:parts:actions\nbackground:0,0,0::\n"
    var used: [RGB: String] = [RGB(0, 0, 0): "background"]
    for c in classes {
      let info = catalog[c]
      if let other = used[info.color] {
        throw .cannotEncode("\(info.name) and \(other) have the same colour \(info.color) in the \(catalog.name) catalog")
      }
      used[info.color] = info.name
      text += "\(info.name):\(info.color.r),\(info.color.g),\(info.color.b)::\n"
    }
    guard segments.count < 255 else {
      throw .cannotEncode("\(segments.count) segments: the VOC colour map has 254 object colours")
    }
    var objectColor: [UInt32: RGB] = [:]
    for (k, s) in segments.enumerated() { objectColor[s.label.raw] = vocColor(k + 1) }
    var cls = RGBImage(width: map.width, height: map.height), obj = RGBImage(width: map.width, height: map.height)
    for (i, v) in map.pixels.enumerated() where !PanopticLabel.isVoid(v) {
      let c = catalog[PanopticLabel(raw: v).classIndex].color, o = objectColor[v]!
      cls.bytes[3 * i] = c.r
      cls.bytes[3 * i + 1] = c.g
      cls.bytes[3 * i + 2] = c.b
      obj.bytes[3 * i] = o.r
      obj.bytes[3 * i + 1] = o.g
      obj.bytes[3 * i + 2] = o.b
    }
    return (text, cls, obj)
  }

  /// Pascal VOC's colour map: the bits of the index spread over R, G, B.
  public static func vocColor(_ index: Int) -> RGB {
    var r = 0, g = 0, b = 0, c = index
    for shift in stride(from: 7, through: 0, by: -1) {
      r |= (c & 1) << shift
      g |= ((c >> 1) & 1) << shift
      b |= ((c >> 2) & 1) << shift
      c >>= 3
    }
    return RGB(UInt8(r), UInt8(g), UInt8(b))
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var s = self
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}
