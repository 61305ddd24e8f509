import ArgumentParser
import PanopticApp
import PanopticIO

extension Shard: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

/// Options every command that takes many files shares.
struct BatchOptions: ParsableArguments {
  @Option(name: .customShort("j"), parsing: .unconditional, help: "Files worked on at once (default: the usable CPUs).") var jobs: Int?
  @Option(
    parsing: .unconditional,
    help: "Only every N-th file from the K-th (1-based, after folders are expanded), e.g. 3/8: one share of N machines'.",
    transform: { text in
      guard let s = Shard(text) else { throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 3/8") }
      return s
    })
  var shard: Shard?

  func validate() throws {
    if let jobs, !(1...1024).contains(jobs) { throw ValidationError("-j must be from 1 to 1024") }
  }

  /// Threads, shard, and a progress line when stderr is a terminal.
  func settings(label: String) -> BatchSettings {
    BatchSettings(
      threads: jobs ?? Console.usableProcessorCount, shard: shard,
      progress: Console.stderrIsTerminal ? ProgressLine(label: label) : nil)
  }
}
