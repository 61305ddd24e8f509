import PanopticModel

/// One command of the language shared by keys, the `:` line and scripts:
/// its names, how it is written, what a count does to it, examples with the
/// command each must parse to, and its parser. `CommandTable.all` is the
/// only list of commands: the parser, `:help`, docs/commands.md and the
/// tests all read it.
public struct CommandSpec: Sendable {
  /// A documented example and the command it means (checked by a test).
  public struct Example: Sendable {
    public let text: String
    public let command: EditorCommand
  }

  public let name: String
  public let aliases: [String]
  public let usage: String
  public let summary: String
  public let count: CountRule
  public let examples: [Example]
  let parse: @Sendable (inout ArgumentReader) throws(PanopticError) -> EditorCommand

  init(
    _ name: String, aliases: [String] = [], usage: String, _ summary: String, count: CountRule = .ignored,
    examples: [(String, EditorCommand)],
    parse: @escaping @Sendable (inout ArgumentReader) throws(PanopticError) -> EditorCommand
  ) {
    self.name = name
    self.aliases = aliases
    self.usage = usage
    self.summary = summary
    self.count = count
    self.examples = examples.map { Example(text: $0.0, command: $0.1) }
    self.parse = parse
  }

  /// A command without arguments.
  init(
    _ name: String, aliases: [String] = [], _ summary: String, count: CountRule = .ignored,
    constant: EditorCommand
  ) {
    self.init(
      name, aliases: aliases, usage: ([name] + aliases).joined(separator: " | "), summary, count: count,
      examples: [(name, constant)]
    ) { (args: inout ArgumentReader) throws(PanopticError) in
      try args.noMore()
      return constant
    }
  }
}
