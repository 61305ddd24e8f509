import PanopticModel

/// `panoptty-status.tsv` in a dataset folder: one line per image a person
/// marked (done, skipped, review), by whom and when, so a team sees its
/// progress with `panoptty status` and `cat`. Every change is a
/// read-modify-write under the file's lock, replaced atomically, so two
/// annotators marking images at once both land.
public enum DatasetStatusFile {
  public static let name = "panoptty-status.tsv"
  static let header = "# panoptty dataset status: image<TAB>state<TAB>who<TAB>when (UTC)"

  /// One image's line.
  public struct Entry: Sendable, Hashable {
    public var image: String
    public var state: String
    public var who: String
    public var when: String
  }

  /// The entries by image name (the last line for a name wins); empty when
  /// there is no status file yet.
  public static func read(folder: String) throws(PanopticError) -> [String: Entry] {
    try checkPlain(folder + "/" + name)
    guard let text = try TextFile.readIfPresent(folder + "/" + name, limit: 1 << 28) else { return [:] }
    var out: [String: Entry] = [:]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 2, !f[0].isEmpty else { continue }
      out[f[0]] = Entry(image: f[0], state: f[1], who: f.count > 2 ? f[2] : "", when: f.count > 3 ? f[3] : "")
    }
    return out
  }

  /// Records `state` for `image` as this user, now; returns the entry written.
  @discardableResult
  public static func mark(folder: String, image: String, state: String) throws(PanopticError) -> Entry {
    // One line per image, tab-separated: a name with a tab or line break
    // would be stored under another name and its mark silently lost.
    if image.contains(where: { $0 == "\t" || $0.isNewline }) {
      throw .usage(
        "\(image.escapingControlCharacters): the name holds a tab or a line break, which \(name) cannot record; rename the file")
    }
    let path = folder + "/" + name
    try checkPlain(path)
    let lock = try COCOJSONLock(json: path, display: path)
    defer { lock.release() }
    let entry = Entry(
      image: image, state: state, who: "\(SystemCall.userName())@\(SystemCall.hostName())", when: SystemCall.utcTimestamp())
    let fields = [entry.image, entry.state, entry.who, entry.when].map { $0.filter { $0 != "\t" && !$0.isNewline } }
    // Every other line stays as it was (comments, rows of other tools or with extra columns,
    // lines panoptty cannot parse): the file is the team's, and a mark rewrote it from the
    // entries alone, dropping the rest. This image's line is replaced where it stands (its
    // own extra columns kept), later duplicates of it dropped, a new one appended.
    let old = try TextFile.readIfPresent(path, limit: 1 << 28)
    var lines = old.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? [header]
    if lines.last == "" { lines.removeLast() }
    var placed = false
    var kept: [String] = []
    for line in lines {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard !line.hasPrefix("#"), f.count >= 2, f[0] == image else {
        kept.append(line)
        continue
      }
      if placed { continue }
      kept.append((fields + f.dropFirst(4)).joined(separator: "\t"))
      placed = true
    }
    if !placed { kept.append(fields.joined(separator: "\t")) }
    let text = kept.joined(separator: "\n") + "\n"
    try AtomicFile.write(bytes: Array(text.utf8), to: path)
    return entry
  }

  /// The status file is shared by everyone on the folder, so it must be a
  /// plain file: a symlink someone planted (pointing anywhere) or a FIFO
  /// (which would block every reader) is refused, never followed.
  static func checkPlain(_ path: String) throws(PanopticError) {
    guard let st = try SystemCall.stat(path, followSymlinks: false) else { return }
    guard st.isRegular else {
      throw .conflict(
        "\(path) is \(st.isSymlink ? "a symlink" : st.isDirectory ? "a folder" : "not a regular file"); panoptty keeps the dataset status in a plain file there (remove it to continue)")
    }
  }

  /// Today's date in UTC (`2026-11-27`), as the `when` column starts.
  public static func today() -> String { String(SystemCall.utcTimestamp().prefix(10)) }

  /// Who holds the editor lock of `labels` right now, or nil when nobody
  /// does (a lock left by a dead process does not count).
  public static func holder(ofLabels labels: String) -> String? { FileLock.currentHolder(of: labels) }
}
