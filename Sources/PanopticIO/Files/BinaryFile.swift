import PanopticModel

/// Whole files as bytes, bounded: the dataset JSONs `eval` reads (a COCO
/// panoptic JSON of a validation split is tens of MB; the train split 185 MB).
public enum BinaryFile {
  public static func read(_ path: String, limit: Int) throws(PanopticError) -> [UInt8] {
    try InputFile.with(path, maxStreamBytes: limit) { (input) throws(PanopticError) in
      try input.readAll(limit: limit)
    }
  }

  /// Whether `path` names an existing folder (following symlinks).
  public static func isFolder(_ path: String) -> Bool {
    (try? SystemCall.stat(path))??.isDirectory ?? false
  }
}
