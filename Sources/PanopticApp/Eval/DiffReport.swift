import Foundation
import PanopticEval
import PanopticIO
import PanopticModel
import PanopticRender

/// `panoptty diff A B`: how the segments of two label files of one image
/// correspond. Segments are paired as panopticapi pairs them — IoU > 0.5,
/// A in the role of the ground truth — but without requiring the same class,
/// so a relabelled segment shows as *changed* rather than removed + added.
/// IoU here is plain |A ∩ B| / |A ∪ B| (panopticapi leaves B's pixels on A's
/// void out of the union, which would hide a segment grown into void).
///
/// Files of different formats compare by class *name* (an offset file with
/// the COCO catalog and a COCO PNG with its JSON agree on "car"); ids may
/// differ freely: identical means the same pixels in the same segments with
/// the same classes and crowd flags.
public struct DiffReport {
  public struct Side {
    public var info: InfoReport
    /// Segment id in the evaluation's numbering (label + 1) → its row.
    var rows: [UInt32: SegmentRow]
  }

  public let a: Side
  public let b: Side
  public let diff: SegmentDiff

  /// Loads both files as `info` does; every failure has exit status 2 (as diff(1)).
  public init(a pathA: String, b pathB: String, options: LabelFileOptions) throws(AppFailure) {
    do throws(AppFailure) {
      let infoA = InfoReport(path: pathA, loaded: try LabelLoader.load(pathA, options: options))
      let infoB = InfoReport(path: pathB, loaded: try LabelLoader.load(pathB, options: options))
      let (wa, ha, wb, hb) = (infoA.report.width, infoA.report.height, infoB.report.width, infoB.report.height)
      guard wa == wb && ha == hb else {
        throw AppFailure("\(pathA) is \(wa)×\(ha) but \(pathB) is \(wb)×\(hb): not labels of one image")
      }
      var classKeys: [String: Int] = [:]
      func side(_ info: InfoReport) -> (Side, SegmentIdMap, [EvalSegment]) {
        var rows: [UInt32: SegmentRow] = [:]
        var segments: [EvalSegment] = []
        for row in info.report.rows {
          let key = classKeys[row.className] ?? classKeys.count + 1
          classKeys[row.className] = key
          rows[row.label.raw &+ 1] = row
          segments.append(EvalSegment(id: row.label.raw &+ 1, categoryId: key, isCrowd: row.isCrowd))
        }
        let ids = info.loaded.decoded.map.pixels.map { PanopticLabel.isVoid($0) ? 0 : $0 &+ 1 }
        return (Side(info: info, rows: rows), SegmentIdMap(width: wa, height: ha, ids: ids), segments)
      }
      let (sideA, mapA, segsA) = side(infoA)
      let (sideB, mapB, segsB) = side(infoB)
      let overlap: ImageOverlap
      do {
        overlap = try ImageOverlap.count(
          imageId: FileNames.lastComponent(pathA), groundTruth: mapA, groundTruthSegments: segsA,
          prediction: mapB, predictionSegments: segsB)
      } catch {
        throw AppFailure("\(error)")
      }
      a = sideA
      b = sideB
      diff = SegmentDiff(overlap, rule: .symmetric)
    } catch {
      throw AppFailure(error.line, status: ExitStatus.usage)
    }
  }

  /// Same segments, classes and crowd flags (ids and formats may differ).
  public var isIdentical: Bool { diff.changed.isEmpty && diff.removed.isEmpty && diff.added.isEmpty }

  /// One line per difference, diff(1)-like: `~` changed, `-` only in A,
  /// `+` only in B, then the count of unchanged segments.
  public var text: String {
    var lines = [
      "--- \(a.info.path) (\(a.info.loaded.decoded.format.rawValue), \(a.rows.count) segments)",
      "+++ \(b.info.path) (\(b.info.loaded.decoded.format.rawValue), \(b.rows.count) segments)",
    ]
    for pair in diff.changed {
      let ra = a.rows[pair.a.id]!, rb = b.rows[pair.b.id]!
      var what: [String] = []
      if pair.classChanged { what.append("class \(ra.className) → \(rb.className)") }
      if pair.crowdChanged { what.append(rb.isCrowd ? "now crowd" : "no longer crowd") }
      if pair.intersection != pair.union {
        what.append("IoU \(Self.fixed(pair.iou)), −\(ra.area - pair.intersection) +\(rb.area - pair.intersection) px")
      }
      lines.append("~ \(Self.name(ra)) → \(Self.name(rb)): " + what.joined(separator: "; "))
    }
    for (sign, list, own, other) in [("-", diff.removed, a, b), ("+", diff.added, b, a)] {
      for u in list {
        let row = own.rows[u.segment.id]!
        var line = "\(sign) \(Self.name(row)): \(u.pixels) px"
        if let best = u.bestCounterpart, let partner = other.rows[best.id] {
          line += ", best overlap \(Self.name(partner)) IoU \(Self.fixed(u.bestIoU))"
        } else {
          line += u.pixelsOnVoid == u.pixels ? ", void in the other file" : ", overlaps nothing listed"
        }
        lines.append(line)
      }
    }
    let unchanged = diff.pairs.count - diff.changed.count
    lines.append(
      "= \(unchanged) unchanged, \(diff.changed.count) changed, \(diff.removed.count) removed, \(diff.added.count) added")
    return lines.map(\.escapingControlCharacters).joined(separator: "\n")
  }

  /// The same as JSON: `identical`, `unchanged`, `changed`, `removed`, `added`;
  /// segments as each file numbers them (`id`) with class, category_id, iscrowd, area.
  public func json() throws(AppFailure) -> String {
    func segment(_ row: SegmentRow) -> [String: Any] {
      ["id": row.fileID, "class": row.className, "category_id": row.categoryID, "iscrowd": row.isCrowd ? 1 : 0,
       "area": row.area]
    }
    func file(_ side: Side) -> [String: Any] {
      ["file": side.info.path, "format": side.info.loaded.decoded.format.rawValue, "segments": side.rows.count]
    }
    let changed: [[String: Any]] = diff.changed.map { pair in
      ["a": segment(a.rows[pair.a.id]!), "b": segment(b.rows[pair.b.id]!), "iou": pair.iou,
       "intersection": pair.intersection, "union": pair.union, "class_changed": pair.classChanged,
       "crowd_changed": pair.crowdChanged]
    }
    func unpaired(_ list: [SegmentDiff.Unpaired], own: Side, other: Side) -> [[String: Any]] {
      list.map { u in
        ["segment": segment(own.rows[u.segment.id]!), "pixels_on_void": u.pixelsOnVoid,
         "best_overlap": u.bestCounterpart.flatMap { other.rows[$0.id] }.map(segment) ?? NSNull(),
         "best_iou": u.bestIoU]
      }
    }
    let root: [String: Any] = [
      "a": file(a), "b": file(b), "identical": isIdentical, "unchanged": diff.pairs.count - diff.changed.count,
      "changed": changed, "removed": unpaired(diff.removed, own: a, other: b),
      "added": unpaired(diff.added, own: b, other: a),
    ]
    do {
      let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
      return String(decoding: data, as: UTF8.self)
    } catch {
      throw AppFailure("cannot write JSON: \(error)", status: ExitStatus.usage)
    }
  }

  static func name(_ row: SegmentRow) -> String {
    "\(row.fileID) \(row.className)" + (row.isCrowd ? " (crowd)" : "")
  }

  static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
}
