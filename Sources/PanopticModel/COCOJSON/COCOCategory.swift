/// An sRGB colour of a category.
public struct COCOColor: Sendable, Hashable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(r: UInt8, g: UInt8, b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }
}

/// One `categories` entry.
///
/// `color` is optional in other tools' files (datumaro, issue 12): when it is
/// missing, one is generated from the id, deterministically and distinct from
/// every other category's colour, so the same file always shows the same
/// colours and two classes never look alike.
public struct COCOCategory: Sendable, Hashable {
  public var id: Int
  public var name: String
  public var isThing: Bool
  public var color: COCOColor
  /// True when the file had no colour and `color` was generated.
  public var isColorGenerated: Bool
  public var supercategory: String?
  /// The entry as read, all keys in file order.
  public var source: JSONObject

  /// Decodes a `categories` list. Errors name the entry (`categories[3] (id 5)`).
  public static func decodeList(_ value: JSONValue) throws(COCOJSONError) -> [COCOCategory] {
    guard let list = value.arrayValue else { throw .notCOCO("\"categories\" is \(value.kindName), not a list") }
    var categories: [COCOCategory] = []
    var positionOfID: [Int: Int] = [:]
    var missingColor: [Int] = []
    for (position, item) in list.enumerated() {
      var reference = COCOEntryReference(array: .categories, position: position)
      guard let object = item.objectValue else {
        throw .invalidEntry(reference, "is \(item.kindName), not an object")
      }
      for key in ["id", "name", "isthing", "color"] where object.count(of: key) > 1 {
        throw .invalidEntry(reference, "has \(quoted(key)) twice")
      }
      guard let id = object["id"]?.intValue else {
        throw .invalidEntry(reference, COCOSegment.wholeNumberDemand("id", object["id"]))
      }
      reference.label = "id \(id)"
      guard let name = object["name"]?.stringValue, !name.isEmpty else {
        throw .invalidEntry(reference, "has no \"name\"")
      }
      reference.label = "id \(id), name \(quoted(name))"
      let isThing: Bool
      switch object["isthing"] {
      case .bool(let flag)?: isThing = flag
      case let v? where v.intValue == 0 || v.intValue == 1: isThing = v.intValue == 1
      default: throw .invalidEntry(reference, "has no \"isthing\" of 0 or 1")
      }
      var color = COCOColor(r: 0, g: 0, b: 0)
      if let value = object["color"] {
        guard let parts = value.arrayValue, parts.count == 3,
          case let channels = parts.compactMap(\.intValue), channels.count == 3,
          channels.allSatisfy({ (0...255).contains($0) })
        else {
          throw .invalidEntry(reference, "\"color\" must be [r, g, b] with values 0-255")
        }
        color = COCOColor(r: UInt8(channels[0]), g: UInt8(channels[1]), b: UInt8(channels[2]))
      } else {
        missingColor.append(position)
      }
      if let first = positionOfID[id] {
        throw .invalidEntry(reference, "has the same id as categories[\(first)]")
      }
      positionOfID[id] = position
      categories.append(
        COCOCategory(
          id: id, name: name, isThing: isThing, color: color, isColorGenerated: object["color"] == nil,
          supercategory: object["supercategory"]?.stringValue, source: object))
    }
    assignColors(&categories, at: missingColor)
    return categories
  }

  /// Gives each category at `positions` a colour no other category has,
  /// derived from its id alone (plus a retry counter on collision).
  static func assignColors(_ categories: inout [COCOCategory], at positions: [Int]) {
    guard !positions.isEmpty else { return }
    var used = Set(categories.enumerated().filter { !positions.contains($0.offset) }.map(\.element.color))
    for position in positions {
      categories[position].color = generatedColor(forID: categories[position].id, avoiding: &used)
    }
  }

  /// A colour for category `id` that is not in `used` (and not black, which
  /// reads as void), added to `used`: derived from the id alone, plus a
  /// retry counter on collision, so the same file always shows the same colours.
  public static func generatedColor(forID id: Int, avoiding used: inout Set<COCOColor>) -> COCOColor {
    used.insert(COCOColor(r: 0, g: 0, b: 0))
    var attempt: UInt64 = 0
    while true {
      let bits = mix(UInt64(bitPattern: Int64(id)) &+ attempt &* 0x9E37_79B9_7F4A_7C15)
      // Keep channels in 40...239 so colours are neither near-black nor near-white.
      let color = COCOColor(
        r: UInt8(40 + bits % 200), g: UInt8(40 + (bits >> 16) % 200), b: UInt8(40 + (bits >> 32) % 200))
      if used.insert(color).inserted { return color }
      attempt += 1
    }
  }

  /// SplitMix64's finaliser: spreads nearby ids over distant colours.
  static func mix(_ seed: UInt64) -> UInt64 {
    var z = seed &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
