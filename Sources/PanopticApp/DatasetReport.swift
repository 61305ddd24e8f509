import PanopticIO
import PanopticModel

/// `panoptty status FOLDER`: how far a team is with a folder, from the
/// label files, the status file and the live editor locks.
public enum DatasetReport {
  public static func lines(_ dataset: Dataset, list: Bool) throws(AppFailure) -> [String] {
    let status: [String: DatasetStatusFile.Entry]
    do {
      status = try DatasetStatusFile.read(folder: dataset.folder)
    } catch {
      throw AppFailure(error, file: dataset.folder + "/" + DatasetStatusFile.name)
    }
    var counts: [String: Int] = [:]
    var byWhom: [String: Int] = [:]
    var labelled = 0, todo = 0
    var editing: [String] = []
    // Images whose editor stopped with edits only a crash journal holds (no editor holds them
    // now): the next open recovers them, and nobody should start over on them meanwhile.
    var stranded: [String] = []
    var rows: [String] = []
    for (i, item) in dataset.items.enumerated() {
      let hasLabels = FileStatus.of(item.labels) != nil
      if hasLabels { labelled += 1 }
      if dataset.isTodo(i, status: status) { todo += 1 }
      let entry = status[item.name]
      if let entry {
        counts[entry.state, default: 0] += 1
        if entry.state == ImageStateName.done { byWhom[entry.who, default: 0] += 1 }
      }
      let holder = DatasetStatusFile.holder(ofLabels: item.labels)
      if let holder { editing.append("\(item.name) by \(holder)") }
      let journal = holder == nil && FileStatus.of(EditJournal.path(for: item.labels)) != nil
      if journal { stranded.append(item.name) }
      if list {
        rows.append(
          [item.name, hasLabels ? "labels" : "-", entry?.state ?? "-", entry?.who ?? "-", entry?.when ?? "-",
           holder.map { "editing: " + $0 } ?? (journal ? "unsaved work in a crash journal" : "-")]
            .map(\.escapingControlCharacters).joined(separator: "\t"))
      }
    }
    let n = dataset.items.count
    func pct(_ k: Int) -> String { n == 0 ? "" : " (\(k * 100 / n)%)" }
    var out = ["\(dataset.folder): \(n.counted("image"))".escapingControlCharacters]
    out.append("  labelled  \(labelled)\(pct(labelled))")
    let who = byWhom.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
      .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    out.append("  done      \(counts["done", default: 0])\(pct(counts["done", default: 0]))" + (who.isEmpty ? "" : "  by " + who.escapingControlCharacters))
    out.append("  skipped   \(counts["skipped", default: 0])")
    out.append("  review    \(counts["review", default: 0])")
    out.append("  todo      \(todo)")
    out.append("  editing   \(editing.count)" + (editing.isEmpty ? "" : "  " + editing.joined(separator: "; ").escapingControlCharacters))
    if !stranded.isEmpty {
      out.append(
        "  unsaved   \(stranded.count)  " + stranded.joined(separator: ", ").escapingControlCharacters
          + " (an editor stopped with edits in a crash journal: opening the image recovers them, or says why it cannot)")
    }
    // A list is for a pipe (`cut`, `awk`, a TSV reader): the summary's lines among its rows
    // were rows that did not parse.
    return list ? rows : out
  }
}
