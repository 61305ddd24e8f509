import Testing

@testable import PanopticModel

@Suite("Validating scanner")
struct ScannerTests {
  @Test("top-level members and element ranges are byte-exact")
  func ranges() throws {
    let doc = utf8(#"  {"a": [1, {"b": null}, "x"], "c\u0064": true}  "#)
    let (root, members) = try withBytes(of: doc) { raw throws(JSONSyntaxError) in try JSONScan.topLevelMembers(of: raw)
    }
    #expect(root == 2..<(doc.count - 2))
    let list = try #require(members)
    #expect(list.map(\.key) == ["a", "cd"])
    #expect(text(Array(doc[list[0].valueRange])) == #"[1, {"b": null}, "x"]"#)
    #expect(text(Array(doc[list[1].keyRange])) == #""c\u0064""#)
    let elements = try withBytes(of: doc) { raw throws(JSONSyntaxError) in
      try JSONScan.elementRanges(ofArrayAt: list[0].valueRange, in: raw)
    }
    #expect(elements.map { text(Array(doc[$0])) } == ["1", #"{"b": null}"#, #""x""#])
  }

  @Test(
    "valid JSON is accepted",
    arguments: [
      "0", "-0", "1e400", "-1.5E-7", "[]", "{}", #""\u00e9\ud83d\ude00\/""#, "[true, false, null]",
      "\u{FEFF}{}", " \t\r\n[1]\n",
    ])
  func accepts(_ json: String) {
    #expect(syntaxError { () throws(JSONSyntaxError) in try validate(json) } == nil)
  }

  @Test(
    "malformed JSON is refused with a reason",
    arguments: [
      (#"{"a": [1, 2"#, "the text ends where"),
      ("{} x", "more text after the end"),
      ("01", "leading zeros"),
      ("1.", "a digit must follow '.'"),
      ("-", "a digit must follow '-'"),
      (".5", "where a value was expected"),
      ("1e", "the exponent has no digits"),
      ("[1,]", "where a value was expected"),
      (#"{"a" 1}"#, "':' after a member name"),
      ("{'a': 1}", "a member name in double quotes"),
      ("\"a\u{01}\"", "raw control character"),
      (#""\x""#, "invalid escape"),
      (#""\u12G4""#, "four hexadecimal digits"),
      (#""\ud800""#, "lone surrogate \\uD800"),
      (#""\udc00\ud800""#, "lone surrogate \\uDC00"),
      ("tru", "the literal true"),
      ("", "the text ends where a value"),
    ])
  func refuses(_ json: String, _ reason: String) {
    let error = syntaxError { () throws(JSONSyntaxError) in try validate(json) }
    #expect(error?.description.contains(reason) == true, "\(json): \(error?.description ?? "accepted")")
  }

  @Test(
    "invalid UTF-8 is refused",
    arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFF]] as [[UInt8]])
  func invalidUTF8(_ sequence: [UInt8]) {
    let doc: [UInt8] = [0x22] + sequence + [0x22]
    let error = syntaxError { () throws(JSONSyntaxError) in
      _ = try withBytes(of: doc) { raw throws(JSONSyntaxError) in try JSONScan.validate(raw) }
    }
    #expect(error?.kind == .invalidUTF8 || error?.kind == .unterminatedString)
  }

  @Test("errors give byte offset, line and column (in characters)")
  func position() {
    let error = syntaxError { () throws(JSONSyntaxError) in try validate("{\n  \"é\": [1 2]}") }
    #expect(error?.line == 2)
    #expect(error?.column == 11)
    #expect(error?.offset == 13)
    #expect(error?.description.hasPrefix("invalid JSON at line 2, column 11 (byte 13):") == true)
  }

  @Test("10,000 levels of nesting: refused under the limit, scanned iteratively above it")
  func deepNesting() throws {
    let depth = 10_000
    let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let refused = syntaxError { () throws(JSONSyntaxError) in try validate(deep) }
    #expect(refused?.kind == .nestingTooDeep(limit: 512))
    #expect(syntaxError { () throws(JSONSyntaxError) in try validate(deep, maxDepth: 20_000) } == nil)
    let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    #expect(syntaxError { () throws(JSONSyntaxError) in try validate(objects, maxDepth: 20_000) } == nil)
    // Building a value is recursive, so it stops at its own cap instead of overflowing.
    let built = syntaxError { () throws(JSONSyntaxError) in _ = try JSONValue.parse(deep) }
    #expect(built?.kind == .nestingTooDeep(limit: JSONValue.maxBuildDepth))
    let unbalanced = String(repeating: "[", count: 100_000)
    #expect(syntaxError { () throws(JSONSyntaxError) in try validate(unbalanced, maxDepth: 1_000_000) } != nil)
  }
}
