import PanopticModel

// COCO classes used below, resolved by name so the tests say what they mean.
let coco = ClassCatalog.coco
let person = coco.resolve("person")!
let car = coco.resolve("car")!
let road = coco.resolve("road")!
let sky = coco.resolve("sky-other-merged")!

/// Builds a label map from ASCII art, one character a pixel; `legend` gives
/// each character's label ('.' is void unless the legend says otherwise).
func asciiMap(_ art: String, _ legend: [Character: PanopticLabel]) -> LabelMap {
  let rows = art.split(separator: "\n").map { $0.filter { $0 != " " } }.filter { !$0.isEmpty }
  var map = LabelMap(width: rows[0].count, height: rows.count)
  for (y, row) in rows.enumerated() {
    precondition(row.count == map.width, "ragged ASCII art")
    for (x, ch) in row.enumerated() { map[x, y] = ch == "." && legend["."] == nil ? .void : legend[ch]! }
  }
  return map
}
