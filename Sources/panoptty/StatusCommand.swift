import ArgumentParser
import PanopticApp
import PanopticIO

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "How far a folder of photos is: labelled, done, skipped, in review, being edited now.",
    discussion: """
      Reads the label files beside the photos, panoptty-status.tsv (written by
      `mark` in the editor's dataset mode) and the live editor locks.
      Examples:
        panoptty status photos/
        panoptty status photos/ --list --shard 3/8
      """)

  @Argument(help: "The folder of photos.", completion: .directory) var folder: String
  @Flag(help: "One line per image: name, labels, state, who, when, who edits it now.") var list = false
  @Option(help: "Only every N-th photo from the K-th (K/N).") var shard: String?

  func run() throws {
    let part = try shard.map { text throws -> Shard in
      guard let s = Shard(text) else { throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 3/8") }
      return s
    }
    for line in try DatasetReport.lines(try Dataset(folder: folder, shard: part), list: list) { Console.print(line) }
  }
}
