import Foundation
import Glibc
import SystemPackage

/// What batch commands (`eval`) need from the process besides whole lines:
/// whether standard error is a terminal (a progress line is drawn only
/// there), a way to redraw that line in place, and how many CPUs there are.
extension Console {
  public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Writes text to standard error as it is (no newline added; `\r` and the
  /// erase-line escape pass through), for a progress line. Names in it must
  /// already be safe for a terminal.
  public static func writeErrorRaw(_ text: String) {
    try? SystemCall.writeAll(FileDescriptor.standardError, Array(text.utf8))
  }

  /// The number of online CPUs, as Python's `os.cpu_count()` and therefore
  /// `multiprocessing.cpu_count()` report it on Linux (not limited by
  /// affinity or cgroups) — the number of worker processes `pq_compute`
  /// starts, which decides its order of summation.
  public static var onlineProcessorCount: Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }

  /// The CPUs this process may use (affinity and cgroup quota), for the
  /// default number of threads.
  public static var usableProcessorCount: Int {
    max(1, ProcessInfo.processInfo.activeProcessorCount)
  }
}
