import PanopticModel

/// Keys and terminal events, interpreted by the current `InputMode`.
extension EditorState {
  /// Handles one input event; returns what the host must do.
  public mutating func handle(_ event: InputEvent) -> [EditorEffect] {
    defer { refreshKeptPixels() }
    switch event {
    case .resize(let c, let r):
      view.resize(columns: c, rows: r)
      return []
    case .mouse where view.layout.tooSmall:
      // The screen says only "terminal too small": a click would edit blind.
      return []
    case .mouse(let m):
      return handleMouse(m)
    case .key(let k):
      switch mode {
      case .normal(let count): return normalKey(k, count: count)
      case .commandLine(var line):
        // Take the line out of the mode first so it is edited in place: a
        // copy per key would make a 50 000-character paste quadratic.
        mode = .normal
        return commandLineKey(k, &line)
      case .confirmQuit: return confirmQuitKey(k)
      case .help: return helpKey(k)
      }
    }
  }

  mutating func normalKey(_ key: Key, count: Int?) -> [EditorEffect] {
    if let d = key.countDigit(extending: count != nil) {
      mode = .normal(count: min(99_999, (count ?? 0) * 10 + d))
      return []
    }
    mode = .normal
    // The screen says only "terminal too small": keys that edit would edit blind (Space filled
    // 69,430 pixels no one saw). Leaving, saving, Esc and the `:` line still work, as in vim.
    if view.layout.tooSmall, let binding = keymap.binding(for: key), !binding.command.worksUnseen { return [] }
    guard let binding = keymap.binding(for: key) else {
      if key == .escape { return run(.cancel) }
      say("\(key) is not bound (press ? for the keys)", error: true)
      return []
    }
    return runAll(binding.command.applyingCount(count ?? 1, rule: binding.count), source: "\(key) → \(binding.text)")
  }

  /// Runs commands in order, stopping at the first error (shown with `source`).
  mutating func runAll(_ commands: [EditorCommand], source: String? = nil) -> [EditorEffect] {
    var effects: [EditorEffect] = []
    for (done, c) in commands.enumerated() {
      do {
        effects += try execute(c)
      } catch {
        // A count that runs out part way (3 u with two steps to undo) did some of it: say how much.
        if done > 0, c == .undo || c == .redo {
          let verb = c == .undo ? "undid" : "redid"
          say("\(verb) \(done) of \(commands.count) steps; there is nothing more to \(c == .undo ? "undo" : "redo")", error: true)
        } else if done > 0 {
          say((source.map { $0 + ": " } ?? "") + "\(done) of \(commands.count) done, then: " + error.description, error: true)
        } else {
          say((source.map { $0 + ": " } ?? "") + error.description, error: true)
        }
        return effects
      }
      if effects.contains(.quit) { break }
    }
    // Every step of a count ran: the message names the last only, so say there were more.
    if commands.count > 1, let c = commands.first, c == .undo || c == .redo, commands.allSatisfy({ $0 == c }) {
      let verb = c == .undo ? "undid" : "redid"
      let last = message.text.hasPrefix(verb + ": ") ? String(message.text.dropFirst(verb.count + 2)) : message.text
      say("\(verb) \(commands.count) steps, the last: \(last)")
    }
    return effects
  }

  /// A key on the `:` line. The mode is `.normal` on entry (the line was
  /// taken out to be edited in place) and the line goes back unless the key
  /// ran or closed it.
  mutating func commandLineKey(_ key: Key, _ line: inout LineEditor) -> [EditorEffect] {
    switch key {
    case .escape, .ctrl("c"):
      return []
    case .enter:
      let text = line.text.trimmingSpaces()
      if text.isEmpty { return [] }
      if commandHistory.last != text { commandHistory.append(text) }
      // Typed blind (the screen says only "terminal too small"), a `:fill` or `:w` after it
      // edited and saved what no one saw; leaving and saving work, as the keys do.
      if view.layout.tooSmall,
        CommandParser.statements(text).contains(where: { (try? CommandParser.parse($0.text))?.worksUnseen == false })
      {
        say("the terminal is too small to show the picture: \(text) was not run (only w and q work until it is larger)", error: true)
        return []
      }
      return runText(text)
    case .backspace:
      if !line.backspace() && line.characters.isEmpty { return [] }
    case .ctrl("u"): line.clear()
    case .ctrl("w"): line.deleteWordBackward()
    case .left: line.moveCursor(by: -1)
    case .right: line.moveCursor(by: 1)
    case .named(.home), .ctrl("a"): line.moveToStart()
    case .named(.end), .ctrl("e"): line.moveToEnd()
    case .up:
      if !commandHistory.isEmpty {
        let i = max(0, (line.historyIndex ?? commandHistory.count) - 1)
        line.replace(with: commandHistory[i])
        line.historyIndex = i
      }
    case .down:
      if let i = line.historyIndex, i + 1 < commandHistory.count {
        line.replace(with: commandHistory[i + 1])
        line.historyIndex = i + 1
      } else if line.historyIndex != nil {
        line.replace(with: "")
        line.historyIndex = nil
      }
    case .char(let c):
      line.insert(c)
    case .tab:
      line.insert(" ")
    default:
      break
    }
    mode = .commandLine(line)
    return []
  }

  /// Runs `;`-separated command text (the `:` line). Commands after one that
  /// changed the mode (a quit prompt, a new `:` line) are not run: the user
  /// must answer first.
  public mutating func runText(_ text: String) -> [EditorEffect] {
    var effects: [EditorEffect] = []
    for statement in CommandParser.statements(text) {
      do {
        effects += try execute(CommandParser.parse(statement.text))
      } catch {
        say(error.description, error: true)
        return effects
      }
      if effects.contains(.quit) || mode != .normal { break }
    }
    return effects
  }

  mutating func confirmQuitKey(_ key: Key) -> [EditorEffect] {
    // The prompt cannot be read while the screen says only "terminal too small": a blind `y`
    // quit without saving and removed the journal. Nothing answers it until the terminal is
    // larger (Esc leaves it).
    if view.layout.tooSmall && key != .escape { return [] }
    mode = .normal
    switch key {
    case .char("y"), .char("Y"): return [.quit]
    case .char("w"), .char("W"): return run(.writeQuit)
    default:
      say("quit cancelled")
      return []
    }
  }

  mutating func helpKey(_ key: Key) -> [EditorEffect] {
    if let binding = keymap.binding(for: key, in: .help) {
      return runAll([binding.command])
    }
    mode = .normal
    // The key that opens the `:` line still opens it: `:messages⏎` typed over the
    // overlay ran "messages⏎" as keys (e = the erase tool, Enter = apply).
    if let b = keymap.binding(for: key, in: .normal), case .commandLine = b.command { return runAll([b.command]) }
    return []
  }

  /// The prompt the message row shows while a quit waits for an answer.
  public static let confirmQuitPrompt = "unsaved changes: w saves and quits, y quits without saving, any other key stays"
}
