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

  public var canWrite: Bool { self != .coco2ch }
}
