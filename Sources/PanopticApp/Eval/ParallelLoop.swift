import Foundation

/// Runs `body(i)` for every i in `0..<count` on `threads` threads (the
/// calling one included). Items are handed out in ascending order, one at a
/// time, so a failure at item k lets every thread skip the items after k
/// while the ones before it still finish.
enum ParallelLoop {
  /// `body` returns false to stop handing out items past this one.
  static func run(count: Int, threads: Int, body: @escaping @Sendable (Int) -> Bool) {
    let state = SharedState(count: count)
    let workers = max(1, min(threads, count))
    let work: @Sendable () -> Void = {
      while let index = state.next() {
        if !body(index) { state.stop(after: index) }
      }
    }
    let latch = Latch(count: workers - 1)
    for _ in 0..<(workers - 1) {
      let thread = Thread {
        work()
        latch.countDown()
      }
      thread.stackSize = 1 << 22
      thread.start()
    }
    work()
    latch.wait()
  }

  private final class Latch: @unchecked Sendable {
    private let condition = NSCondition()
    private var remaining: Int

    init(count: Int) { remaining = count }

    func countDown() {
      condition.lock()
      remaining -= 1
      condition.signal()
      condition.unlock()
    }

    func wait() {
      condition.lock()
      while remaining > 0 { condition.wait() }
      condition.unlock()
    }
  }

  private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var end: Int

    init(count: Int) { end = count }

    func next() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard nextIndex < end else { return nil }
      nextIndex += 1
      return nextIndex - 1
    }

    func stop(after index: Int) {
      lock.lock()
      end = min(end, index + 1)
      lock.unlock()
    }
  }
}

/// Slots written by one thread each and read after all threads finished.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: T) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [T?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
