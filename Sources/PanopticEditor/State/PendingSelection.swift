import PanopticModel
import PanopticSelection

/// The object being selected: what the annotator said about it so far (a
/// box, include and exclude clicks). The mask is not stored: the engine
/// answers the same input with the same mask from its cache, so a script
/// that clicks twenty times pays for one cut (at `accept`), and the screen
/// pays for one cut per click.
public struct PendingSelection: Sendable, Hashable {
  public internal(set) var input = SelectionInput()
  /// The first corner of a box being placed from the keyboard.
  var boxCorner: Point?
  /// Where the left button went down with the smart tool: a release there
  /// is a click, elsewhere it closes a box.
  var dragStart: Point?
  /// The document's `changeCount` when `input.kept` was taken (nil: not taken).
  var keptAt: Int?

  public var isEmpty: Bool { input.box == nil && input.clicks.isEmpty }

  var summary: String {
    let inc = input.clicks.filter(\.include).count
    let exc = input.clicks.count - inc
    var parts: [String] = []
    if let b = input.box { parts.append("box \(b.x0),\(b.y0)–\(b.x1),\(b.y1)") }
    if inc > 0 { parts.append("\(inc) in") }
    if exc > 0 { parts.append("\(exc) out") }
    return parts.joined(separator: ", ")
  }
}

/// The engine for one photo, made on the first smart click (its features
/// cost a pass over the photo, which the other tools never need).
final class SelectorBox: Sendable {
  let selector: SmartSelector
  init(_ image: RGBImage) { selector = SmartSelector(image: image) }
}
