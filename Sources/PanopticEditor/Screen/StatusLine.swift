import PanopticModel
import PanopticRender

/// The status line. Fixed-width fields: moving the cursor or editing
/// rewrites only the characters that changed, not a shifted line (bytes
/// over SSH).
enum StatusLine {
  static func text(_ s: EditorState) -> String {
    let shown = s.shownLabels
    let showingReference = s.reference?.shown == true
    let l = shown.map[s.view.cursor.x, s.view.cursor.y]
    var under = shown.catalog.describe(l)
    if !l.isVoid && !shown.catalog[l.classIndex].isThing { under += " (stuff)" }
    // The id as the file writes it (COCO segment id, Cityscapes value,
    // offset value); a segment made since the last save has none yet.
    let id = l.isVoid ? "void" : showingReference ? "ref" : s.fileIDs.fileID(of: l).map(String.init) ?? "new"
    let c = s.currentClass
    var cls = c.name
    // What the next stroke makes: crowd mode paints the class's crowd, whatever instance is chosen.
    if c.isThing {
      cls += s.tools.paintCrowd ? " crowd" : s.tools.selectedInstance.map { " #\($0)" } ?? " new#\(s.document.nextInstanceID)"
    }
    let pos = pad("\(s.view.cursor.x),\(s.view.cursor.y)", 9)
    let here = pad("\(under) [\(id)]", 30)
    // A warning (the crash journal cannot keep up) leads the line, where no
    // terminal width can cut it off, until the host clears it.
    let warning = s.warning.map { " ! " + TextWidth.prefix($0, columns: 96) + " |" } ?? ""
    let progress = s.progress.map { " " + $0 + " |" } ?? ""
    // Showing the reference: say so first, or a reviewer edits blind.
    let reference = s.reference.flatMap { $0.shown ? " REF " + $0.name + " |" : nil } ?? ""
    let readOnly = s.isReadOnly ? " READ-ONLY |" : ""
    // What the next stroke does comes first (class, tool, keep/over): an 80-column terminal,
    // tmux's default, cut the line after the cursor fields and hid the class being painted.
    let line = warning + progress + reference + readOnly + (s.isDirty ? " [+] " : "     ") + pad(cls, 22) + " | "
      + pad(toolText(s), 16) + " | " + (s.tools.preserve ? "keep" : "over") + " | " + pos + " " + here + " | "
      + pad(s.view.zoomText, 4) + " | " + pad(s.view.style.mode.rawValue, 10) + " | " + s.fileName
    return fitted(line, columns: s.view.columns)
  }

  /// The line cut at the last word that fits, and no separator left dangling: cut by the
  /// screen's edge, a value was cut in half and read as another (`[100` for the raw id 1000 at
  /// 80 columns, `fill tol 2` for tolerance 24 at 40). A first word wider than the screen is
  /// left to the edge.
  static func fitted(_ line: String, columns: Int) -> String {
    guard TextWidth.columns(of: line) > columns else { return line }
    let characters = Array(line)
    var used = 0, lastSpace: Int?
    for (i, ch) in characters.enumerated() {
      used += TextWidth.columns(of: String(ch))
      if used > columns { break }
      if ch == " " { lastSpace = i }
    }
    guard let end = lastSpace else { return line }
    var kept = characters[..<end]
    while let last = kept.last, last == " " || last == "|" { kept = kept.dropLast() }
    return kept.isEmpty ? line : String(kept)
  }


  /// The tool's settings; for the smart tool, the size of the selection.
  static func toolText(_ s: EditorState) -> String {
    guard s.tools.tool == .smart else { return s.tools.statusText }
    return "smart " + (s.selectionPreview.map { "\($0.pixelCount)px" } ?? "-")
  }

  /// Pads to `n` terminal columns (a CJK class name takes two a character), so the fields after
  /// it stay where they were and a cursor move still rewrites only what changed.
  static func pad(_ t: String, _ n: Int) -> String {
    let used = TextWidth.columns(of: t)
    return used >= n ? t : t + String(repeating: " ", count: n - used)
  }
}
