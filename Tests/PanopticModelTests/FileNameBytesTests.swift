import Testing

@testable import PanopticModel

@Suite("File name bytes")
struct FileNameBytesTests {
  @Test func utf8NamesAreUnchangedAndOtherBytesRoundTrip() {
    #expect(FileNameBytes.string(Array("日本/photo.png".utf8)) == "日本/photo.png")
    #expect(!FileNameBytes.hasRawBytes("日本/photo.png"))
    // Latin-1, a lone continuation byte, a truncated sequence, an overlong NUL and an encoded
    // surrogate: every byte comes back as it was.
    let hostile: [[UInt8]] = [
      [0x63, 0x61, 0x66, 0xE9], [0x80], [0xE6, 0x97], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      Array(0...255).filter { $0 != 0 && $0 != 0x2F },
    ]
    for bytes in hostile {
      let name = FileNameBytes.string(bytes)
      #expect(FileNameBytes.hasRawBytes(name))
      #expect(FileNameBytes.bytes(name) == bytes)
    }
    // Valid UTF-8 around a bad byte stays text.
    #expect(FileNameBytes.string([0xC3, 0xA9, 0xFF, 0x41]).unicodeScalars.first == "é")
  }

  @Test func messagesShowTheByteItself() {
    let name = FileNameBytes.string(Array("caf".utf8) + [0xE9] + Array(".png".utf8))
    #expect(name.escapingControlCharacters == "caf\\xE9.png")
  }
}
