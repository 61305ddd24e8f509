import Foundation
import PanopticModel
import Testing

@testable import PanopticIO

@Suite("numpy .npy / .npz")
struct NumpyFileTests {
  /// An .npy v1.0 file as `np.save` writes it (header padded to 64 bytes).
  func npy(_ descr: String, fortran: Bool = false, shape: String, data: [UInt8]) -> [UInt8] {
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let n = header.utf8.count
    return NumpyFile.magic + [1, 0, UInt8(n & 255), UInt8(n >> 8)] + Array(header.utf8) + data
  }

  @Test func readsLittleAndBigEndianAndFortranOrder() throws {
    let le = npy("<i4", shape: "(2, 3)", data: [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 255, 255, 255, 255])
    let a = try NumpyFile.readIDs(le, limits: .standard)
    #expect(a.width == 3 && a.height == 2)
    #expect(a.values == [1, 2, 3, 4, 5, UInt32.max])
    let be = npy(">i2", shape: "(1, 2)", data: [0, 7, 255, 255])
    #expect(try NumpyFile.readIDs(be, limits: .standard).values == [7, UInt32.max])
    // Column-major: the file holds column 0 (1, 4), then column 1 (2, 5).
    let f = npy("|u1", fortran: true, shape: "(2, 2)", data: [1, 4, 2, 5])
    #expect(try NumpyFile.readIDs(f, limits: .standard).values == [1, 2, 4, 5])
  }

  @Test func refusesWhatIsNotA2DIntegerArray() {
    #expect(throws: PanopticError.self) { try NumpyFile.readIDs(npy("<f8", shape: "(1, 1)", data: [UInt8](repeating: 0, count: 8)), limits: .standard) }
    #expect(throws: PanopticError.self) { try NumpyFile.readIDs(npy("<i4", shape: "(4,)", data: [UInt8](repeating: 0, count: 16)), limits: .standard) }
    #expect(throws: PanopticError.self) { try NumpyFile.readIDs(npy("<i4", shape: "(2, 2)", data: [1, 0, 0, 0]), limits: .standard) }
    #expect(throws: PanopticError.self) { try NumpyFile.readIDs(Array("not numpy".utf8), limits: .standard) }
  }

  @Test func readsAStoredNpzMember() throws {
    let member = npy("<i4", shape: "(1, 1)", data: [9, 0, 0, 0])
    let name = Array("arr_0.npy".utf8)
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 255), UInt8(v >> 8 & 255)] }
    func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
    let local = le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(member.count)
      + le32(member.count) + le16(name.count) + le16(0) + name
    let central = le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
      + le32(member.count) + le32(member.count) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
      + le32(0) + name
    let cdAt = local.count + member.count
    let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(central.count) + le32(cdAt) + le16(0)
    let zip = local + member + central + end
    #expect(try NumpyFile.readIDs(zip, limits: .standard).values == [9])
  }
}
