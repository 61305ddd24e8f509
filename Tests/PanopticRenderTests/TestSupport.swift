import PanopticModel

let coco = ClassCatalog.coco
let car = coco.resolve("car")!
let road = coco.resolve("road")!
let sky = coco.resolve("sky-other-merged")!

/// A label map from ASCII art, one character a pixel ('.' is void).
func asciiMap(_ art: String, _ legend: [Character: PanopticLabel]) -> LabelMap {
  let rows = art.split(separator: "\n").map { $0.filter { $0 != " " } }.filter { !$0.isEmpty }
  var map = LabelMap(width: rows[0].count, height: rows.count)
  for (y, row) in rows.enumerated() {
    for (x, ch) in row.enumerated() { map[x, y] = ch == "." ? .void : legend[ch]! }
  }
  return map
}
