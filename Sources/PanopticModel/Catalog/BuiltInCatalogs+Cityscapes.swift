// Facts from cityscapesScripts' labels.py (labelIds 0-33), stored in
// panoptty's own form. The contiguous index equals the labelId.

extension ClassCatalog {
  /// Cityscapes labelIds 0-33 with trainIds, hasInstances (thing),
  /// ignoreInEval and colours. `license plate` (id -1) is never drawn and is
  /// left out, so that index == labelId.
  public static let cityscapes: ClassCatalog = {
    typealias Row = (String, Int, Int, String, Bool, Bool, (UInt8, UInt8, UInt8))
    let rows: [Row] = [
      ("unlabeled", 0, 255, "void", false, true, (0, 0, 0)),
      ("ego vehicle", 1, 255, "void", false, true, (0, 0, 0)),
      ("rectification border", 2, 255, "void", false, true, (0, 0, 0)),
      ("out of roi", 3, 255, "void", false, true, (0, 0, 0)),
      ("static", 4, 255, "void", false, true, (0, 0, 0)),
      ("dynamic", 5, 255, "void", false, true, (111, 74, 0)),
      ("ground", 6, 255, "void", false, true, (81, 0, 81)),
      ("road", 7, 0, "flat", false, false, (128, 64, 128)),
      ("sidewalk", 8, 1, "flat", false, false, (244, 35, 232)),
      ("parking", 9, 255, "flat", false, true, (250, 170, 160)),
      ("rail track", 10, 255, "flat", false, true, (230, 150, 140)),
      ("building", 11, 2, "construction", false, false, (70, 70, 70)),
      ("wall", 12, 3, "construction", false, false, (102, 102, 156)),
      ("fence", 13, 4, "construction", false, false, (190, 153, 153)),
      ("guard rail", 14, 255, "construction", false, true, (180, 165, 180)),
      ("bridge", 15, 255, "construction", false, true, (150, 100, 100)),
      ("tunnel", 16, 255, "construction", false, true, (150, 120, 90)),
      ("pole", 17, 5, "object", false, false, (153, 153, 153)),
      ("polegroup", 18, 255, "object", false, true, (153, 153, 153)),
      ("traffic light", 19, 6, "object", false, false, (250, 170, 30)),
      ("traffic sign", 20, 7, "object", false, false, (220, 220, 0)),
      ("vegetation", 21, 8, "nature", false, false, (107, 142, 35)),
      ("terrain", 22, 9, "nature", false, false, (152, 251, 152)),
      ("sky", 23, 10, "sky", false, false, (70, 130, 180)),
      ("person", 24, 11, "human", true, false, (220, 20, 60)),
      ("rider", 25, 12, "human", true, false, (255, 0, 0)),
      ("car", 26, 13, "vehicle", true, false, (0, 0, 142)),
      ("truck", 27, 14, "vehicle", true, false, (0, 0, 70)),
      ("bus", 28, 15, "vehicle", true, false, (0, 60, 100)),
      ("caravan", 29, 255, "vehicle", true, true, (0, 0, 90)),
      ("trailer", 30, 255, "vehicle", true, true, (0, 0, 110)),
      ("train", 31, 16, "vehicle", true, false, (0, 80, 100)),
      ("motorcycle", 32, 17, "vehicle", true, false, (0, 0, 230)),
      ("bicycle", 33, 18, "vehicle", true, false, (119, 11, 32)),
    ]
    return ClassCatalog(
      name: "cityscapes",
      classes: rows.map { row in
        ClassInfo(
          id: row.1, name: row.0, kind: row.4 ? .thing : .stuff,
          color: RGB(row.6.0, row.6.1, row.6.2), supercategory: row.3,
          trainID: row.2, ignoreInEval: row.5)
      })
  }()
}
