/// What the editor asks its host to do; the core never touches files.
public enum EditorEffect: Hashable, Sendable {
  /// Save through the shared encoder (to `path`, or the file's own path).
  case save(path: String?, force: Bool, thenQuit: Bool)
  case quit
}

/// What changed in the undo history, in order, for the crash journal: replaying
/// these onto the file as it was opened gives the exact state and history.
public enum JournalEvent: Hashable, Sendable {
  case step(HistoryStep)
  case extend(EditDelta)
  case undo
  case redo
  /// History that already happened before the journal's base was saved:
  /// restored onto the undo or redo stack without touching pixels.
  case savedUndo(HistoryStep)
  case savedRedo(HistoryStep)
}

/// The editor as a pure state machine: input events and commands in, state
/// (and a `CellGrid` via `EditorScreen`) out. The terminal front end, the
/// `--script` runner and the tests all drive this same type.
public struct EditorState: Sendable {
  // Data
  public private(set) var labels: LabelMap
  public let image: RGBImage?
  public let pyramid: ImagePyramid?
  public let catalog: ClassCatalog
  public var keymap: Keymap
  public private(set) var areas: LabelAreas
  public private(set) var history = History()

  // View
  public var viewport: Viewport
  public private(set) var screenColumns: Int
  public private(set) var screenRows: Int
  public var style: RenderStyle
  public var showPanel = true
  public var showHelp = false
  public var helpScroll = 0

  // Tools
  public private(set) var cursorX = 0
  public private(set) var cursorY = 0
  public var tool: Tool = .fill
  public private(set) var classIndex: Int
  public private(set) var selectedInstance: Int?
  public var brushRadius = 2
  public var brushShape: BrushShape = .round
  public var tolerance = 24
  public var connectivity = 4
  public var fillRule: FillRule = .color
  public var preserve = false
  public private(set) var pendingPoints: [(Int, Int)] = []
  public private(set) var selectedSegment: PanopticLabel?

  // Interaction
  public private(set) var commandLine: String?
  public private(set) var commandHistory: [String] = []
  private var historyIndex: Int?
  public private(set) var countPrefix: Int?
  public private(set) var confirmingQuit = false
  public private(set) var message = ""
  public private(set) var messageIsError = false
  private var savedDepth: Int? = 0
  private var strokeOpen = false
  private var lastStrokePoint: (Int, Int)?
  /// The file being edited, shown in the status line.
  public var fileName: String
  /// History changes not yet handed to the journal.
  private var journalBacklog: [JournalEvent] = []

  public init(
    labels: LabelMap, image: RGBImage?, catalog: ClassCatalog, keymap: Keymap, columns: Int = 80, rows: Int = 24,
    colorMode: ColorMode = .truecolor, unicode: Bool = true, fileName: String = ""
  ) {
    self.labels = labels
    self.image = image
    self.pyramid = image.map { ImagePyramid($0) }
    self.catalog = catalog
    self.keymap = keymap
    self.areas = LabelAreas(labels)
    self.screenColumns = columns
    self.screenRows = rows
    self.fileName = fileName
    style = RenderStyle(mode: image == nil ? .labels : .overlay, opacity: 0.45, colorMode: colorMode, unicode: unicode)
    classIndex = catalog.classes.firstIndex { $0.isThing } ?? 0
    viewport = Viewport(imageWidth: labels.width, imageHeight: labels.height, columns: 1, rows: 1)
    cursorX = labels.width / 2
    cursorY = labels.height / 2
    layoutChanged()
    viewport.fit()
    say("\(labels.width)×\(labels.height), \(areas.areas.count) labels. ? shows the keys, : takes commands.")
  }

  // MARK: - Derived state

  public var isDirty: Bool { savedDepth != history.undoSteps.count }
  public var currentClass: ClassInfo { catalog[classIndex] }
  public var labelUnderCursor: PanopticLabel { labels[cursorX, cursorY] }
  public var pictureColumns: Int { EditorScreen.layout(columns: screenColumns, rows: screenRows, panel: showPanel).picture.columns }

  mutating func layoutChanged() {
    let l = EditorScreen.layout(columns: screenColumns, rows: screenRows, panel: showPanel)
    let cx = viewport.originX + viewport.scale * Double(viewport.pixelWidth) / 2
    let cy = viewport.originY + viewport.scale * Double(viewport.pixelHeight) / 2
    viewport.columns = max(1, l.picture.columns)
    viewport.rows = max(1, l.picture.rows)
    viewport.center(x: cx, y: cy)
  }

  mutating func say(_ text: String, error: Bool = false) {
    message = text
    messageIsError = error
  }

  // MARK: - Events

  /// Handles one input event; returns what the host must do.
  public mutating func handle(_ event: InputEvent) -> [EditorEffect] {
    switch event {
    case .resize(let c, let r):
      screenColumns = c
      screenRows = r
      layoutChanged()
      viewport.keepVisible(x: cursorX, y: cursorY)
      return []
    case .mouse(let m):
      return handleMouse(m)
    case .key(let k):
      return handleKey(k)
    }
  }

  mutating func handleKey(_ key: Key) -> [EditorEffect] {
    if commandLine != nil { return handleCommandLineKey(key) }
    if confirmingQuit {
      confirmingQuit = false
      switch key {
      case .char("y"), .char("Y"): return [.quit]
      case .char("w"), .char("W"): return run(.writeQuit)
      default:
        say("quit cancelled")
        return []
      }
    }
    if showHelp {
      switch key {
      case .char("j"), .down: helpScroll += 1
      case .char("k"), .up: helpScroll = max(0, helpScroll - 1)
      case .named("PgDn"), .char(" "): helpScroll += 10
      case .named("PgUp"): helpScroll = max(0, helpScroll - 10)
      default:
        showHelp = false
        helpScroll = 0
      }
      return []
    }
    if case .char(let c) = key, let d = c.wholeNumberValue, c.isASCII, d > 0 || countPrefix != nil {
      countPrefix = min(99_999, (countPrefix ?? 0) * 10 + d)
      return []
    }
    guard let text = keymap.command(for: key) else {
      countPrefix = nil
      if key == .escape { return run(.cancel) }
      say("\(key) is not bound (press ? for the keys)", error: true)
      return []
    }
    let count = countPrefix ?? 1
    countPrefix = nil
    do {
      var command = try CommandParser.parse(text)
      switch command {
      case .move(let dx, let dy): command = .move(dx * count, dy * count)
      case .pan(let dx, let dy): command = .pan(dx * count, dy * count)
      default: break
      }
      return run(command)
    } catch {
      say("\(key) → \(text): \(error.description)", error: true)
      return []
    }
  }

  mutating func handleCommandLineKey(_ key: Key) -> [EditorEffect] {
    guard var line = commandLine else { return [] }
    switch key {
    case .escape:
      commandLine = nil
      historyIndex = nil
    case .enter:
      commandLine = nil
      historyIndex = nil
      let text = line.trimmingSpaces()
      if text.isEmpty { return [] }
      if commandHistory.last != text { commandHistory.append(text) }
      return runText(text)
    case .backspace:
      if line.isEmpty {
        commandLine = nil
      } else {
        line.removeLast()
        commandLine = line
      }
    case .up:
      guard !commandHistory.isEmpty else { return [] }
      let i = max(0, (historyIndex ?? commandHistory.count) - 1)
      historyIndex = i
      commandLine = commandHistory[i]
    case .down:
      guard let i = historyIndex else { return [] }
      if i + 1 < commandHistory.count {
        historyIndex = i + 1
        commandLine = commandHistory[i + 1]
      } else {
        historyIndex = nil
        commandLine = ""
      }
    case .ctrl("u"):
      commandLine = ""
    case .char(let c):
      commandLine = line + String(c)
    default:
      break
    }
    return []
  }

  /// Runs `;`-separated command text (the `:` line).
  public mutating func runText(_ text: String) -> [EditorEffect] {
    var effects: [EditorEffect] = []
    for part in CommandParser.parseScript(text) {
      do {
        effects += try execute(CommandParser.parse(part.text))
      } catch {
        say(error.description, error: true)
        return effects
      }
    }
    return effects
  }

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

  mutating func handleMouse(_ m: MouseEvent) -> [EditorEffect] {
    let l = EditorScreen.layout(columns: screenColumns, rows: screenRows, panel: showPanel)
    let inPicture = m.column < l.picture.columns && m.row < l.picture.rows
    if !inPicture {
      if m.kind == .press, let hit = EditorScreen.panelHit(self, column: m.column, row: m.row) {
        switch hit {
        case .classIndex(let c): return run(.setClass(String(c)))
        case .segment(let label):
          return run(.select(label.instance > 0 ? .instance(label.instance) : .classRegion(String(label.classIndex))))
        }
      }
      if m.kind == .release { endStroke() }
      return []
    }
    let p = viewport.imagePoint(screenX: m.column, screenY: m.row * 2)
    let x = min(max(p.x, 0), labels.width - 1)
    let y = min(max(p.y, 0), labels.height - 1)
    switch m.kind {
    case .wheelUp:
      viewport.zoom(by: 1.25, around: Double(x) + 0.5, Double(y) + 0.5)
      return []
    case .wheelDown:
      viewport.zoom(by: 0.8, around: Double(x) + 0.5, Double(y) + 0.5)
      return []
    case .press:
      cursorX = x
      cursorY = y
      if tool == .brush || tool == .erase {
        strokeOpen = false
        lastStrokePoint = nil
        return run(.apply)
      }
      return run(.apply)
    case .drag:
      cursorX = x
      cursorY = y
      guard tool == .brush || tool == .erase else { return [] }
      let from = lastStrokePoint ?? (x, y)
      do {
        try strokeSegment([from, (x, y)], erase: tool == .erase, extend: strokeOpen)
      } catch {
        say(error.description, error: true)
      }
      return []
    case .release:
      endStroke()
      return []
    }
  }

  mutating func endStroke() {
    strokeOpen = false
    lastStrokePoint = nil
  }

  // MARK: - Commands

  /// Executes one command; errors are thrown for scripts to report.
  public mutating func execute(_ command: EditorCommand) throws(PanopticError) -> [EditorEffect] {
    switch command {
    case .setClass(let name):
      guard let c = catalog.resolve(name) else {
        let s = catalog.suggestions(for: name)
        throw .usage("no class \"\(name)\" in \(catalog.name)" + (s.isEmpty ? "" : " (did you mean \(s.joined(separator: ", "))?)"))
      }
      classIndex = c
      selectedInstance = nil
      say("class \(catalog[c].name) (\(catalog[c].isThing ? "thing: fills make new instances" : "stuff"))")
    case .setInstance(let n):
      guard let l = areas.label(ofInstance: n) else {
        throw .usage("there is no instance \(n); the next new one is \(areas.nextInstanceID)")
      }
      classIndex = l.classIndex
      selectedInstance = n
      say("painting \(catalog[l.classIndex].name) #\(n)")
    case .newInstance:
      selectedInstance = nil
      say("the next stroke or fill starts instance #\(areas.nextInstanceID)")
    case .setTool(let t):
      tool = t
      pendingPoints = []
      say(toolHint(t))
    case .brushSize(let v, let rel):
      brushRadius = min(500, max(0, rel ? brushRadius + v : v))
      say("brush radius \(brushRadius)")
    case .brushShape(let s):
      brushShape = s ?? (brushShape == .round ? .square : .round)
      say("brush \(brushShape.rawValue)")
    case .tolerance(let v, let rel):
      tolerance = min(255, max(0, rel ? tolerance + v : v))
      say("fill tolerance \(tolerance)")
    case .connectivity(let c):
      connectivity = c
      say("fill connectivity \(c)")
    case .fillRule(let r):
      fillRule = r ?? (fillRule == .color ? .label : .color)
      say(fillRule == .color ? "fill by image colour (tolerance \(tolerance))" : "fill by label (the connected same-label area)")
    case .preserve(let on):
      preserve = on ?? !preserve
      say(preserve ? "preserve: labelled pixels are kept" : "overwrite: labelled pixels can change")
    case .fill(let x, let y):
      try checkPoint(x, y)
      try fill(x, y)
    case .paint(let pts):
      for p in pts { try checkPoint(p.0, p.1) }
      try strokeSegment(pts, erase: false, extend: false)
      endStroke()
    case .erase(let pts):
      for p in pts { try checkPoint(p.0, p.1) }
      try strokeSegment(pts, erase: true, extend: false)
      endStroke()
    case .rect(let x0, let y0, let x1, let y1):
      try checkPoint(x0, y0)
      try checkPoint(x1, y1)
      try paintRegion(Raster.rect(x0, y0, x1, y1, width: labels.width, height: labels.height), what: "rectangle")
    case .poly(let pts):
      for p in pts { try checkPoint(p.0, p.1) }
      try paintRegion(Raster.polygon(pts, width: labels.width, height: labels.height), what: "polygon")
    case .pick(let x, let y):
      try checkPoint(x, y)
      let l = labels[x, y]
      guard !l.isVoid else { throw .usage("(\(x), \(y)) is void: nothing to pick") }
      classIndex = l.classIndex
      selectedInstance = catalog[l.classIndex].isThing && l.instance > 0 ? l.instance : nil
      say("picked \(describe(l))")
    case .relabel(let ref, let className):
      let from = try resolve(ref)
      guard let to = catalog.resolve(className) else { throw .usage("no class \"\(className)\" in \(catalog.name)") }
      let target: UInt32
      if catalog[to].isThing {
        let inst = from.instance > 0 ? from.instance : areas.nextInstanceID
        target = UInt32(inst) << 16 | UInt32(to)
      } else {
        target = UInt32(to)
      }
      let delta = labels.applyEverywhere { $0 == from.raw ? target : nil }
      commit(delta, "relabel \(describe(from)) → \(describe(PanopticLabel(raw: target)))")
    case .merge(let a, let b):
      let keep = try resolve(a)
      let gone = try resolve(b)
      guard keep != gone else { throw .usage("merge needs two different segments") }
      let delta = labels.applyEverywhere { $0 == gone.raw ? keep.raw : nil }
      commit(delta, "merged \(describe(gone)) into \(describe(keep))")
    case .delete(let ref):
      let l = try resolve(ref)
      let delta = labels.applyEverywhere { $0 == l.raw ? PanopticLabel.voidClass : nil }
      commit(delta, "deleted \(describe(l))")
    case .renumber:
      let ids = Set(areas.areas.keys.filter { $0 & 0xFFFF != PanopticLabel.voidClass && $0 >> 16 > 0 }.map { $0 >> 16 }).sorted()
      var newID: [UInt32: UInt32] = [:]
      for (i, id) in ids.enumerated() { newID[id] = UInt32(i + 1) }
      let delta = labels.applyEverywhere { v in
        guard v & 0xFFFF != PanopticLabel.voidClass, let n = newID[v >> 16], n != v >> 16 else { return nil }
        return n << 16 | (v & 0xFFFF)
      }
      commit(delta, "renumbered \(ids.count) instances to 1…\(ids.count)")
    case .undo:
      guard let step = history.popUndo() else { throw .usage("nothing to undo") }
      journalBacklog.append(.undo)
      labels.revert(step.delta, toBefore: true)
      areas.update(step.delta, reverse: true)
      say("undid: \(step.description)")
    case .redo:
      guard let step = history.popRedo() else { throw .usage("nothing to redo") }
      journalBacklog.append(.redo)
      labels.revert(step.delta, toBefore: false)
      areas.update(step.delta)
      say("redid: \(step.description)")
    case .apply, .vertex:
      return try applyTool(addVertexOnly: command == .vertex)
    case .cancel:
      pendingPoints = []
      showHelp = false
      countPrefix = nil
      endStroke()
      say("")
    case .move(let dx, let dy):
      let step = max(1, Int(viewport.scale.rounded()))
      moveCursor(to: cursorX + dx * step, cursorY + dy * step)
    case .goto(let x, let y):
      try checkPoint(x, y)
      moveCursor(to: x, y)
    case .zoom(let z):
      let cx = Double(cursorX) + 0.5, cy = Double(cursorY) + 0.5
      switch z {
      case .into: viewport.zoom(by: 2, around: cx, cy)
      case .out: viewport.zoom(by: 0.5, around: cx, cy)
      case .fit: viewport.fit()
      case .to(let n): viewport.setZoom(n, around: cx, cy)
      case .segment:
        let l = selectedSegment ?? labelUnderCursor
        guard !l.isVoid, let box = bbox(of: l) else { throw .usage("no segment under the cursor to zoom to") }
        zoom(to: box)
      }
      viewport.keepVisible(x: cursorX, y: cursorY)
      say("zoom \(formatZoom(viewport.magnification))")
    case .pan(let dx, let dy):
      viewport.pan(dx: dx, dy: dy)
    case .select(let ref):
      let l = try resolve(ref)
      selectedSegment = l
      if let box = bbox(of: l) {
        moveCursor(to: box.x + box.width / 2, box.y + box.height / 2)
        if Double(box.width) / viewport.scale > Double(viewport.pixelWidth) || Double(box.height) / viewport.scale > Double(viewport.pixelHeight) {
          zoom(to: box)
        }
        viewport.center(x: Double(box.x) + Double(box.width) / 2, y: Double(box.y) + Double(box.height) / 2)
      }
      say("selected \(describe(l)), \(areas.areas[l.raw] ?? 0) px")
    case .overlay(let m):
      style.mode = m ?? style.mode.next
      say("showing \(style.mode.rawValue)")
    case .opacity(let v, let rel):
      style.opacity = min(1, max(0, rel ? style.opacity + v : v))
      say("opacity \(Int((style.opacity * 100).rounded()))%")
    case .colorBy(let c):
      style.colorBy = c ?? (style.colorBy == .class ? .instance : .class)
      say("colour by \(style.colorBy.rawValue)")
    case .panel:
      showPanel.toggle()
      layoutChanged()
    case .help:
      showHelp.toggle()
      helpScroll = 0
    case .commandLine(let text):
      commandLine = text
      historyIndex = nil
    case .write(let path, let force):
      return [.save(path: path, force: force, thenQuit: false)]
    case .writeQuit:
      return isDirty ? [.save(path: nil, force: false, thenQuit: true)] : [.quit]
    case .quit(let force):
      if force || !isDirty { return [.quit] }
      confirmingQuit = true
      say("unsaved changes: w saves and quits, y quits without saving, any other key stays", error: true)
    }
    return []
  }

  // MARK: - Host callbacks

  /// Hands over the history changes since the last call (for the journal).
  public mutating func takeJournalEvents() -> [JournalEvent] {
    defer { journalBacklog.removeAll() }
    return journalBacklog
  }

  /// The undo and redo stacks as journal records, for a journal whose base
  /// is the file as just saved (so undo survives a crash after a save).
  public func historyRecords() -> [JournalEvent] {
    history.undoSteps.map { .savedUndo($0) } + history.redoSteps.map { .savedRedo($0) }
  }

  /// Replays journal events (crash recovery) onto the labels as opened:
  /// the result is the state and undo history from before the crash.
  public mutating func replay(_ events: [JournalEvent]) throws(PanopticError) {
    for e in events {
      switch e {
      case .step(let step):
        guard step.delta.runs.allSatisfy({ $0.start >= 0 && $0.start + $0.length <= labels.pixels.count }) else {
          throw .badLabels("the journal does not fit this label map")
        }
        labels.revert(step.delta, toBefore: false)
        areas.update(step.delta)
        history.push(step)
      case .extend(let delta):
        guard delta.runs.allSatisfy({ $0.start >= 0 && $0.start + $0.length <= labels.pixels.count }) else {
          throw .badLabels("the journal does not fit this label map")
        }
        labels.revert(delta, toBefore: false)
        areas.update(delta)
        history.extendLast(with: delta)
      case .undo:
        guard let step = history.popUndo() else { throw .badLabels("the journal undoes more than it did") }
        labels.revert(step.delta, toBefore: true)
        areas.update(step.delta, reverse: true)
      case .redo:
        guard let step = history.popRedo() else { throw .badLabels("the journal redoes more than it undid") }
        labels.revert(step.delta, toBefore: false)
        areas.update(step.delta)
      case .savedUndo(let step):
        history.restore(undo: step)
        savedDepth = history.undoSteps.count
      case .savedRedo(let step):
        history.restore(redo: step)
      }
    }
    say("recovered \(history.undoSteps.count) steps of unsaved work (undo works as before)")
  }

  /// The host saved the file: the current state is clean.
  public mutating func didSave(_ description: String) {
    savedDepth = history.undoSteps.count
    say(description)
  }

  public mutating func saveFailed(_ description: String) {
    say(description, error: true)
  }

  /// Shows a message from the host.
  public mutating func note(_ text: String) { say(text) }

  /// The terminal the state was made for changed (the host learned its size
  /// and colours only after curses started).
  public mutating func resize(columns: Int, rows: Int, colorMode: ColorMode, unicode: Bool) {
    screenColumns = columns
    screenRows = rows
    style.colorMode = colorMode
    style.unicode = unicode
    layoutChanged()
    viewport.fit()
  }

  // MARK: - Editing

  func checkPoint(_ x: Int, _ y: Int) throws(PanopticError) {
    guard labels.contains(x: x, y: y) else {
      throw .usage("(\(x), \(y)) is outside the \(labels.width)×\(labels.height) image")
    }
  }

  mutating func moveCursor(to x: Int, _ y: Int) {
    cursorX = min(max(0, x), labels.width - 1)
    cursorY = min(max(0, y), labels.height - 1)
    viewport.keepVisible(x: cursorX, y: cursorY)
  }

  func describe(_ l: PanopticLabel) -> String {
    if l.isVoid { return "void" }
    let c = catalog[l.classIndex]
    if !c.isThing { return c.name }
    return l.instance == 0 ? "\(c.name) crowd" : "\(c.name) #\(l.instance)"
  }

  func toolHint(_ t: Tool) -> String {
    switch t {
    case .brush: return "brush: apply paints \(currentClass.name) (radius \(brushRadius))"
    case .fill: return "fill: apply fills the region under the cursor (\(fillRule == .color ? "by colour" : "by label"))"
    case .erase: return "eraser: apply erases to void"
    case .pick: return "picker: apply takes class and instance under the cursor"
    case .rect: return "rectangle: apply sets one corner, apply again fills"
    case .poly: return "polygon: apply adds a vertex; Enter (close) fills"
    }
  }

  func resolve(_ ref: SegmentRef) throws(PanopticError) -> PanopticLabel {
    switch ref {
    case .instance(let n):
      guard let l = areas.label(ofInstance: n) else { throw .usage("there is no instance \(n)") }
      return l
    case .classRegion(let name):
      guard let c = catalog.resolve(name) else { throw .usage("no class \"\(name)\" in \(catalog.name)") }
      let l = PanopticLabel(classIndex: c)
      guard areas.areas[l.raw] != nil else {
        throw .usage("\(catalog[c].name) has no \(catalog[c].isThing ? "crowd " : "")region in this image")
      }
      return l
    }
  }

  func bbox(of l: PanopticLabel) -> BoundingBox? {
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
    labels.pixels.withUnsafeBufferPointer { px in
      for y in 0..<labels.height {
        let row = y * labels.width
        for x in 0..<labels.width where px[row + x] == l.raw {
          x0 = min(x0, x)
          x1 = max(x1, x)
          y0 = min(y0, y)
          y1 = max(y1, y)
        }
      }
    }
    return x1 < 0 ? nil : BoundingBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
  }

  mutating func zoom(to box: BoundingBox) {
    let s = max(Double(box.width) / Double(viewport.pixelWidth), Double(box.height) / Double(viewport.pixelHeight)) * 1.25
    viewport.scale = max(1.0 / 16, s)
    viewport.center(x: Double(box.x) + Double(box.width) / 2, y: Double(box.y) + Double(box.height) / 2)
  }

  /// The label new paint gets: stuff as is; a thing continues the selected
  /// instance or starts the next global id.
  mutating func paintLabel(newInstance: Bool) -> UInt32 {
    guard currentClass.isThing else { return UInt32(classIndex) }
    if newInstance || selectedInstance == nil {
      selectedInstance = areas.nextInstanceID
    }
    return UInt32(selectedInstance!) << 16 | UInt32(classIndex)
  }

  mutating func commit(_ delta: EditDelta, _ description: String, extend: Bool = false) {
    guard !delta.isEmpty else {
      say("\(description): nothing changed")
      return
    }
    areas.update(delta)
    if extend && !history.undoSteps.isEmpty {
      if savedDepth == history.undoSteps.count { savedDepth = nil }
      history.extendLast(with: delta)
      journalBacklog.append(.extend(delta))
    } else {
      if let d = savedDepth, history.undoSteps.count < d { savedDepth = nil }
      let step = HistoryStep(description: description, delta: delta)
      history.push(step)
      journalBacklog.append(.step(step))
    }
    say("\(description) (\(delta.pixelCount) px)")
  }

  mutating func fill(_ x: Int, _ y: Int) throws(PanopticError) {
    let region: Region
    switch fillRule {
    case .label:
      region = FloodFill.sameLabel(labels, x: x, y: y, connectivity: connectivity)
    case .color:
      guard let image else { throw .usage("no image to fill by colour; use fillby label") }
      region = FloodFill.similarColor(image, x: x, y: y, tolerance: tolerance, connectivity: connectivity)
    }
    let label = paintLabel(newInstance: true)
    let keep = preserve
    let delta = labels.apply(region) { old in keep && old & 0xFFFF != PanopticLabel.voidClass ? nil : label }
    if delta.isEmpty && currentClass.isThing { selectedInstance = nil }
    commit(delta, "filled \(describe(PanopticLabel(raw: label)))")
  }

  mutating func paintRegion(_ region: Region, what: String) throws(PanopticError) {
    let label = paintLabel(newInstance: true)
    let keep = preserve
    let delta = labels.apply(region) { old in keep && old & 0xFFFF != PanopticLabel.voidClass ? nil : label }
    if delta.isEmpty && currentClass.isThing { selectedInstance = nil }
    commit(delta, "\(what) \(describe(PanopticLabel(raw: label)))")
  }

  mutating func strokeSegment(_ pts: [(Int, Int)], erase: Bool, extend: Bool) throws(PanopticError) {
    let region = Raster.stroke(pts, radius: brushRadius, shape: brushShape, width: labels.width, height: labels.height)
    let label = erase ? PanopticLabel.voidClass : paintLabel(newInstance: false)
    let keep = preserve && !erase
    let delta = labels.apply(region) { old in keep && old & 0xFFFF != PanopticLabel.voidClass ? nil : label }
    let what = erase ? "erased" : "painted \(describe(PanopticLabel(raw: label)))"
    if !delta.isEmpty {
      commit(delta, what, extend: extend)
      strokeOpen = true
    } else if !extend {
      say("\(what): nothing changed")
    }
    lastStrokePoint = pts.last
  }

  mutating func applyTool(addVertexOnly: Bool) throws(PanopticError) -> [EditorEffect] {
    let x = cursorX, y = cursorY
    switch tool {
    case .brush: try strokeSegment([(x, y)], erase: false, extend: false)
    case .erase: try strokeSegment([(x, y)], erase: true, extend: false)
    case .fill: try fill(x, y)
    case .pick: _ = try execute(.pick(x, y))
    case .rect:
      if let a = pendingPoints.first {
        pendingPoints = []
        try paintRegion(Raster.rect(a.0, a.1, x, y, width: labels.width, height: labels.height), what: "rectangle")
      } else {
        pendingPoints = [(x, y)]
        say("rectangle corner at \(x),\(y); move and apply again")
      }
    case .poly:
      if !addVertexOnly, pendingPoints.count >= 3 {
        var pts = pendingPoints
        if pts.last! != (x, y) { pts.append((x, y)) }
        pendingPoints = []
        try paintRegion(Raster.polygon(pts, width: labels.width, height: labels.height), what: "polygon")
      } else if let first = pendingPoints.first, pendingPoints.count >= 3, first == (x, y) {
        let pts = pendingPoints
        pendingPoints = []
        try paintRegion(Raster.polygon(pts, width: labels.width, height: labels.height), what: "polygon")
      } else {
        pendingPoints.append((x, y))
        say("polygon: \(pendingPoints.count) vertices; apply adds, Enter closes, Esc drops")
      }
    }
    return []
  }

  func formatZoom(_ m: Double) -> String {
    m >= 1 ? "\(Int(m.rounded()))×" : "1/\(Int((1 / m).rounded()))"
  }
}
