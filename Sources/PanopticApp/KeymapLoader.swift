import PanopticEditor
import PanopticIO
import PanopticModel

/// Builds the keymap a session uses: a built-in map (`default`, `vim`) or
/// `default` plus a file, with the user's own file
/// (`$XDG_CONFIG_HOME/panoptty/keymap` or `~/.config/panoptty/keymap`) applied
/// first. Each binding is parsed once, here.
public enum KeymapLoader {
  public static func load(_ choice: String?, environment: [String: String]) throws(AppFailure) -> Keymap {
    var map: Keymap
    // The user's own file first (it may be absent), then --keymap FILE.
    var sources: [(path: String, optional: Bool)] = []
    if let dir = userConfigFolder(environment) { sources.append((dir + "/keymap", true)) }
    switch choice {
    case nil, "default": map = Keymap.builtIn(named: "default")!
    case "vim": map = Keymap.builtIn(named: "vim")!
    case let path?:
      map = Keymap.builtIn(named: "default")!
      sources.append((path, false))
    }
    for source in sources {
      let text: String?
      do {
        text = source.optional ? try TextFile.readIfPresent(source.path) : try TextFile.read(source.path)
      } catch {
        throw AppFailure("\(source.path): cannot read the keymap file (\(error.description)); use default, vim, or a file path")
      }
      guard let text else { continue }
      do {
        map = try map.applying(text, source: source.path)
      } catch {
        // A bad line in a file is bad input (exit 1), not a mistyped flag.
        throw AppFailure(error.description)
      }
    }
    return map
  }

  static func userConfigFolder(_ env: [String: String]) -> String? {
    if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/panoptty" }
    if let h = env["HOME"], !h.isEmpty { return h + "/.config/panoptty" }
    return nil
  }
}
