import PanopticModel
import PanopticRender

/// What the editor asks its host to do; the editor never touches files.
public enum EditorEffect: Hashable, Sendable {
  /// Save through the shared encoder to `path` (a copy), or to the label
  /// file itself when `path` is nil; `force` is `w!`.
  case save(path: String?, force: Bool, thenQuit: Bool)
  case quit
  /// Dataset mode: save if needed, then open another image.
  case switchImage(ImageStep)
  /// Dataset mode: record the image's state in the status file.
  case mark(ImageMark)
}

/// A line for the message row.
public struct EditorMessage: Sendable, Hashable {
  public var text: String
  public var isError: Bool
}

/// The editor as a pure state machine: input events and commands in, state
/// (drawn by `EditorScreen`) and effects out. The terminal loop, the script
/// runner and the tests all drive this same type.
///
/// It holds the parts and dispatches to them: `LabelDocument` owns the pixels
/// and history, `ToolSettings` what to paint with, `ViewState` where the
/// user looks, `InputMode` which keys mean what.
public struct EditorState: Sendable {
  public internal(set) var document: LabelDocument
  public internal(set) var tools: ToolSettings
  /// Whether messages may cost a cut to be helpful (a screen shows the live selection anyway);
  /// a script turns it off and pays for smart selection only at `accept`.
  public var showsLiveHints = true
  /// Opened with --read-only: the status line says so, since only a refused save would.
  public var isReadOnly = false
  public internal(set) var view: ViewState
  public internal(set) var mode: InputMode = .normal
  public internal(set) var message = EditorMessage(text: "", isError: false)
  /// The last messages, oldest first, for `:messages`: the message row is
  /// one line, and a long one (a dataset's notes, a recovery's account of
  /// what it dropped) runs off the screen's edge.
  public internal(set) var messageLog: [EditorMessage] = []
  /// Set by a press that only closed the `:` line or an overlay: the drag
  /// and release of that same press do nothing.
  var mouseIgnoredUntilRelease = false
  public internal(set) var commandHistory: [String] = []
  /// A problem that stays on screen until the host clears it (the crash
  /// journal cannot keep up with edits, say).
  public internal(set) var warning: String?
  public let image: RGBImage?
  public let pyramid: ImagePyramid?
  /// The photo box-blurred, made on the first colour fill (fills compare
  /// against local means, not noisy single pixels).
  var smoothed: RGBImage?
  /// The smart selection in progress, and its engine (made on first use).
  public internal(set) var selection = PendingSelection()
  /// A second label file of the image, shown on a toggle (`ref`).
  public internal(set) var reference: ReferenceLabels?
  var selector: SelectorBox?
  public var keymap: Keymap
  /// The label file's name, for the status line (escaped: a name may hold any byte).
  public var fileName: String
  /// Dataset mode: where the annotator is (`img 3/12, 5 done today`),
  /// leading the status line so no terminal width cuts it off.
  public var progress: String?
  /// How labels are numbered in the file, for the status line.
  public var fileIDs: FileIDScheme

  public init(
    labels: LabelMap, image: RGBImage?, catalog: ClassCatalog, keymap: Keymap, columns: Int = 80, rows: Int = 24,
    colorMode: ColorMode = .truecolor, unicode: Bool = true, fileName: String = "",
    fileIDs: FileIDScheme = FileIDScheme(format: .offset, offset: OffsetFormat(offset: 1000, voidClass: 133))
  ) {
    document = LabelDocument(labels: labels, catalog: catalog)
    tools = ToolSettings(catalog: catalog)
    self.image = image
    pyramid = image.map { ImagePyramid($0) }
    self.keymap = keymap
    self.fileName = fileName
    self.fileIDs = fileIDs
    let style = RenderStyle(mode: image == nil ? .labels : .overlay, opacity: 0.45, colorMode: colorMode, unicode: unicode)
    view = ViewState(imageWidth: labels.width, imageHeight: labels.height, columns: columns, rows: rows, style: style)
    say("\(labels.width)×\(labels.height), \(document.areas.areas.count) labels. ? shows the keys, : takes commands.")
  }

  // MARK: - Derived state

  public var labels: LabelMap { document.labels }
  public var catalog: ClassCatalog { document.catalog }
  public var isDirty: Bool { document.isDirty }
  public var currentClass: ClassInfo { catalog[tools.classIndex] }
  public var labelUnderCursor: PanopticLabel { labels[view.cursor.x, view.cursor.y] }

  /// Clicks and a box are work too: leaving would drop them without a word (the labels are
  /// not dirty until `accept`, so the unsaved-changes prompt would not ask).
  func refuseLeavingAPendingSelection() throws(PanopticError) {
    guard !selection.isEmpty else { return }
    throw .usage("a smart selection is pending: accept it (Enter) or reject it (Esc) first (q! quits anyway)")
  }

  mutating func say(_ text: String?, error: Bool = false) {
    guard let text else { return }
    // Escaped once, here: cut to the row's width after escaping, a name's "\n" (two cells)
    // pushed the end of the message off the row.
    message = EditorMessage(text: text.escapingControlCharacters, isError: error)
    guard !text.isEmpty, messageLog.last != message else { return }
    messageLog.append(message)
    if messageLog.count > 200 { messageLog.removeFirst(messageLog.count - 200) }
  }

  // MARK: - Commands

  /// Executes a command and shows its error in the message line.
  @discardableResult
  public mutating func run(_ command: EditorCommand) -> [EditorEffect] {
    do {
      return try execute(command)
    } catch {
      say(error.description, error: true)
      return []
    }
  }

  /// Executes one command; errors are thrown for scripts to report.
  public mutating func execute(_ command: EditorCommand) throws(PanopticError) -> [EditorEffect] {
    defer { refreshKeptPixels() }  // (a pending selection's kept pixels follow labels and preserve)
    if command.changesLabels { try refuseEditWhileReferenceShown() }
    switch command {
    case .setClass(let name): try chooseClass(name)
    case .setInstance(let n): try chooseInstance(n)
    case .newInstance:
      tools.selectedInstance = nil
      say(
        tools.paintCrowd && currentClass.isThing
          ? "crowd is on: the next stroke or fill paints \(currentClass.name) crowd (C turns crowd off)"
          : "the next stroke or fill starts instance #\(document.nextInstanceID)")
    case .setTool(let t):
      tools.tool = t
      tools.pendingPoints = []
      let hint = tools.hint(catalog: catalog, excludeKey: keymap.bindings.first { $0.mode == .normal && $0.command == .exclude(nil) }?.key)
      // The tint stays on screen: say what Enter and Esc will do with it.
      say(t != .smart && !selection.isEmpty ? "the smart selection stays pending (Enter accepts it, Esc rejects it); \(hint)" : hint)
    case .brushSize, .brushShape, .tolerance, .toleranceStep, .connectivity, .fillRule, .preserve, .crowd:
      say(tools.adjust(command, catalog: catalog))
    case .fill(let p): say(try fill(at: p))
    case .paint(let pts): say(try document.stroke(pts, erase: false, extend: false, tools: &tools, closing: true))
    case .erase(let pts): say(try document.stroke(pts, erase: true, extend: false, tools: &tools, closing: true))

    case .rect(let a, let b): say(try document.paintShape(.rect(a, b), tools: &tools))
    case .poly(let pts): say(try document.paintShape(.polygon(pts), tools: &tools))
    case .pick(let p): say(try document.pick(at: p, tools: &tools))
    case .toggleReference: say(try toggleReference())
    case .take(let p): say(try take(at: p))
    case .relabel(let ref, let className): say(try document.relabel(ref, to: className))
    case .merge(let a, let b): say(try document.merge(a, into: b))
    case .delete(let ref): say(try document.delete(ref))
    case .renumber: say(document.renumber())
    case .split(let ref, let line): say(try document.split(ref, along: line))
    case .toCrowd(let refs): say(try document.toCrowd(refs))
    case .include(let p): say(try click(p, include: true))
    case .exclude(let p): say(try click(p, include: false))
    case .box(let a, let b): say(try setBox(a, b))
    case .boxCorner: say(try boxCorner())
    case .accept(let add): say(try acceptSelection(add: add))
    case .reject: say(rejectSelection())
    case .undo: say("undid: \(try document.undo().description)")
    case .redo: say("redid: \(try document.redo().description)")
    case .apply: say(try applyTool(closing: false))
    case .vertex: say(try applyTool(closing: false))
    case .finish:
      // A pending selection is what Enter finishes whatever the tool (unless that tool has
      // points of its own pending): `q` tells the user "accept it (Enter)", and the fill tool
      // chosen meanwhile used to fill at the cursor instead.
      let acceptsSelection = !selection.isEmpty && (tools.tool == .smart || tools.pendingPoints.isEmpty)
      say(acceptsSelection ? try acceptSelection(add: false) : try applyTool(closing: true))
    case .removeVertex:
      // Pending clicks are what BS drops whatever the tool, unless the tool has points of its own.
      if tools.tool == .smart || (!selection.isEmpty && tools.pendingPoints.isEmpty) {
        say(try dropLastClick())
        return []
      }
      guard !tools.pendingPoints.isEmpty else { throw .usage("no point to drop") }
      tools.pendingPoints.removeLast()
      say(tools.pendingPoints.count.counted("point"))
    case .cancel: cancel()
    case .move(let dx, let dy):
      let step = max(1, Int(view.viewport.scale.rounded()))
      view.moveCursor(to: Point(view.cursor.x + dx * step, view.cursor.y + dy * step))
    case .goto(let p):
      try document.check(p)
      view.jump(to: p)
    case .zoom(let z): try zoom(z)
    case .pan(let dx, let dy): view.viewport.pan(dx: dx, dy: dy)
    case .select(let ref): try select(ref)
    case .overlay, .opacity, .colorBy: say(view.adjustStyle(command))
    case .panel:
      view.togglePanel()
      // Below the width the panel needs Tab still flips it, silently: say what will happen.
      if view.columns < EditorLayout.panelMinimumColumns {
        say(
          "side panel \(view.showPanel ? "on" : "off"): it shows from \(EditorLayout.panelMinimumColumns) columns (this terminal has \(view.columns))")
      }
    case .help:
      if case .help(.keys, _) = mode { mode = .normal } else { mode = .help(.keys, scroll: 0) }
    case .messages: mode = .help(.messages, scroll: 0)
    case .helpScroll(let n):
      if case .help(let page, let s) = mode { mode = .help(page, scroll: max(0, s + n)) }
    case .commandLine(let text): mode = .commandLine(LineEditor(text))
    case .image(let step):
      try refuseLeavingAPendingSelection()
      return [.switchImage(step)]
    case .mark(let m): return [.mark(m)]
    case .write(let path, let force): return [.save(path: path, force: force, thenQuit: false)]
    case .writeQuit:
      try refuseLeavingAPendingSelection()
      return document.isDirty ? [.save(path: nil, force: false, thenQuit: true)] : [.quit]
    case .quit(let force):
      if !force { try refuseLeavingAPendingSelection() }
      if force || !document.isDirty { return [.quit] }
      mode = .confirmQuit
    }
    return []
  }
}
