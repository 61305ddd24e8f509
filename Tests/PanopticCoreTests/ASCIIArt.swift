import Foundation
import PanopticCore

/// Builds label maps from ASCII art so tests read like the pictures they check.
/// Each character is one pixel; `legend` gives its label ('.' is void unless
/// the legend says otherwise).
func asciiMap(_ art: String, _ legend: [Character: PanopticLabel]) -> LabelMap {
  let rows = art.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  let width = rows[0].count
  var map = LabelMap(width: width, height: rows.count)
  for (y, row) in rows.enumerated() {
    precondition(row.count == width, "ragged ASCII art")
    for (x, ch) in row.enumerated() {
      map[x, y] = ch == "." && legend["."] == nil ? .void : legend[ch]!
    }
  }
  return map
}

/// The inverse: renders a map back to ASCII with a reverse legend, for
/// readable failure messages.
func asciiArt(_ map: LabelMap, _ legend: [Character: PanopticLabel]) -> String {
  var reverse: [PanopticLabel: Character] = [:]
  for (k, v) in legend { reverse[v] = k }
  var lines: [String] = []
  for y in 0..<map.height {
    var line = ""
    for x in 0..<map.width {
      let l = map[x, y]
      line.append(l.isVoid ? "." : reverse[l] ?? "?")
    }
    lines.append(line)
  }
  return lines.joined(separator: "\n")
}

