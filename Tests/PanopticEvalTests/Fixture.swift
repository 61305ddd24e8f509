@testable import PanopticEval

/// Builds small images from rows of characters, so each test shows its
/// scene: every character is one pixel, '.' is void (id 0).
enum Fixture {
  /// 1 person, 2 car (things); 3 sky, 4 grass, 5 tree (stuff). Tree never
  /// appears, so it checks that classes without segments are not averaged.
  static let categories = CategoryTable([
    EvalCategory(id: 1, name: "person", isthing: 1),
    EvalCategory(id: 2, name: "car", isthing: 1),
    EvalCategory(id: 3, name: "sky", isthing: 0),
    EvalCategory(id: 4, name: "grass", isthing: 0),
    EvalCategory(id: 5, name: "tree", isthing: 0),
  ])

  struct Side {
    var map: SegmentIdMap
    var segments: [EvalSegment]
  }

  /// `legend` gives the JSON's `segments_info` in order, one character per
  /// segment. A segment's `area` is filled with its pixel count unless the
  /// legend sets one. `unlisted` characters become ids missing from the JSON.
  static func side(
    _ rows: [String], _ legend: KeyValuePairs<Character, EvalSegment>,
    unlisted: [Character: UInt32] = [:]
  ) -> Side {
    var idOf: [Character: UInt32] = unlisted
    idOf["."] = 0
    for (character, segment) in legend { idOf[character] = segment.id }
    let ids = rows.flatMap { row in row.map { idOf[$0]! } }
    let segments = legend.map { character, segment -> EvalSegment in
      var segment = segment
      if segment.area == nil {
        segment.area = Double(rows.reduce(0) { $0 + $1.filter { $0 == character }.count })
      }
      return segment
    }
    return Side(
      map: SegmentIdMap(width: rows.first?.count ?? 0, height: rows.count, ids: ids),
      segments: segments)
  }

  static func thing(_ id: UInt32, _ category: Int, area: Double? = nil) -> EvalSegment {
    EvalSegment(id: id, categoryId: category, iscrowd: 0, area: area)
  }

  static func crowd(_ id: UInt32, _ category: Int) -> EvalSegment {
    EvalSegment(id: id, categoryId: category, iscrowd: 1)
  }

  static func overlap(_ gt: Side, _ pred: Side, image: String = "img") throws -> ImageOverlap {
    try ImageOverlap.count(
      imageId: image, groundTruth: gt.map, groundTruthSegments: gt.segments,
      prediction: pred.map, predictionSegments: pred.segments)
  }

  static func evaluate(_ gt: Side, _ pred: Side, image: String = "img") throws -> ImageEvaluation {
    try ImageEvaluation.evaluate(
      imageId: image, groundTruth: gt.map, groundTruthSegments: gt.segments,
      prediction: pred.map, predictionSegments: pred.segments, categories: categories)
  }

  static func results(_ images: [ImageEvaluation], workers: Int = 1) -> PQResults {
    PQResults(images: images, categories: categories, pqComputeWorkers: workers)
  }

  static func scores(_ summary: PQResults.Summary) -> [Double] {
    [summary.pq, summary.sq, summary.rq, Double(summary.n)]
  }

  static func classScores(_ results: PQResults, _ category: Int) -> [Double] {
    let result = results.perClass.first { $0.category.id == category }!
    return [result.pq, result.sq, result.rq]
  }
}
