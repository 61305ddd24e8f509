@testable import PanopticModel

/// UTF-8 bytes of a test document.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// The syntax error `body` throws, or nil.
func syntaxError(_ body: () throws(JSONSyntaxError) -> Void) -> JSONSyntaxError? {
  do {
    try body()
    return nil
  } catch {
    return error
  }
}

/// The COCO error `body` throws, or nil.
func cocoError<T>(_ body: () throws(COCOJSONError) -> T) -> COCOJSONError? {
  do {
    _ = try body()
    return nil
  } catch {
    return error
  }
}

func validate(_ text: String, maxDepth: Int = 512) throws(JSONSyntaxError) {
  let bytes = utf8(text)
  _ = try withBytes(of: bytes) { raw throws(JSONSyntaxError) in
    try JSONScan.validate(raw, options: JSONScanOptions(maxDepth: maxDepth))
  }
}

/// A splice applied in memory, plus a fresh index of the result.
func applySplice(_ update: COCOEntryUpdate, to document: [UInt8]) throws -> (output: [UInt8], splice: COCOSplice) {
  let index = try COCOIndex.build(document)
  let splice = try index.splice(update, in: document)
  return (splice.plan.apply(to: document), splice)
}
