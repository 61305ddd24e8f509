import Testing

@testable import PanopticModel

@Suite("Sidecar index: encode, decode, refuse stale or hostile ones")
struct SidecarTests {
  let doc = utf8(LayoutFixtures.documents["pythonDefault"]!["original"]!)

  func fingerprint(_ bytes: [UInt8], seconds: Int64 = 1_700_000_000) -> JSONFileFingerprint {
    withBytes(of: bytes) { JSONFileFingerprint(of: $0, modifiedSeconds: seconds, modifiedNanoseconds: 123) }
  }

  @Test("round trip gives the same index")
  func roundTrip() throws {
    let index = try COCOIndex.build(doc)
    let sidecar = COCOIndexSidecar.encode(index, fingerprint: fingerprint(doc))
    #expect(try COCOIndexSidecar.decode(sidecar, expecting: fingerprint(doc)) == index)
  }

  @Test("a sidecar for another version of the file is stale")
  func stale() throws {
    let index = try COCOIndex.build(doc)
    let sidecar = COCOIndexSidecar.encode(index, fingerprint: fingerprint(doc))
    let touched = cocoError { () throws(COCOJSONError) in
      try COCOIndexSidecar.decode(sidecar, expecting: fingerprint(doc, seconds: 1))
    }
    guard case .staleIndex? = touched else {
      Issue.record("expected stale, got \(String(describing: touched))")
      return
    }
    var edited = doc
    edited[edited.count - 3] = UInt8(ascii: "X")  // same size, same mtime, different tail
    let changed = cocoError { () throws(COCOJSONError) in
      try COCOIndexSidecar.decode(sidecar, expecting: fingerprint(edited))
    }
    guard case .staleIndex? = changed else {
      Issue.record("expected stale, got \(String(describing: changed))")
      return
    }
  }

  @Test("every truncation and every flipped byte is refused, never crashes")
  func damaged() throws {
    let index = try COCOIndex.build(doc)
    let sidecar = COCOIndexSidecar.encode(index, fingerprint: fingerprint(doc))
    for length in 0..<sidecar.count {
      #expect(
        cocoError { () throws(COCOJSONError) in
          try COCOIndexSidecar.decode(Array(sidecar[..<length]), expecting: fingerprint(doc))
        } != nil)
    }
    for position in 0..<sidecar.count {
      var flipped = sidecar
      flipped[position] ^= 0x40
      #expect(
        cocoError { () throws(COCOJSONError) in try COCOIndexSidecar.decode(flipped, expecting: fingerprint(doc)) }
          != nil)
    }
  }

  /// A sidecar forged with a valid checksum: what a hostile writer could produce.
  func forged(_ mutate: (inout COCOIndex) -> Void) throws -> [UInt8] {
    var index = try COCOIndex.build(doc)
    mutate(&index)
    index.rebuildLookups()
    return COCOIndexSidecar.encode(index, fingerprint: fingerprint(doc))
  }

  @Test("forged ranges outside the file or outside their array are refused at decode")
  func forgedRanges() throws {
    let outside = try forged { $0.annotations[1].range = (doc.count - 2)..<(doc.count + 50) }
    #expect(
      cocoError { () throws(COCOJSONError) in try COCOIndexSidecar.decode(outside, expecting: fingerprint(doc)) } != nil
    )
    let wrongArray = try forged { $0.annotations[0].range = $0.images[0].range }
    let error = cocoError { () throws(COCOJSONError) in
      try COCOIndexSidecar.decode(wrongArray, expecting: fingerprint(doc))
    }
    guard case .corruptIndex? = error else {
      Issue.record("expected corrupt, got \(String(describing: error))")
      return
    }
  }

  @Test("forged names or shifted ranges decode, but lookups refuse the wrong entry")
  func forgedEntries() throws {
    let swapped = try forged {
      $0.annotations[0].fileName = "b.png"
      $0.annotations[1].fileName = "a.png"
    }
    let shifted = try forged {
      $0.annotations[1].range = ($0.annotations[1].range.lowerBound + 1)..<$0.annotations[1].range.upperBound
    }
    // A nested object that is delimited like an element: `[{"occluded"...` inside a segment.
    let nested = try forged { index in
      let text = self.doc
      let start = (0..<text.count).first {
        text[$0] == UInt8(ascii: "{") && text[$0 + 1] == UInt8(ascii: "\"") && text[$0 + 2] == UInt8(ascii: "o")
      }!
      index.annotations[1].range = start..<(start + 35)
    }
    for sidecar in [swapped, shifted, nested] {
      let index = try? COCOIndexSidecar.decode(sidecar, expecting: fingerprint(doc))
      guard let index else { continue }  // refused at decode: also fine
      for name in ["a.png", "b.png"] {
        let result = Result { () throws(COCOJSONError) in
          try withBytes(of: doc) { raw throws(COCOJSONError) in try index.annotation(forFileName: name, in: raw) }
        }
        switch result {
        case .success(let annotation): #expect(annotation?.fileName == name)
        case .failure(let error):
          guard case .staleIndex = error else {
            Issue.record("\(name): expected stale, got \(error)")
            continue
          }
        }
      }
      let splice = Result { () throws(COCOJSONError) in
        try index.splice(
          COCOEntryUpdate(annotation: COCOAnnotation(fileName: "b.png", imageID: .int(2), segments: [])), in: doc)
      }
      if case .success(let result) = splice {
        // Only a plan on a genuine entry may come out.
        #expect(try COCOIndex.build(result.plan.apply(to: doc)).annotations.count == 2)
      }
    }
  }
}
