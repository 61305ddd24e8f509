import Foundation
import PanopticApp
import PanopticIO
import PanopticModel

/// A temporary folder with the demo scene in it, removed when dropped.
final class TestFolder {
  let path: String

  init(demoSize: (Int, Int) = (64, 48)) throws {
    path = NSTemporaryDirectory() + "panoptty-apptest-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try DemoSetup.write(DemoScene.generate(width: demoSize.0, height: demoSize.1), to: path)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  var image: String { path + "/demo.png" }
  var labels: String { path + "/demo_labels.png" }

  func session(labels: String? = nil, options: LabelFileOptions = .init(), readOnly: Bool = false) throws -> EditSession {
    try EditSession(image: image, labels: labels ?? self.labels, options: options, readOnly: readOnly)
  }

  func read(_ file: String? = nil) throws -> LabelMap {
    try LabelFile.read(path: file ?? labels).decoded.map
  }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
}
