import Foundation
import Testing

/// The layering rules of docs/architecture.md, checked on the sources: each
/// module may import only what is below it. (Package.swift's dependencies
/// say what *can* be imported; this says what the design allows, so a new
/// dependency added to Package.swift to import upward still fails here.)
@Suite("Architecture")
struct ImportRulesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sources = root.appendingPathComponent("Sources")

  /// Module → the modules its Swift files may import (nil: anything).
  static let allowed: [String: Set<String>?] = [
    "PanopticModel": [],
    "PanopticEval": [],
    "PanopticRender": ["PanopticModel"],
    "PanopticSelection": ["PanopticModel", "Synchronization"],
    "PanopticEditor": ["PanopticModel", "PanopticRender", "PanopticSelection"],
    "PanopticIO": ["PanopticModel", "CPNGShim", "CTurboJPEG", "CPanopticSystem", "SystemPackage", "Glibc", "Foundation", "Synchronization"],
    "PanopticApp": ["PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO", "PanopticEval", "Foundation", "Glibc"],
    "TerminalUI": ["PanopticModel", "PanopticRender", "PanopticEditor", "CNcursesw", "CTerminalSignals", "Foundation", "Glibc"],
    "panoptty": nil,
  ]

  /// Generated files may be long; nothing else may.
  static let maxLines = 350

  static func swiftFiles(in dir: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
    return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
  }

  /// The module named by an import declaration, or nil when `line` is not
  /// one. Handles attributes (`@testable`, `@preconcurrency`,
  /// `@_implementationOnly`), access levels (`public import`), kinds
  /// (`import struct Foo.Bar`) and submodules (`import Foo.Bar`).
  static func importedModule(_ line: String) -> String? {
    var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    while let w = words.first, w.hasPrefix("@") || ["public", "package", "internal", "fileprivate", "private"].contains(w) {
      words.removeFirst()
    }
    guard words.first == "import", words.count >= 2 else { return nil }
    var name = words[1]
    if ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let", "actor"].contains(name), words.count >= 3 {
      name = words[2]
    }
    return name.split(separator: ".").first.map(String.init)
  }

  @Test func importParsing() {
    #expect(Self.importedModule("import Foundation") == "Foundation")
    #expect(Self.importedModule("  @testable import PanopticIO") == "PanopticIO")
    #expect(Self.importedModule("@preconcurrency public import Glibc") == "Glibc")
    #expect(Self.importedModule("internal import struct SystemPackage.FilePath") == "SystemPackage")
    #expect(Self.importedModule("import CNcursesw.shim") == "CNcursesw")
    #expect(Self.importedModule("// import Foundation") == nil)
    #expect(Self.importedModule("let important = 1") == nil)
    #expect(Self.importedModule("import") == nil)
  }

  @Test func everyModuleImportsOnlyWhatIsBelowIt() throws {
    let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).sorted()
    var offenders: [String] = []
    var checkedFiles = 0
    for module in modules {
      let files = Self.swiftFiles(in: Self.sources.appendingPathComponent(module))
      if files.isEmpty { continue }  // C shims and system libraries
      guard let rule = Self.allowed[module] else {
        offenders.append("\(module): a Swift module with no rule in ArchitectureTests.allowed")
        continue
      }
      guard let allowed = rule else { continue }
      for file in files {
        checkedFiles += 1
        let text = try String(contentsOf: file, encoding: .utf8)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          guard let imported = Self.importedModule(String(line)), !allowed.contains(imported) else { continue }
          let rel = file.path.dropFirst(Self.root.path.count + 1)
          offenders.append("\(rel):\(n + 1): \(module) imports \(imported)")
        }
      }
    }
    #expect(checkedFiles > 50)
    #expect(offenders.isEmpty, "imports against the layering:\n\(offenders.joined(separator: "\n"))")
  }

  @Test func everyLayerHasSources() {
    for module in Self.allowed.keys {
      #expect(!Self.swiftFiles(in: Self.sources.appendingPathComponent(module)).isEmpty, "Sources/\(module) has no Swift files")
    }
  }

  @Test func noSourceFileIsOverTheLimit() throws {
    var offenders: [String] = []
    let files = Self.swiftFiles(in: Self.sources)
    #expect(files.count > 50)
    for file in files where !file.lastPathComponent.contains("Catalog") {
      let text = try String(contentsOf: file, encoding: .utf8)
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      if text.hasSuffix("\n") { lines -= 1 }
      if lines > Self.maxLines {
        offenders.append("\(file.path.dropFirst(Self.root.path.count + 1)): \(lines) lines")
      }
    }
    #expect(offenders.isEmpty, "files over \(Self.maxLines) lines:\n\(offenders.joined(separator: "\n"))")
  }
}
