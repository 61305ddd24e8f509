import PanopticModel
import Testing

@Suite("Stray pieces")
struct StrayPiecesTests {
  @Test func aTinyIslandOfAnInstanceIsStrayItsBodyAndOtherInstancesAreNot() {
    let a = PanopticLabel(classIndex: car, instance: 1)
    let b = PanopticLabel(classIndex: car, instance: 2)
    let r = PanopticLabel(classIndex: road)
    let map = asciiMap(
      """
      aaaa..b.
      aaaa..b.
      ......b.
      rr..a...
      rr.....r
      """, ["a": a, "b": b, "r": r])
    let s = StrayPieces(in: map, below: 16)
    // a's 1-pixel island is stray; b is whole; road (stuff) in two pieces
    // is normal (seen through a gap), so it is not checked.
    #expect(s.pieces == [StrayPieces.Piece(label: a, at: Point(4, 3), area: 1)])
  }

  @Test func twoLargePartsAreAnOccludedThingNotAProblem() {
    let a = PanopticLabel(classIndex: car, instance: 1)
    let map = asciiMap(
      """
      aa.aa
      aa.aa
      """, ["a": a])
    #expect(StrayPieces(in: map, below: 4).pieces.isEmpty)
    // Equal halves: the first met is the body, the other is stray when small.
    #expect(StrayPieces(in: map, below: 5).pieces == [StrayPieces.Piece(label: a, at: Point(3, 0), area: 4)])
  }

  @Test func crowdAndVoidAreNeverStray() {
    let crowd = PanopticLabel(classIndex: person, instance: 0)
    let map = asciiMap(
      """
      cc..c
      """, ["c": crowd])
    #expect(StrayPieces(in: map).pieces.isEmpty)
  }
}
