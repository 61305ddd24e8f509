/// A decoded label file: the map, the catalog it indexes, and every rule the
/// file broke (empty for a clean file).
public struct DecodedLabels: Sendable {
  public var map: LabelMap
  public var catalog: ClassCatalog
  public var format: LabelFormat
  public var problems: [Problem]
  /// The id each label had in the file (COCO segment id, Cityscapes value,
  /// 2-channel R + 256·G), so `info` can show what the file says.
  public var fileIDs: [UInt32: Int]
  /// How many problems there are in all (the list stops at 50 kinds).
  public var problemCount: ProblemCount

  public init(
    map: LabelMap, catalog: ClassCatalog, format: LabelFormat, problems: [Problem] = [],
    fileIDs: [UInt32: Int] = [:], problemCount: ProblemCount? = nil
  ) {
    self.map = map
    self.catalog = catalog
    self.format = format
    self.problems = problems
    self.fileIDs = fileIDs
    self.problemCount = problemCount ?? ProblemCount(value: problems.count)
  }
}

extension DecodedLabels {
  /// The end of every table-driven decoder: each value is replaced by its
  /// label in place (unmapped values become void), reusing the decoded buffer.
  static func remapping(
    _ pv: consuming PixelValues, _ mapping: [UInt32: UInt32], catalog: ClassCatalog, format: LabelFormat,
    problems: [Problem], problemCount: ProblemCount? = nil
  ) -> DecodedLabels {
    let width = pv.width
    let height = pv.height
    var pixels = pv.values
    pv.values = []
    remap(&pixels, mapping)
    return DecodedLabels(
      map: LabelMap(width: width, height: height, pixels: pixels), catalog: catalog, format: format,
      problems: problems, fileIDs: Dictionary(mapping.map { ($0.value, Int($0.key)) }, uniquingKeysWith: min),
      problemCount: problemCount)
  }

  /// Replaces every value by its mapping (void when unmapped), in place.
  static func remap(_ pixels: inout [UInt32], _ mapping: [UInt32: UInt32]) {
    pixels.withUnsafeMutableBufferPointer { px in
      var last: UInt32 = .max
      var lastOut = PanopticLabel.voidClass
      for i in 0..<px.count {
        let v = px[i]
        if v != last {
          last = v
          lastOut = mapping[v] ?? PanopticLabel.voidClass
        }
        px[i] = lastOut
      }
    }
  }
}
