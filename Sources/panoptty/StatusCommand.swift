import ArgumentParser
import PanopticApp
import PanopticIO

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "How far a folder of photos is: labelled, done, skipped, in review, being edited now.",
    discussion: """
      Reads the label files, panoptty-status.tsv (written by `mark` in the
      editor's dataset mode) and the live editor locks. DATASET is what
      `edit` opens: a folder of photos, a Cityscapes split or city, or a
      COCO panoptic JSON with --images.
      Examples:
        panoptty status photos/
        panoptty status photos/ --list --shard 3/8
        panoptty status cityscapes/gtFine/val
        panoptty status annotations/panoptic_val2017.json --images val2017/
      """)

  @Argument(help: "The dataset: a folder of photos, a Cityscapes split or city, or a COCO panoptic JSON.", completion: .file()) var folder: String
  @Flag(help: "One line per image: name, labels, state, who, when, who edits it now.") var list = false
  @Option(parsing: .unconditional, help: "Only every N-th photo from the K-th (K/N).") var shard: String?
  @Option(help: "With a COCO dataset JSON: the folder of its photos.", completion: .directory) var images: String?

  func run() throws {
    let part = try shard.map { text throws -> Shard in
      guard let s = Shard(text) else { throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 3/8") }
      return s
    }
    for line in try DatasetReport.lines(try Dataset.open(folder, images: images, shard: part), list: list) { Console.print(line) }
  }
}
