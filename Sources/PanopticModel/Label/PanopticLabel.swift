/// One pixel's meaning: void, or a class with an instance id.
///
/// Packed into 32 bits (instance in the high half, class index in the low
/// half) so a 4K label map is a flat 33 MB array that fills and compares
/// with integer instructions. Instance 0 means stuff, or a crowd region when
/// the class is a thing; instance ids are global per image.
///
/// The bit layout is spelled out only here: hot loops that work on raw
/// `UInt32`s use the static helpers below, never their own shifts and masks.
public struct PanopticLabel: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var raw: UInt32

  /// Class part reserved for void; no catalog may have 65535 classes.
  public static let voidClass: UInt32 = 0xFFFF
  public static let void = PanopticLabel(raw: voidClass)
  /// The largest instance id the packing can hold.
  public static let maxInstance = 0xFFFF
  /// The largest class index a catalog may use (65535 is void).
  public static let maxClassIndex = 0xFFFE

  @inlinable public init(raw: UInt32) { self.raw = raw }

  /// A label from trusted parts (the caller checked the ranges).
  @inlinable
  public init(classIndex: Int, instance: Int = 0) {
    precondition(classIndex >= 0 && classIndex <= Self.maxClassIndex, "class index out of range")
    precondition(instance >= 0 && instance <= Self.maxInstance, "instance out of range")
    raw = Self.pack(classIndex: UInt32(classIndex), instance: UInt32(instance))
  }

  /// A label from parts that came from a file or a user: nil when either
  /// part does not fit, so instance 65536 can never silently become 0 (crowd).
  @inlinable
  public static func checked(classIndex: Int, instance: Int) -> PanopticLabel? {
    guard classIndex >= 0, classIndex <= maxClassIndex, instance >= 0, instance <= maxInstance else { return nil }
    return PanopticLabel(raw: pack(classIndex: UInt32(classIndex), instance: UInt32(instance)))
  }

  @inlinable public var isVoid: Bool { Self.isVoid(raw) }
  /// Contiguous class index; meaningless for void.
  @inlinable public var classIndex: Int { Int(Self.classPart(raw)) }
  @inlinable public var instance: Int { Int(Self.instancePart(raw)) }
  /// This label's class with instance 0 (stuff, or the class's crowd region).
  @inlinable public var classRegion: PanopticLabel { PanopticLabel(raw: Self.classPart(raw)) }

  // MARK: Raw helpers for loops over `LabelMap.pixels`

  @inlinable @inline(__always)
  public static func pack(classIndex: UInt32, instance: UInt32) -> UInt32 { instance << 16 | (classIndex & 0xFFFF) }
  @inlinable @inline(__always)
  public static func classPart(_ raw: UInt32) -> UInt32 { raw & 0xFFFF }
  @inlinable @inline(__always)
  public static func instancePart(_ raw: UInt32) -> UInt32 { raw >> 16 }
  @inlinable @inline(__always)
  public static func isVoid(_ raw: UInt32) -> Bool { raw & 0xFFFF == voidClass }
  /// The same class with another instance id.
  @inlinable @inline(__always)
  public static func withInstance(_ raw: UInt32, _ instance: UInt32) -> UInt32 { instance << 16 | (raw & 0xFFFF) }

  public static func < (a: PanopticLabel, b: PanopticLabel) -> Bool { a.raw < b.raw }

  public var description: String {
    isVoid ? "void" : "class \(classIndex) instance \(instance)"
  }
}

/// A pixel position in image coordinates. A struct (not a tuple) so commands
/// and pending polygons can be compared and hashed.
public struct Point: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int

  @inlinable public init(_ x: Int, _ y: Int) {
    self.x = x
    self.y = y
  }

  public var description: String { "\(x),\(y)" }
}
