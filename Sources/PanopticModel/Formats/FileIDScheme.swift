/// How labels are numbered in the file they came from, so the status line
/// and `info` show the file's own ids (a COCO segment id, a Cityscapes
/// `labelId × 1000 + k`, an offset value at any `--offset`), not panoptty's
/// internal packing.
public struct FileIDScheme: Sendable, Hashable {
  public var format: LabelFormat
  /// The offset parameters when the file is in the offset format: its ids
  /// follow from the label alone.
  public var offset: OffsetFormat?
  /// Ids read from (or last written to) the file, for formats whose ids are
  /// assigned when saving (COCO, Cityscapes, 2-channel).
  public var knownIDs: [UInt32: Int]

  public init(format: LabelFormat, offset: OffsetFormat? = nil, knownIDs: [UInt32: Int] = [:]) {
    self.format = format
    self.offset = offset
    self.knownIDs = knownIDs
  }

  /// The id `label` has in the file, or nil for a segment that gets its id
  /// only when it is saved (a new COCO or Cityscapes segment).
  public func fileID(of label: PanopticLabel) -> Int? {
    if let offset { return Int(offset.value(of: label.raw)) }
    if label.isVoid { return 0 }
    return knownIDs[label.raw]
  }
}
