import PanopticModel

/// The input modes a keymap can bind keys in. The `:` line and the quit
/// prompt have fixed keys (like a shell's line editor and vim's prompts).
public enum KeymapMode: String, Sendable, Hashable, CaseIterable {
  case normal
  case help
}

/// Binds keys to commands, per mode. Each binding is parsed when the map is
/// loaded, so a key press is one dictionary lookup and a typo is reported
/// with its line number at load time, not when the key is hit.
public struct Keymap: Sendable, Hashable {
  public struct Binding: Sendable, Hashable {
    public var mode: KeymapMode
    public var key: Key
    public var command: EditorCommand
    /// What a count does to the command (from its `CommandSpec`).
    public var count: CountRule
    /// The command as written, for the help overlay and docs.
    public var text: String
  }

  public var name: String
  /// Bindings in the order they were made (the help lists them so).
  public private(set) var bindings: [Binding] = []
  private var index: [KeymapMode: [Key: Int]] = [:]

  public init(name: String) { self.name = name }

  public func binding(for key: Key, in mode: KeymapMode = .normal) -> Binding? {
    index[mode]?[key].map { bindings[$0] }
  }

  /// Binds `key` in `mode` to the command `text` (parsed here, once).
  public mutating func bind(_ key: Key, _ text: String, mode: KeymapMode = .normal) throws(PanopticError) {
    let (command, spec) = try CommandParser.parseWithSpec(text)
    unbind(key, mode: mode)
    index[mode, default: [:]][key] = bindings.count
    bindings.append(Binding(mode: mode, key: key, command: command, count: spec.count, text: text))
  }

  public mutating func unbind(_ key: Key, mode: KeymapMode = .normal) {
    guard let i = index[mode]?[key] else { return }
    bindings.remove(at: i)
    index[mode]?[key] = nil
    // Bindings after the removed one moved down by one.
    for (m, keys) in index {
      for (k, j) in keys where j > i { index[m]?[k] = j - 1 }
    }
  }
}
