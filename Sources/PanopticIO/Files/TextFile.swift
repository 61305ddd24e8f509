import PanopticModel

/// Small text files: scripts, keymaps, catalogs. Read whole, bounded, as UTF-8.
public enum TextFile {
  public static func read(_ path: String, limit: Int = 1 << 26) throws(PanopticError) -> String {
    let bytes = try InputFile.with(path, maxStreamBytes: limit) { (input) throws(PanopticError) in
      try input.readAll(limit: limit)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The file's text, or nil when it does not exist (other errors throw).
  public static func readIfPresent(_ path: String, limit: Int = 1 << 26) throws(PanopticError) -> String? {
    guard FileIdentity.of(path) != nil else { return nil }
    return try read(path, limit: limit)
  }
}
