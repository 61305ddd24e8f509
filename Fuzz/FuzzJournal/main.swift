// libFuzzer target: the crash journal's decoder and the editor's replay,
// which must refuse (never crash on, never apply) anything a hostile or
// damaged journal holds. Build and run: see docs/reliability.md (`make fuzz`).
import PanopticEditor
import PanopticIO
import PanopticModel

/// A small document every run replays onto (a value type: each run copies it).
let baseDocument: LabelDocument = {
  var map = LabelMap(width: 8, height: 6)
  for i in 0..<20 { map.pixels[i] = PanopticLabel(classIndex: 2, instance: 1).raw }
  return LabelDocument(labels: map, catalog: .coco)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  // Inputs without the magic line would all stop at the first check, so the
  // fuzzer's bytes go after a valid magic and header too.
  let raw = Array(UnsafeBufferPointer(start: data, count: size))
  let header = JournalRecords.encode(header: JournalHeader(labelName: "f.png", width: 8, height: 6, base: nil, started: 0))
  for bytes in [raw, header + raw] {
    guard let decoded = try? JournalRecords.decode(bytes) else { continue }
    var doc = baseDocument
    if (try? doc.replay(decoded.events)) != nil {
      // Whatever replays must leave a map whose every label the catalog knows.
      for p in doc.labels.pixels { precondition(doc.catalog.problem(withLabel: p) == nil, "replay applied a bad label") }
      _ = try? doc.undo()
      _ = try? doc.redo()
    }
  }
  return 0
}
