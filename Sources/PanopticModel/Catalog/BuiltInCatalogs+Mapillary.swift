// Facts from the Mapillary Vistas v2.0 label set (124 classes), stored in
// panoptty's own form. Where each field comes from:
// - name (Mapillary's "readable") and colour: open-mmlab/mmsegmentation
//   mmseg/datasets/mapillary.py, MapillaryDataset_v2 (classes, palette), at
//   commit 62eb05e1bafc943ae78b87a30f67226d4967620a;
// - supercategory (Mapillary's machine "name", e.g. "animal--bird", the field
//   Mask2Former's v1.2 list also stores as supercategory) and, again, colour:
//   openvinotoolkit/datumaro src/datumaro/plugins/data_formats/
//   mapillary_vistas/format.py, MapillaryVistasLabelMap_V20, at commit
//   3d533b9cf8b9dd46366961fd4b070768dea59e95 (colours agree with mmseg's);
// - thing/stuff: the "instances" flag of Mapillary's config_v2.0.json (the
//   flag the dataset's panoptic JSON calls isthing), read from a public copy
//   of that config. 72 classes have instances: 70 evaluated ones, matching
//   mmsegmentation's "70 instance-specific, 46 stuff, 8 void or crowd", plus
//   the unevaluated "Signage - Ambiguous" and "Traffic Sign - Ambiguous".
//   59 of the 60 classes v1.2 shares agree with Mask2Former's v1.2 isthing;
//   "On Rails" is a thing here and stuff in Mask2Former's v1.2 list.
// - id: the v2.0 label index 0-123 (the pixel value of the v2.0 semantic
//   PNGs), so the contiguous index equals the id.

extension ClassCatalog {
  /// Mapillary Vistas v2.0: the 124 labels in config order (Bird = 0,
  /// Unlabeled = 123).
  public static let mapillary: ClassCatalog = {
    typealias Row = (Int, String, String, Bool, (UInt8, UInt8, UInt8))
    let rows: [Row] = [
      (0, "Bird", "animal--bird", true, (165, 42, 42)),
      (1, "Ground Animal", "animal--ground-animal", true, (0, 192, 0)),
      (2, "Ambiguous Barrier", "construction--barrier--ambiguous", false, (250, 170, 31)),
      (3, "Concrete Block", "construction--barrier--concrete-block", false, (250, 170, 32)),
      (4, "Curb", "construction--barrier--curb", false, (196, 196, 196)),
      (5, "Fence", "construction--barrier--fence", false, (190, 153, 153)),
      (6, "Guard Rail", "construction--barrier--guard-rail", false, (180, 165, 180)),
      (7, "Barrier", "construction--barrier--other-barrier", false, (90, 120, 150)),
      (8, "Road Median", "construction--barrier--road-median", false, (250, 170, 33)),
      (9, "Road Side", "construction--barrier--road-side", false, (250, 170, 34)),
      (10, "Lane Separator", "construction--barrier--separator", false, (128, 128, 128)),
      (11, "Temporary Barrier", "construction--barrier--temporary", true, (250, 170, 35)),
      (12, "Wall", "construction--barrier--wall", false, (102, 102, 156)),
      (13, "Bike Lane", "construction--flat--bike-lane", false, (128, 64, 255)),
      (14, "Crosswalk - Plain", "construction--flat--crosswalk-plain", true, (140, 140, 200)),
      (15, "Curb Cut", "construction--flat--curb-cut", false, (170, 170, 170)),
      (16, "Driveway", "construction--flat--driveway", true, (250, 170, 36)),
      (17, "Parking", "construction--flat--parking", false, (250, 170, 160)),
      (18, "Parking Aisle", "construction--flat--parking-aisle", false, (250, 170, 37)),
      (19, "Pedestrian Area", "construction--flat--pedestrian-area", false, (96, 96, 96)),
      (20, "Rail Track", "construction--flat--rail-track", false, (230, 150, 140)),
      (21, "Road", "construction--flat--road", false, (128, 64, 128)),
      (22, "Road Shoulder", "construction--flat--road-shoulder", false, (110, 110, 110)),
      (23, "Service Lane", "construction--flat--service-lane", false, (110, 110, 110)),
      (24, "Sidewalk", "construction--flat--sidewalk", false, (244, 35, 232)),
      (25, "Traffic Island", "construction--flat--traffic-island", false, (128, 196, 128)),
      (26, "Bridge", "construction--structure--bridge", false, (150, 100, 100)),
      (27, "Building", "construction--structure--building", false, (70, 70, 70)),
      (28, "Garage", "construction--structure--garage", false, (150, 150, 150)),
      (29, "Tunnel", "construction--structure--tunnel", false, (150, 120, 90)),
      (30, "Person", "human--person--individual", true, (220, 20, 60)),
      (31, "Person Group", "human--person--person-group", false, (220, 20, 60)),
      (32, "Bicyclist", "human--rider--bicyclist", true, (255, 0, 0)),
      (33, "Motorcyclist", "human--rider--motorcyclist", true, (255, 0, 100)),
      (34, "Other Rider", "human--rider--other-rider", true, (255, 0, 200)),
      (35, "Lane Marking - Dashed Line", "marking--continuous--dashed", false, (255, 255, 255)),
      (36, "Lane Marking - Straight Line", "marking--continuous--solid", false, (255, 255, 255)),
      (37, "Lane Marking - Zigzag Line", "marking--continuous--zigzag", false, (250, 170, 29)),
      (38, "Lane Marking - Ambiguous", "marking--discrete--ambiguous", false, (250, 170, 28)),
      (39, "Lane Marking - Arrow (Left)", "marking--discrete--arrow--left", true, (250, 170, 26)),
      (40, "Lane Marking - Arrow (Other)", "marking--discrete--arrow--other", true, (250, 170, 25)),
      (41, "Lane Marking - Arrow (Right)", "marking--discrete--arrow--right", true, (250, 170, 24)),
      (42, "Lane Marking - Arrow (Split Left or Straight)", "marking--discrete--arrow--split-left-or-straight", true, (250, 170, 22)),
      (43, "Lane Marking - Arrow (Split Right or Straight)", "marking--discrete--arrow--split-right-or-straight", true, (250, 170, 21)),
      (44, "Lane Marking - Arrow (Straight)", "marking--discrete--arrow--straight", true, (250, 170, 20)),
      (45, "Lane Marking - Crosswalk", "marking--discrete--crosswalk-zebra", true, (255, 255, 255)),
      (46, "Lane Marking - Give Way (Row)", "marking--discrete--give-way-row", true, (250, 170, 19)),
      (47, "Lane Marking - Give Way (Single)", "marking--discrete--give-way-single", true, (250, 170, 18)),
      (48, "Lane Marking - Hatched (Chevron)", "marking--discrete--hatched--chevron", false, (250, 170, 12)),
      (49, "Lane Marking - Hatched (Diagonal)", "marking--discrete--hatched--diagonal", false, (250, 170, 11)),
      (50, "Lane Marking - Other", "marking--discrete--other-marking", true, (255, 255, 255)),
      (51, "Lane Marking - Stop Line", "marking--discrete--stop-line", true, (255, 255, 255)),
      (52, "Lane Marking - Symbol (Bicycle)", "marking--discrete--symbol--bicycle", true, (250, 170, 16)),
      (53, "Lane Marking - Symbol (Other)", "marking--discrete--symbol--other", true, (250, 170, 15)),
      (54, "Lane Marking - Text", "marking--discrete--text", true, (250, 170, 15)),
      (55, "Lane Marking (only) - Dashed Line", "marking-only--continuous--dashed", false, (255, 255, 255)),
      (56, "Lane Marking (only) - Crosswalk", "marking-only--discrete--crosswalk-zebra", false, (255, 255, 255)),
      (57, "Lane Marking (only) - Other", "marking-only--discrete--other-marking", false, (255, 255, 255)),
      (58, "Lane Marking (only) - Test", "marking-only--discrete--text", false, (255, 255, 255)),
      (59, "Mountain", "nature--mountain", false, (64, 170, 64)),
      (60, "Sand", "nature--sand", false, (230, 160, 50)),
      (61, "Sky", "nature--sky", false, (70, 130, 180)),
      (62, "Snow", "nature--snow", false, (190, 255, 255)),
      (63, "Terrain", "nature--terrain", false, (152, 251, 152)),
      (64, "Vegetation", "nature--vegetation", false, (107, 142, 35)),
      (65, "Water", "nature--water", false, (0, 170, 30)),
      (66, "Banner", "object--banner", true, (255, 255, 128)),
      (67, "Bench", "object--bench", true, (250, 0, 30)),
      (68, "Bike Rack", "object--bike-rack", true, (100, 140, 180)),
      (69, "Catch Basin", "object--catch-basin", true, (220, 128, 128)),
      (70, "CCTV Camera", "object--cctv-camera", true, (222, 40, 40)),
      (71, "Fire Hydrant", "object--fire-hydrant", true, (100, 170, 30)),
      (72, "Junction Box", "object--junction-box", true, (40, 40, 40)),
      (73, "Mailbox", "object--mailbox", true, (33, 33, 33)),
      (74, "Manhole", "object--manhole", true, (100, 128, 160)),
      (75, "Parking Meter", "object--parking-meter", true, (20, 20, 255)),
      (76, "Phone Booth", "object--phone-booth", true, (142, 0, 0)),
      (77, "Pothole", "object--pothole", false, (70, 100, 150)),
      (78, "Signage - Advertisement", "object--sign--advertisement", true, (250, 171, 30)),
      (79, "Signage - Ambiguous", "object--sign--ambiguous", true, (250, 172, 30)),
      (80, "Signage - Back", "object--sign--back", true, (250, 173, 30)),
      (81, "Signage - Information", "object--sign--information", true, (250, 174, 30)),
      (82, "Signage - Other", "object--sign--other", true, (250, 175, 30)),
      (83, "Signage - Store", "object--sign--store", true, (250, 176, 30)),
      (84, "Street Light", "object--street-light", true, (210, 170, 100)),
      (85, "Pole", "object--support--pole", true, (153, 153, 153)),
      (86, "Pole Group", "object--support--pole-group", false, (153, 153, 153)),
      (87, "Traffic Sign Frame", "object--support--traffic-sign-frame", true, (128, 128, 128)),
      (88, "Utility Pole", "object--support--utility-pole", true, (0, 0, 80)),
      (89, "Traffic Cone", "object--traffic-cone", true, (210, 60, 60)),
      (90, "Traffic Light - General (Single)", "object--traffic-light--cyclists", true, (250, 170, 30)),
      (91, "Traffic Light - Pedestrians", "object--traffic-light--general-horizontal", true, (250, 170, 30)),
      (92, "Traffic Light - General (Upright)", "object--traffic-light--general-single", true, (250, 170, 30)),
      (93, "Traffic Light - General (Horizontal)", "object--traffic-light--general-upright", true, (250, 170, 30)),
      (94, "Traffic Light - Cyclists", "object--traffic-light--other", true, (250, 170, 30)),
      (95, "Traffic Light - Other", "object--traffic-light--pedestrians", true, (250, 170, 30)),
      (96, "Traffic Sign - Ambiguous", "object--traffic-sign--ambiguous", true, (192, 192, 192)),
      (97, "Traffic Sign (Back)", "object--traffic-sign--back", true, (192, 192, 192)),
      (98, "Traffic Sign - Direction (Back)", "object--traffic-sign--direction-back", true, (192, 192, 192)),
      (99, "Traffic Sign - Direction (Front)", "object--traffic-sign--direction-front", true, (220, 220, 0)),
      (100, "Traffic Sign (Front)", "object--traffic-sign--front", true, (220, 220, 0)),
      (101, "Traffic Sign - Parking", "object--traffic-sign--information-parking", true, (0, 0, 196)),
      (102, "Traffic Sign - Temporary (Back)", "object--traffic-sign--temporary-back", true, (192, 192, 192)),
      (103, "Traffic Sign - Temporary (Front)", "object--traffic-sign--temporary-front", true, (220, 220, 0)),
      (104, "Trash Can", "object--trash-can", true, (140, 140, 20)),
      (105, "Bicycle", "object--vehicle--bicycle", true, (119, 11, 32)),
      (106, "Boat", "object--vehicle--boat", true, (150, 0, 255)),
      (107, "Bus", "object--vehicle--bus", true, (0, 60, 100)),
      (108, "Car", "object--vehicle--car", true, (0, 0, 142)),
      (109, "Caravan", "object--vehicle--caravan", true, (0, 0, 90)),
      (110, "Motorcycle", "object--vehicle--motorcycle", true, (0, 0, 230)),
      (111, "On Rails", "object--vehicle--on-rails", true, (0, 80, 100)),
      (112, "Other Vehicle", "object--vehicle--other-vehicle", true, (128, 64, 64)),
      (113, "Trailer", "object--vehicle--trailer", true, (0, 0, 110)),
      (114, "Truck", "object--vehicle--truck", true, (0, 0, 70)),
      (115, "Vehicle Group", "object--vehicle--vehicle-group", false, (0, 0, 142)),
      (116, "Wheeled Slow", "object--vehicle--wheeled-slow", true, (0, 0, 192)),
      (117, "Water Valve", "object--water-valve", true, (170, 170, 170)),
      (118, "Car Mount", "void--car-mount", false, (32, 32, 32)),
      (119, "Dynamic", "void--dynamic", false, (111, 74, 0)),
      (120, "Ego Vehicle", "void--ego-vehicle", false, (120, 10, 10)),
      (121, "Ground", "void--ground", false, (81, 0, 81)),
      (122, "Static", "void--static", false, (111, 111, 0)),
      (123, "Unlabeled", "void--unlabeled", false, (0, 0, 0)),
    ]
    return ClassCatalog(
      name: "mapillary",
      classes: rows.map { row in
        ClassInfo(
          id: row.0, name: row.1, kind: row.3 ? .thing : .stuff,
          color: RGB(row.4.0, row.4.1, row.4.2), supercategory: row.2)
      })
  }()
}
