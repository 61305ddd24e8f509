import Foundation
import PanopticCore

/// Reads the photo being labelled, PNG or JPEG, chosen by the file's bytes.
public enum ImageFile {
  public enum Kind: Sendable { case png, jpeg }

  public static func sniff(path: String) throws(PanopticError) -> Kind {
    guard let fh = FileHandle(forReadingAtPath: path) else {
      if !FileManager.default.fileExists(atPath: path) { throw .io("No such file or directory") }
      throw .io("Permission denied")
    }
    defer { try? fh.close() }
    let head = (try? fh.read(upToCount: 8)) ?? Data()
    if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
    if head.starts(with: [0xFF, 0xD8]) { return .jpeg }
    if head.isEmpty {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
        throw .io("Is a directory")
      }
      throw .badImage("the file is empty")
    }
    throw .badImage("not a PNG or JPEG image")
  }

  /// Decodes the image to RGB. `minSize` lets JPEG decoding scale down early.
  public static func readRGB(
    path: String, limits: DecodeLimits = .standard, minSize: (width: Int, height: Int)? = nil
  ) throws(PanopticError) -> RGBImage {
    switch try sniff(path: path) {
    case .png: return try PNGCodec.readRGB(path: path, limits: limits)
    case .jpeg: return try JPEGCodec.readRGB(path: path, limits: limits, minSize: minSize)
    }
  }
}
