import Testing

@testable import PanopticModel

@Suite("Lossless values and the writer")
struct ValueAndWriterTests {
  @Test("escapes are decoded; \\/ is read but never written; control characters are escaped")
  func escapes() throws {
    let value = try JSONValue.parse(#"["caf\u00e9", "\ud83d\ude00", "a\/b", "tab\there", "\u0001", "é/ü"]"#)
    #expect(value.arrayValue?.compactMap(\.stringValue) == ["café", "😀", "a/b", "tab\there", "\u{01}", "é/ü"])
    let written = text(JSONWriter().bytes(of: value))
    #expect(written == #"["café", "😀", "a/b", "tab\there", "\u0001", "é/ü"]"#)
    #expect(!written.contains(#"\/"#))
  }

  @Test("numbers keep their text: 1e400, -0, 2840.0 survive a round trip")
  func numbers() throws {
    let source = #"[1e400, -0, 2840.0, 0.1, -12E+3, 9223372036854775808]"#
    #expect(text(JSONWriter().bytes(of: try JSONValue.parse(source))) == source)
    let cases: [(String, Int?)] = [
      ("2840.0", 2840), ("2.84e3", 2840), ("-0", 0), ("1e400", nil), ("0.5", nil), ("0.05e2", 5),
      ("9223372036854775807", Int.max), ("9223372036854775808", nil), ("-9223372036854775808", Int.min),
      ("100e-2", 1), ("12e-1", nil),
    ]
    for (number, expected) in cases {
      #expect(JSONNumber(text: number)?.intValue == expected, "\(number)")
    }
    #expect(JSONNumber(text: "01") == nil)
    #expect(JSONNumber(text: "1 ") == nil)
  }

  @Test("parse then write gives the same bytes in every layout", arguments: LayoutFixtures.layouts)
  func roundTrip(_ layoutName: String) throws {
    let layout: JSONLayout =
      switch layoutName {
      case "indent2": .indented(2)
      case "indentTab": JSONLayout(indentUnit: [0x09], itemSeparator: [0x2C], keySeparator: utf8(": "))
      case "minified": .minified
      default: .pythonDefault
      }
    for (_, document) in LayoutFixtures.documents[layoutName]! {
      let bytes = utf8(document)
      #expect(JSONWriter(layout: layout).bytes(of: try JSONValue.parse(bytes)) == bytes)
      let detected = withBytes(of: bytes) { JSONLayout.detect(in: $0, containers: [0..<$0.count]) }
      #expect(detected == layout)
    }
  }

  @Test("objects keep key order, unknown and repeated keys")
  func objectOrder() throws {
    var object = try #require(try JSONValue.parse(#"{"z": 1, "a": 2, "z": 3}"#).objectValue)
    #expect(object.keys == ["z", "a", "z"])
    #expect(object["z"] == .int(3))  // the last one, as Python reads it
    #expect(object.count(of: "z") == 2)
    object["a"] = .string("x")
    object["new"] = .null
    #expect(text(JSONWriter(layout: .minified).bytes(of: .object(object))) == #"{"z":1,"a":"x","z":3,"new":null}"#)
  }

  @Test("CRLF files keep CRLF")
  func crlf() throws {
    let doc = utf8("{\r\n  \"a\": [\r\n    1,\r\n    2\r\n  ]\r\n}")
    let layout = withBytes(of: doc) { JSONLayout.detect(in: $0, containers: [0..<$0.count]) }
    #expect(layout.newline == [0x0D, 0x0A])
    #expect(JSONWriter(layout: layout).bytes(of: try JSONValue.parse(doc)) == doc)
  }
}
