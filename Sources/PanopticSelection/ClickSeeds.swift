/// The hard constraints of the clicks inside a working rectangle: a disk of `radius` around each
/// click is forced in (include) or out (exclude); a later click overrides an earlier one where
/// their disks overlap, so the newest word of the annotator wins.
struct ClickSeeds {
  static let none: UInt8 = 0
  static let object: UInt8 = 1
  static let background: UInt8 = 2

  /// Per rect pixel: `none`, `object` or `background`.
  let labels: [UInt8]
  /// Rect-local pixel index of each include click centre inside the rect, in click order.
  let includeCentres: [Int]
  /// Same for exclude clicks.
  let excludeCentres: [Int]

  init(clicks: [SelectionClick], rect: PixelRect, radius: Double) {
    let w = rect.width
    var labels = [UInt8](repeating: ClickSeeds.none, count: rect.area)
    var includes: [Int] = []
    var excludes: [Int] = []
    let reach = Int(radius)
    let r2 = radius * radius
    for click in clicks {
      let value = click.include ? ClickSeeds.object : ClickSeeds.background
      for y in stride(from: max(rect.y0, click.y - reach), through: min(rect.y1, click.y + reach), by: 1) {
        for x in stride(from: max(rect.x0, click.x - reach), through: min(rect.x1, click.x + reach), by: 1) {
          let dx = x - click.x, dy = y - click.y
          if Double(dx * dx + dy * dy) <= r2 { labels[(y - rect.y0) * w + x - rect.x0] = value }
        }
      }
      if rect.contains(x: click.x, y: click.y) {
        let index = (click.y - rect.y0) * w + click.x - rect.x0
        if click.include { includes.append(index) } else { excludes.append(index) }
      }
    }
    self.labels = labels
    includeCentres = includes
    excludeCentres = excludes
  }
}
