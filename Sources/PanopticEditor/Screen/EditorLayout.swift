/// Where each part of the editor goes on a screen of a given size.
public struct EditorLayout: Hashable, Sendable {
  public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var columns: Int
    public var rows: Int
  }

  /// Smallest usable screen; below it the editor says so instead of drawing.
  public static let minimumColumns = 20
  public static let minimumRows = 5
  static let panelWidth = 30
  /// The side panel appears only when the picture keeps at least 69 columns.
  static let panelMinimumColumns = 100

  public var picture: Rect
  public var panel: Rect?
  public var statusRow: Int
  public var messageRow: Int
  public var tooSmall: Bool

  public init(columns: Int, rows: Int, panel wanted: Bool) {
    tooSmall = columns < Self.minimumColumns || rows < Self.minimumRows
    let showPanel = wanted && columns >= Self.panelMinimumColumns && !tooSmall
    let pw = showPanel ? Self.panelWidth : 0
    picture = Rect(x: 0, y: 0, columns: max(1, columns - (showPanel ? pw + 1 : 0)), rows: max(1, rows - 2))
    panel = showPanel ? Rect(x: columns - pw, y: 0, columns: pw, rows: rows - 2) : nil
    statusRow = max(0, rows - 2)
    messageRow = max(0, rows - 1)
  }
}
