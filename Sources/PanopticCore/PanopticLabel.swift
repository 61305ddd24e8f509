/// One pixel's meaning: void, or a class with an instance id.
///
/// Packed into 32 bits (instance in the high half, class index in the low
/// half) so a 4K label map is a flat 33 MB array that fills and compares
/// with integer instructions. Instance 0 means stuff, or a crowd region when
/// the class is a thing; instance ids are global per image.
public struct PanopticLabel: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var raw: UInt32

  /// Class part reserved for void; no catalog may have 65535 classes.
  public static let voidClass: UInt32 = 0xFFFF
  public static let void = PanopticLabel(raw: voidClass)
  /// The largest instance id the packing can hold.
  public static let maxInstance = 0xFFFF

  @inlinable public init(raw: UInt32) { self.raw = raw }

  @inlinable
  public init(classIndex: Int, instance: Int = 0) {
    precondition(classIndex >= 0 && classIndex < 0xFFFF, "class index out of range")
    precondition(instance >= 0 && instance <= Self.maxInstance, "instance out of range")
    raw = UInt32(instance) << 16 | UInt32(classIndex)
  }

  @inlinable public var isVoid: Bool { raw & 0xFFFF == Self.voidClass }
  /// Contiguous class index; meaningless for void.
  @inlinable public var classIndex: Int { Int(raw & 0xFFFF) }
  @inlinable public var instance: Int { Int(raw >> 16) }

  public static func < (a: PanopticLabel, b: PanopticLabel) -> Bool { a.raw < b.raw }

  public var description: String {
    isVoid ? "void" : "class \(classIndex) instance \(instance)"
  }
}
