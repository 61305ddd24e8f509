/// The on-disk label formats panoptty reads and writes.
public enum LabelFormat: String, Sendable, CaseIterable, Hashable {
  /// value = instance × offset + class index; 16-bit gray, widened to RGB.
  case offset
  /// COCO panoptic: RGB segment ids + `segments_info` JSON.
  case coco
  /// panopticapi's 2-channel PNG: R = category id, G = instance (read only).
  case coco2ch = "coco-2ch"
  /// Cityscapes `*_instanceIds.png`: labelId × 1000 + per-class index.
  case cityscapes
  /// value = class × divisor + per-class instance, class = contiguous index
  /// (Panoptic-DeepLab and detectron2's `label_divisor` maps); `--divisor`.
  case classMajor = "class-major"
  /// DeepLab2's `panoptic_label_divisor` maps: Cityscapes trainId × 1000 +
  /// instance, void = ignore label 255 (`--divisor`, `--void`, `--classes`).
  case deeplab2
  /// KITTI-STEP / MOTChallenge-STEP PNGs: R = trainId, G·256 + B = instance.
  case kittiStep = "kitti-step"
  /// VIPSeg's raw `panomasks`: stuff = class id, things class × 100 + k.
  case vipseg
  /// Cityscapes-DVPS (ViP-DeepLab) `*_gtFine_instanceTrainIds.png`: trainId × 1000 + instance.
  case cityscapesDVPS = "cityscapes-dvps"

  /// detectron2 `panoptic_seg` dumps: `.npy` / `.npz` id map + `segments_info` JSON (read only).
  case detectron2

  public var canWrite: Bool { self != .coco2ch && self != .detectron2 }

  /// The class-major family (`ClassMajorFormat`): one parametrised format.
  public var isClassMajor: Bool { ClassMajorFormat.Preset(rawValue: rawValue) != nil }
}
