import Foundation
import PanopticEditor
import Testing

/// Generated documentation stays equal to what generates it.
@Suite("Generated docs")
struct DocsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// docs/commands.md is `CommandReference.markdown`, from the one command
  /// table. `UPDATE_GOLDEN=1` (`make docs`) rewrites it.
  @Test func commandsDocIsGeneratedFromTheCommandTable() throws {
    let url = Self.root.appendingPathComponent("docs/commands.md")
    let generated = CommandReference.markdown
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try generated.write(to: url, atomically: true, encoding: .utf8)
    }
    let onDisk = try String(contentsOf: url, encoding: .utf8)
    #expect(onDisk == generated, "docs/commands.md is stale: run make docs")
  }

  /// Every command of the table is in the doc with its count rule.
  @Test func everyCommandIsListed() throws {
    let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/commands.md"), encoding: .utf8)
    for spec in CommandTable.all {
      #expect(doc.contains("| `\(spec.usage.replacingOccurrences(of: "|", with: "\\|"))`"), "\(spec.name) missing")
    }
  }
}
