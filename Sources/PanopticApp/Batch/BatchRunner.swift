import Foundation
import PanopticIO

/// How a batch runs: threads, the shard, a progress line (stderr on a terminal only).
public struct BatchSettings: Sendable {
  public var threads: Int
  public var shard: Shard?
  public var progress: ProgressLine?

  public init(threads: Int, shard: Shard?, progress: ProgressLine?) {
    self.threads = threads
    self.shard = shard
    self.progress = progress
  }
}

/// What one file of a batch produced: lines for standard output and, when it
/// failed, the one line that says so at the end.
public struct BatchItem: Sendable {
  public var output: [String]
  public var failure: String?

  public init(output: [String], failure: String? = nil) {
    self.output = output
    self.failure = failure
  }
}

/// Runs one job per file on several threads. Each file's output is printed
/// as soon as it and every file before it are done, so the output is in
/// input order whatever `-j` is; a failure never stops the batch.
enum BatchRunner {
  /// Runs `body(index, file)` for every file, then `atEnd` (COCO's JSON); returns the exit status after
  /// printing every failure, one line each, on stderr.
  static func run(
    _ arguments: [String], settings: BatchSettings, annotations: String? = nil, walkFailureLine: ((WalkFailure) -> String)? = nil,
    atEnd: (() -> BatchItem)? = nil, body: @escaping @Sendable (Int, BatchFile) -> BatchItem
  ) -> (status: Int32, failed: Int) {
    let (files, walkFailures) = expand(arguments, shard: settings.shard, annotations: annotations)
    return run(
      files: files, walkFailures: walkFailures, settings: settings, walkFailureLine: walkFailureLine, atEnd: atEnd, body: body)
  }

  /// The files of a batch: folders expanded, then the shard taken. What the walk could not
  /// take belongs to no one shard: shard 1 reports it, so N machines do not say it N times.
  static func expand(_ arguments: [String], shard: Shard?, annotations: String? = nil) -> (files: [BatchFile], failures: [WalkFailure]) {
    let (expanded, walkFailures) = BatchInputs.expandKeepingNames(arguments, annotations: annotations)
    return (shard.map { $0.select(expanded) } ?? expanded, (shard?.index ?? 1) == 1 ? walkFailures : [])
  }

  /// `run` on files already expanded. `walkFailureLine`: the standard-output line for a
  /// walk failure (`--json`: an object like an unreadable file's), printed before the files.
  static func run(
    files: [BatchFile], walkFailures: [WalkFailure], settings: BatchSettings, walkFailureLine: ((WalkFailure) -> String)? = nil,
    atEnd: (() -> BatchItem)?, body: @escaping @Sendable (Int, BatchFile) -> BatchItem
  ) -> (status: Int32, failed: Int) {
    if let walkFailureLine { for f in walkFailures { Console.print(walkFailureLine(f)) } }
    let printer = OrderedPrinter(count: files.count, progress: settings.progress)
    let done = Counter()
    ParallelLoop.run(count: files.count, threads: settings.threads) { index in
      printer.set(index, body(index, files[index]))
      settings.progress?.update(done: done.increment(), total: files.count)
      return true
    }
    settings.progress?.finish()
    let failures = walkFailures.map(\.line) + printer.failures
    var endFailure: String?
    if let end = atEnd?() {
      for line in end.output { Console.print(line) }
      endFailure = end.failure
    }
    let status = report(failures: failures, total: files.count + walkFailures.count)
    // The end's failure (COCO's JSON) is no file's: it comes last and is not in "N of M failed".
    guard let endFailure else { return (status, failures.count) }
    Console.printError("panoptty: " + endFailure)
    return (ExitStatus.badInput, failures.count + 1)
  }

  /// Prints the failures (and, of many, how many of how many) on stderr; 1 if any.
  static func report(failures: [String], total: Int) -> Int32 {
    guard !failures.isEmpty else { return ExitStatus.success }
    for line in failures { Console.printError("panoptty: " + line) }
    if total > 1 { Console.printError("panoptty: \(failures.count) of \(total) failed") }
    return ExitStatus.badInput
  }
}

/// Prints items in index order as they become ready.
final class OrderedPrinter: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [BatchItem?]
  private var next = 0
  private let progress: ProgressLine?
  private(set) var failures: [String] = []

  init(count: Int, progress: ProgressLine?) {
    slots = Array(repeating: nil, count: count)
    self.progress = progress
  }

  func set(_ index: Int, _ item: BatchItem) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = item
    var text = ""
    while next < slots.count, let ready = slots[next] {
      for line in ready.output { text += line + "\n" }
      if let f = ready.failure { failures.append(f) }
      slots[next] = nil
      next += 1
    }
    guard !text.isEmpty else { return }
    if Console.stdoutIsTerminal { progress?.finish() }
    Console.write(Array(text.utf8))
  }
}
