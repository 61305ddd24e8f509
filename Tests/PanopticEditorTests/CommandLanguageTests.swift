import Foundation
import PanopticModel
import PanopticRender
import Testing

@testable import PanopticEditor

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func repoFile(_ path: String) throws -> String {
  try String(contentsOf: repoRoot.appendingPathComponent(path), encoding: .utf8)
}

func parseError(_ text: String) -> String {
  do {
    let c = try CommandParser.parse(text)
    return "parsed as \(c)"
  } catch {
    return error.description
  }
}

@Suite("Command language")
struct CommandLanguageTests {
  /// Every example in the command table parses to exactly the command it
  /// documents, through the spec it is listed under.
  @Test func parsesEveryDocumentedCommand() throws {
    var checked = 0
    for spec in CommandTable.all {
      #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
      for example in spec.examples {
        let (command, parsedSpec) = try CommandParser.parseWithSpec(example.text)
        #expect(command == example.command, "\(example.text) → \(command), documented as \(example.command)")
        #expect(parsedSpec.name == spec.name, "\(example.text) parsed by \(parsedSpec.name), listed under \(spec.name)")
        checked += 1
      }
    }
    #expect(checked >= CommandTable.all.count)
  }

  /// Every name and alias resolves to its own spec, and an alias parses
  /// every example to the same command as the name.
  @Test func everyNameAndAliasResolvesToItsSpec() throws {
    var seen: [String: String] = [:]
    for spec in CommandTable.all {
      for name in [spec.name] + spec.aliases {
        #expect(seen[name] == nil, "\(name) is used by \(seen[name] ?? "") and \(spec.name)")
        seen[name] = spec.name
        #expect(CommandTable.spec(named: name)?.name == spec.name, "\(name)")
        for example in spec.examples {
          var words = try CommandParser.words(example.text)
          words[0] = name
          let text = words.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
          #expect(try CommandParser.parse(text) == example.command, "\(text)")
        }
      }
    }
    #expect(CommandTable.spec(named: "teleport") == nil)
    #expect(CommandTable.spec(named: "") == nil)
  }

  /// The commands the old parser test listed, with what each must mean.
  @Test(arguments: [
    ("class car", EditorCommand.setClass("car")), ("class 2", .setClass("2")),
    ("class traffic light", .setClass("traffic light")), ("brush 7", .brushSize(7, relative: false)),
    ("brush +1", .brushSize(1, relative: true)), ("brush -2", .brushSize(-2, relative: true)),
    ("brush round", .brushShape(.round)), ("tool fill", .setTool(.fill)), ("tolerance 20", .tolerance(20, relative: false)),
    ("fill 3 4", .fill(Point(3, 4))), ("paint 1 2 3 4", .paint([Point(1, 2), Point(3, 4)])),
    ("rect 0 0 5 5", .rect(Point(0, 0), Point(5, 5))), ("poly 0 0 4 0 4 4", .poly([Point(0, 0), Point(4, 0), Point(4, 4)])),
    ("erase 1 1", .erase([Point(1, 1)])), ("pick 2 2", .pick(Point(2, 2))),
    ("relabel 3 person", .relabel(.instance(3), "person")), ("relabel @road sky", .relabel(.classRegion("road"), "sky")),
    ("relabel @traffic_light car", .relabel(.classRegion("traffic light"), "car")),
    ("merge 1 2", .merge(.instance(1), .instance(2))), ("delete 4", .delete(.instance(4))), ("renumber", .renumber),
    ("undo", .undo), ("u", .undo), ("redo", .redo), ("goto 5 5", .goto(Point(5, 5))), ("zoom 2", .zoom(.to(2))),
    ("zoom fit", .zoom(.fit)), ("zoom +", .zoom(.into)), ("zoom -", .zoom(.out)),
    ("w", .write(path: nil, force: false)), ("write", .write(path: nil, force: false)),
    ("w out.png", .write(path: "out.png", force: false)), ("w!", .write(path: nil, force: true)),
    ("q", .quit(force: false)), ("quit", .quit(force: false)), ("q!", .quit(force: true)), ("wq", .writeQuit),
    ("x", .writeQuit), ("overlay labels", .overlay(.labels)), ("mode image", .overlay(.image)),
    ("opacity 0.3", .opacity(0.3, relative: false)), ("opacity -0.1", .opacity(-0.1, relative: true)),
    ("colorby class", .colorBy(.class)), ("connectivity 8", .connectivity(8)), ("fillby label", .fillRule(.label)),
    ("fillby colour", .fillRule(.color)), ("preserve on", .preserve(true)), ("preserve off", .preserve(false)),
    ("overwrite", .preserve(false)), ("new", .newInstance), ("instance 3", .setInstance(3)),
    ("select 2", .select(.instance(2))), ("pan 1 1", .pan(dx: 1, dy: 1)), ("move 1 0", .move(dx: 1, dy: 0)),
    ("prompt class", .commandLine("class ")), ("prompt", .commandLine("")), ("apply", .apply), ("vertex", .vertex),
    ("cancel", .cancel), ("panel", .panel), ("help", .help), ("scroll -3", .helpScroll(-3)),
    ("  fill\t3   4  ", .fill(Point(3, 4))), ("w \"a b;c#d.png\"", .write(path: "a b;c#d.png", force: false)),
    ("w \"say \\\"hi\\\".png\"", .write(path: "say \"hi\".png", force: false)),
  ])
  func parsesToTheMeantCommand(text: String, expected: EditorCommand) throws {
    #expect(try CommandParser.parse(text) == expected)
  }

  @Test func errorsSayWhatIsWrong() {
    #expect(parseError("fill 1") == "fill takes 2 numbers, got 1")
    #expect(parseError("fill a b") == "fill: \"a\" is not a whole number")
    // The most negative 64-bit number is refused, not a crash (abs() overflowed).
    #expect(parseError("move -9223372036854775808 0") == "move: -9223372036854775808 is out of range")
    #expect(parseError("fill 1 2 3") == "fill takes 2 numbers, got 3")
    #expect(parseError("poly 1 2 3 4") == "poly needs at least 3 points")
    #expect(parseError("poly 1 2 3") == "poly takes X Y pairs, got an odd count")
    #expect(parseError("jump") == "unknown command \"jump\" (the commands are in docs/commands.md and man panoptty)")
    #expect(parseError("fil 1 2") == "unknown command \"fil\" (did you mean fillby, fill, finish?)")
    #expect(parseError("connectivity 6") == "connectivity: is 4 or 8")
    #expect(parseError("delete car") == "delete: \"car\" is neither an instance id (1, 2, …) nor @class")
    #expect(parseError("delete @") == "delete: @ needs a class name")
    #expect(parseError("tool hammer") == "tool: takes brush, fill, erase, pick, rect, poly, cut, smart, not \"hammer\"")
    #expect(parseError("preserve maybe") == "preserve: expected on or off, got \"maybe\"")
    #expect(parseError("undo 3") == "undo: unexpected \"3\"")
    // The view magnifies up to 16 screen pixels an image pixel; a larger number was taken and clamped.
    #expect(parseError("zoom 64") == "zoom: takes in, out, fit, seg or a number from 0.01 to 16 (screen pixels per image pixel)")
    #expect(parseError("w a b") == "w: takes at most one path (quote a path with spaces)")
    #expect(parseError("w \"open") == "a quote is not closed in w \"open")
    #expect(parseError("brush 501") == "brush: size must be 0 to 500")
    #expect(parseError("opacity 2") == "opacity: takes a value 0..1 or +0.1/-0.1")
    #expect(parseError("") == "empty command")
  }

  @Test func scriptsSplitOnSemicolonsAndSkipComments() {
    let items = CommandParser.statements("class car; fill 1 2 # first car\r\n\n# note\nw \"a;b #c\" ; q\r")
    #expect(items.map(\.text) == ["class car", "fill 1 2", "w \"a;b #c\"", "q"])
    #expect(items.map(\.line) == [1, 1, 4, 4])
    // Where each starts on its line, for `-c:1:12:` (every -c command was "line 1" before).
    #expect(items.map(\.column) == [1, 12, 1, 14])
    #expect(items.map(\.sharesItsLine) == [true, true, true, true])
    #expect(CommandParser.location("-c", items[1]) == "-c:1:12")
    let alone = CommandParser.statements("class car\n  fill 1 2  # x\n")
    #expect(alone.map(\.column) == [1, 3])
    #expect(alone.map(\.sharesItsLine) == [false, false])
    #expect(CommandParser.location("s.txt", alone[1]) == "s.txt:2")
    // A byte-order mark from a Windows editor is not part of the first command.
    #expect(CommandParser.statements("\u{FEFF}zoom 2\nq").map(\.text) == ["zoom 2", "q"])
    #expect(CommandParser.statements("").isEmpty)
    #expect(CommandParser.statements(" ; ;\n# only a comment").isEmpty)
    // An unclosed quote ends with its line.
    #expect(CommandParser.statements("w \"a\nq").map(\.text) == ["w \"a", "q"])
  }

  @Test func wordsHonourQuotes() throws {
    #expect(try CommandParser.words("w \"my labels.png\"") == ["w", "my labels.png"])
    #expect(try CommandParser.words("a \"\" b") == ["a", "", "b"])
    #expect(try CommandParser.words("a\\b \"c\\\\d\"") == ["a\\b", "c\\d"])
    #expect(try CommandParser.words(" \t ").isEmpty)
  }

  /// What people type at a shell prompt: `w 'my labels.png'` saved a file named `'my` (and
  /// `w ''` one named `''`). A quote inside a word stays a letter.
  @Test func aWordThatStartsWithASingleQuoteIsQuoted() throws {
    #expect(try CommandParser.words("w 'my labels.png'") == ["w", "my labels.png"])
    #expect(try CommandParser.words("w ''") == ["w", ""])
    #expect(try CommandParser.words("w 'a\\b \"c\"'") == ["w", "a\\b \"c\""])
    #expect(try CommandParser.words("class o'clock") == ["class", "o'clock"])
    #expect(throws: PanopticError.self) { try CommandParser.words("w 'a b") }
    let items = CommandParser.statements("w 'a;b #c' ; q # it's done\nclass o'clock; q")
    #expect(items.map(\.text) == ["w 'a;b #c'", "q", "class o'clock", "q"])
  }

  /// Counts: `scales` multiplies the step, `repeats` runs it n times,
  /// `ignored` drops the count.
  @Test func countsFollowTheTable() {
    #expect(EditorCommand.move(dx: 1, dy: -2).applyingCount(5, rule: .scales) == [.move(dx: 5, dy: -10)])
    #expect(EditorCommand.pan(dx: 0, dy: 3).applyingCount(2, rule: .scales) == [.pan(dx: 0, dy: 6)])
    #expect(EditorCommand.brushSize(1, relative: true).applyingCount(3, rule: .scales) == [.brushSize(3, relative: true)])
    // An absolute value is not scaled: `3` then `brush 7` is still 7, once each.
    #expect(EditorCommand.brushSize(7, relative: false).applyingCount(3, rule: .scales).allSatisfy { $0 == .brushSize(7, relative: false) })
    #expect(EditorCommand.helpScroll(-1).applyingCount(4, rule: .scales) == [.helpScroll(-4)])
    #expect(EditorCommand.undo.applyingCount(3, rule: .repeats) == [.undo, .undo, .undo])
    #expect(EditorCommand.renumber.applyingCount(3, rule: .ignored) == [.renumber])
    #expect(EditorCommand.undo.applyingCount(1, rule: .repeats) == [.undo])
    #expect(CommandTable.spec(named: "undo")?.count == .repeats)
    #expect(CommandTable.spec(named: "move")?.count == .scales)
    #expect(CommandTable.spec(named: "q")?.count == .ignored)
  }

  // docs/commands.md == CommandReference.markdown is PanopticAppTests/DocsTests (`make docs`).

  @Test func helpListsEveryCommand() {
    let lines = CommandReference.helpLines
    #expect(lines.count == CommandTable.all.count)
    for (line, spec) in zip(lines, CommandTable.all) {
      #expect(line.hasPrefix(spec.usage) && line.hasSuffix(spec.summary), "\(line)")
    }
    let markdown = CommandReference.markdown
    for spec in CommandTable.all {
      #expect(markdown.contains("| `\(spec.usage.replacingBars())`"), "\(spec.name)")
    }
  }
}

@Suite("Keys and keymaps")
struct KeymapTests {
  @Test func keymapFilesReportBadLinesWithNumbers() throws {
    let base = Keymap.builtIn(named: "default")!
    #expect(throws: PanopticError.usage("my.keymap:2: unknown key \"<Nope>\" (write keys like a, <C-r>, <Left>, <Space>)")) {
      try base.applying("x tool erase\n<Nope> undo", source: "my.keymap")
    }
    #expect(throws: PanopticError.usage("my.keymap:1: unknown command \"teleport\" (the commands are in docs/commands.md and man panoptty)")) {
      try base.applying("x teleport", source: "my.keymap")
    }
    #expect(throws: PanopticError.usage("my.keymap:3: fill takes 2 numbers, got 1")) {
      try base.applying("# a\n\nx fill 1", source: "my.keymap")
    }
    #expect(throws: PanopticError.usage("k:1: expected KEY COMMAND, got \"x\"")) { try base.applying("x", source: "k") }
    #expect(throws: PanopticError.usage("k:1: unmap needs [MODE] KEY")) { try base.applying("unmap", source: "k") }
    let custom = try base.applying(
      "# mine\nname mine\nx tool erase\nunmap q\nmap <C-x> q!\nhelp x scroll 5\nmap help <C-x> scroll -5\nw w \"my file.png\"",
      source: "my.keymap")
    #expect(custom.name == "mine")
    #expect(custom.binding(for: .char("x"))?.command == .setTool(.erase))
    #expect(custom.binding(for: .char("x"))?.text == "tool erase")
    #expect(custom.binding(for: .char("q")) == nil)
    #expect(custom.binding(for: .ctrl("x"))?.command == .quit(force: true))
    #expect(custom.binding(for: .char("f"))?.command == .setTool(.fill))
    #expect(custom.binding(for: .char("x"), in: .help)?.command == .helpScroll(5))
    #expect(custom.binding(for: .ctrl("x"), in: .help)?.command == .helpScroll(-5))
    #expect(custom.binding(for: .char("w"))?.command == .write(path: "my file.png", force: false))
    #expect(custom.binding(for: .char("w"))?.text == "w \"my file.png\"")
    // Rebinding replaces, and later bindings keep working after an unmap.
    let rebound = try custom.applying("x tool fill\nunmap f", source: "again")
    #expect(rebound.binding(for: .char("x"))?.command == .setTool(.fill))
    #expect(rebound.binding(for: .char("f")) == nil)
    #expect(rebound.binding(for: .ctrl("x"))?.command == .quit(force: true))
    #expect(rebound.bindings.count == custom.bindings.count - 1)
    for b in rebound.bindings { #expect(rebound.binding(for: b.key, in: b.mode) == b) }
  }

  @Test func keyNotationRoundTrips() {
    for t in ["a", "A", "é", "<C-r>", "<S-Left>", "<Space>", "<Enter>", "<Esc>", "<F1>", "<F12>", "<lt>", ":", "<BS>", "<PgDn>"] {
      #expect(Key.parse(t)?.description == t, "\(t)")
    }
    #expect(Key.parse("<CR>") == .enter)
    #expect(Key.parse("<c-R>") == .ctrl("r"))
    #expect(Key.parse("<space>") == .char(" "))
    for bad in ["", "ab", "<>", "<Nope>", "<C-é>", "<C-rr>", "<F13>"] { #expect(Key.parse(bad) == nil, "\(bad)") }
  }

  @Test(arguments: ["default", "vim"])
  func builtInKeymapsAreTheFilesInKeymaps(name: String) throws {
    let file = try repoFile("keymaps/\(name).keymap")
    let embedded = name == "vim" ? BuiltInKeymaps.vimText : BuiltInKeymaps.defaultText
    #expect(file.trimmingCharacters(in: .newlines) == embedded.trimmingCharacters(in: .newlines))
    let map = try Keymap(name: name).applying(file, source: name)
    #expect(map == Keymap.builtIn(named: name))
    #expect(map.bindings.filter { $0.mode == .normal }.count > 30)
    // Parsed once at load: every binding holds exactly what its text says.
    for b in map.bindings {
      let (command, spec) = try CommandParser.parseWithSpec(b.text)
      #expect(b.command == command && b.count == spec.count, "\(b.key) \(b.text)")
    }
  }

  /// docs/keymaps.md has one table row per binding of each built-in map
  /// (scripts/gen-keymap-doc.py), in every mode, and no row that is not one.
  @Test func keymapDocListsTheSameBindings() throws {
    let doc = try repoFile("docs/keymaps.md")
    for name in ["default", "vim"] {
      let start = try #require(doc.range(of: "<!-- \(name):begin -->"), "no \(name) table")
      let end = try #require(doc.range(of: "<!-- \(name):end -->"), "no \(name) table end")
      let rows = doc[start.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst(2)
      let bindings = Keymap.builtIn(named: name)!.bindings
      var expected: [String] = []
      for b in bindings {
        let key = b.key.description == "|" ? "\\|" : b.key.description
        expected.append("| \(b.mode.rawValue) | `\(key)` | `\(b.text)` |")
      }
      for row in expected { #expect(rows.contains(Substring(row)), "docs/keymaps.md lacks \(name): \(row)") }
      for row in rows { #expect(expected.contains(String(row)), "docs/keymaps.md has a row \(name) does not bind: \(row)") }
    }
  }

  /// The help overlay lists exactly the active keymap's normal bindings.
  @Test func helpOverlayIsTheKeymap() {
    let map = Keymap.builtIn(named: "vim")!
    let lines = HelpOverlay.lines(map)
    let normal = map.bindings.filter { $0.mode == .normal }
    #expect(lines.count == normal.count + 2 + CommandTable.all.count)
    for (line, b) in zip(lines, normal) {
      #expect(line.hasPrefix(b.key.description) && line.hasSuffix("  " + b.text), "\(line)")
    }
  }
}
