import PanopticModel

/// What the picture shows.
public enum OverlayMode: String, Sendable, CaseIterable, Hashable {
  /// The photo only.
  case image
  /// Label colours blended over the photo at `opacity`.
  case overlay
  /// Label colours only; void as a neutral, coarse checkerboard (coarse so
  /// it costs few colour changes on the wire).
  case labels
  /// The photo with segment borders drawn in label colours.
  case boundaries

  public var next: OverlayMode {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}

/// Whether segments are coloured by class or told apart by instance.
public enum ColorBy: String, Sendable, Hashable, CaseIterable {
  case `class`
  case instance
}

/// Everything about how a frame looks that is not the data itself.
public struct RenderStyle: Sendable, Hashable {
  public var mode: OverlayMode
  /// Label weight in the blend, 0…1.
  public var opacity: Double
  public var colorBy: ColorBy
  public var colorMode: ColorMode
  /// False when the locale cannot print U+2580: cells fall back to ASCII.
  public var unicode: Bool

  public init(
    mode: OverlayMode = .overlay, opacity: Double = 0.5, colorBy: ColorBy = .instance,
    colorMode: ColorMode = .truecolor, unicode: Bool = true
  ) {
    self.mode = mode
    self.opacity = opacity
    self.colorBy = colorBy
    self.colorMode = colorMode
    self.unicode = unicode
  }
}
