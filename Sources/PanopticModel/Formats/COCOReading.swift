/// COCO JSON faults in panoptty's words.
///
/// The engine (`COCOJSON/`) names every fault precisely; these helpers turn
/// its errors into `PanopticError`s worded as panoptty always worded the same
/// faults (`not valid JSON (…)`, `segments_info[0] of a.png (id 101) …`), so
/// scripts and the e2e corpus that match on them keep working.
extension COCOJSONError {
  /// The error as `badAnnotations`, one line.
  public var panopticError: PanopticError {
    switch self {
    case .syntax(let e): .badAnnotations(Self.syntaxText(e))
    case .notCOCO(let why) where why == "the top level is not an object":
      .badAnnotations("expected a JSON object with \"annotations\"")
    case .notCOCO(let why): .badAnnotations(why)
    case .invalidEntry(let entry, let why): .badAnnotations(Self.entryText(entry, why))
    case .duplicate, .staleIndex, .corruptIndex, .cannotSplice: .badAnnotations(description)
    }
  }

  /// `not valid JSON (line 3, column 7: a string is not closed)`.
  public static func syntaxText(_ e: JSONSyntaxError) -> String {
    "not valid JSON (line \(e.line), column \(e.column): \(e.reason))"
  }

  /// A segment fault as `segments_info[0] of a.png (id 101) has …`; any other
  /// entry fault as the engine says it (`annotations[3] (file_name "x.png"): …`).
  static func entryText(_ entry: COCOEntryReference, _ why: String) -> String {
    let prefix = "segments_info["
    guard entry.array == .annotations, why.hasPrefix(prefix), let close = why.firstIndex(of: "]"),
      let label = entry.label, label.hasPrefix("file_name ")
    else { return "\(entry): \(why)" }
    let name = String(label.dropFirst("file_name ".count))
    let plain = name.count >= 2 && name.first == "\"" && name.last == "\"" ? String(name.dropFirst().dropLast()) : name
    return String(why[...close]) + " of " + plain + String(why[why.index(after: close)...])
  }
}

extension COCOAnnotation {
  /// Decodes an annotation entry for reading labels: the entry's faults in
  /// panoptty's words (see `COCOJSONError.panopticError`).
  public static func decodeForLabels(
    _ object: JSONObject, at reference: COCOEntryReference, fileName: String
  ) throws(PanopticError) -> COCOAnnotation {
    guard object["segments_info"]?.arrayValue != nil else {
      throw .badAnnotations("the annotation of \(fileName) has no \"segments_info\" list")
    }
    do {
      return try COCOAnnotation(decoding: object, at: reference)
    } catch {
      throw error.panopticError
    }
  }
}
