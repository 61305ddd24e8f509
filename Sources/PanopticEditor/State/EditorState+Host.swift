import PanopticModel
import PanopticRender

/// What the host (the terminal loop or the script runner) tells the editor.
extension EditorState {
  /// Hands over the history changes since the last call (for the journal).
  public mutating func takeJournalEvents() -> [JournalEvent] { document.takeJournalEvents() }

  /// The undo and redo stacks as journal records (see `LabelDocument`).
  public func historyRecords() -> [JournalEvent] { document.historyRecords() }

  /// Replays a crash journal; all or nothing (see `LabelDocument.replay`).
  public mutating func replay(_ events: [JournalEvent]) throws(PanopticError) {
    try document.replay(events)
    // Counted as the prompt counted them: the edits made since the last save.
    let edits = events.editCount
    let changes = events.changeCount
    if changes == 0 {
      say("restored the undo history from before the crash")
    } else if edits == 0 {
      say("recovered \(changes.counted("undo or redo", plural: "undos or redos")) of saved edits (undo works as before)")
    } else {
      say("recovered \(edits.counted("edit")) of unsaved work (undo works as before)")
    }
  }

  /// The host saved the label file: the current state is clean, and the ids
  /// the file now uses are known.
  public mutating func didSave(_ description: String, fileIDs: FileIDScheme? = nil) {
    document.markSaved()
    if let fileIDs { self.fileIDs = fileIDs }
    say(description)
  }

  /// Shows (or, with nil, clears) the persistent warning.
  public mutating func setWarning(_ text: String?) { warning = text }

  public mutating func saveFailed(_ description: String) { say(description, error: true) }

  /// Shows a message from the host.
  public mutating func note(_ text: String, error: Bool = false) { say(text, error: error) }

  /// The terminal the state was made for changed (the host learned its size
  /// and colours only after curses started).
  public mutating func resize(columns: Int, rows: Int, colorMode: ColorMode, unicode: Bool) {
    view.style.colorMode = colorMode
    view.style.unicode = unicode
    view.resize(columns: columns, rows: rows)
    view.viewport.fit()
  }
}

extension EditorState {
  /// A script asked to save here: the state counts as saved (the runner
  /// writes this snapshot later, or fails the whole run).
  public mutating func markSavedByScript() { document.markSaved() }

  /// Dataset mode: the next image starts with the tools of the last one
  /// (class, tool, brush, tolerance, preserve), never with its instance or
  /// its half-drawn shape, and with its own view when it was open before.
  public mutating func carryOver(tools previous: ToolSettings, view saved: ViewState?) {
    if previous.classIndex < catalog.classes.count {
      var t = previous
      t.selectedInstance = nil
      t.pendingPoints = []
      t.endStroke()
      tools = t
    }
    if let saved, saved.viewport.imageWidth == labels.width, saved.viewport.imageHeight == labels.height {
      let (c, r) = (view.columns, view.rows)
      view = saved
      view.resize(columns: c, rows: r)
    }
  }
}
