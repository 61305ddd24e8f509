import PanopticModel
import SystemPackage

/// Writes a Cityscapes `*_instanceIds.png` together with the semantic files
/// the dataset keeps beside it, `*_labelIds.png` and `*_labelTrainIds.png`.
///
/// Training code reads those two, not the instanceIds file; an editor that
/// rewrote only the instanceIds file would leave them describing the old
/// labels, and nothing would say so. So every Cityscapes write under such a
/// name rewrites all three, staged together (`AtomicFile.writeTogether`):
/// 8-bit gray, values exactly as cityscapesScripts' `json2labelImg` draws
/// them (labelId, void = 0; trainId, ignored and void = 255), no tEXt
/// chunk (they are not panoptic files and must not read as one).
enum CityscapesFileWriter {
  static func write(
    _ map: LabelMap, catalog: ClassCatalog, to path: String, compression: PNGCompression, keepingIDs: [UInt32: Int] = [:]
  ) throws(PanopticError) -> LabelWriteReport {
    let code = try CityscapesFormat.table(map, catalog: catalog, keeping: keepingIDs)
    // The chunk says "Cityscapes" so a file renamed from *_instanceIds.png
    // is never re-read as something else.
    let tag = FormatTag(format: .cityscapes, catalog: catalog.name).text
    let main = AtomicFile.Member(path: path) { (fd) throws(PanopticError) in
      try LabelFile.encodeRows(map, to: fd, wide: false, text: tag, compression: compression) { code[$0] ?? 0 }
    }
    var notes: [String] = []
    var members: [AtomicFile.Member] = []
    var sidecars: [String] = []
    if let paths = CityscapesPanoptic.semanticPaths(besides: path), try writesBeside(path) {
      for (file, train) in [(paths.labelIds, false), (paths.labelTrainIds, true)] {
        guard let table = CityscapesPanoptic.semanticTable(map, catalog: catalog, train: train) else {
          notes.append(
            "no \(FileNames.lastComponent(file)): " + (train ? "the \(catalog.name) catalog has no trainIds" : "class ids above 255 do not fit its 8 bits"))
          continue
        }
        members.append(
          AtomicFile.Member(path: file) { (fd) throws(PanopticError) in
            try encodeGray8(map, to: fd, compression: compression) { table[$0] ?? 0 }
          })
        sidecars.append(file)
      }
    }
    if members.isEmpty {
      try AtomicFile.write(to: path, main.body)
    } else {
      try AtomicFile.writeTogether(members + [main])
    }
    var report = LabelWriteReport(
      path: path, format: .cityscapes, widened: false, annotationsPath: nil, notes: notes,
      fileIDs: FileIDScheme(format: .cityscapes, knownIDs: code.mapValues(Int.init)))
    report.sidecars = sidecars
    return report
  }

  /// Whether `path` is (or will be) a plain file: a FIFO or device gets the
  /// instanceIds stream only, with no files beside it.
  static func writesBeside(_ path: String) throws(PanopticError) -> Bool {
    guard let st = try SystemCall.stat(try AtomicFile.resolvedTarget(path)) else { return true }
    return st.isRegular
  }

  /// An 8-bit gray PNG of `value(label)` per pixel (called once per run).
  static func encodeGray8(
    _ map: LabelMap, to fd: FileDescriptor, compression: PNGCompression, value: @escaping (UInt32) -> UInt32
  ) throws(PanopticError) {
    let w = map.width
    try map.pixels.withUnsafeBufferPointer { (px) throws(PanopticError) in
      let base = px.baseAddress!
      try PNGCodec.writeRows(
        to: fd, width: w, height: map.height, bitDepth: 8, channels: 1, text: nil, compression: compression
      ) { y, row in
        let out = row.assumingMemoryBound(to: UInt8.self)
        let src = base + y * w
        var last: UInt32 = .max
        var lastValue: UInt8 = 0
        for x in 0..<w {
          if src[x] != last {
            last = src[x]
            lastValue = UInt8(truncatingIfNeeded: value(last))
          }
          out[x] = lastValue
        }
      }
    }
  }
}
