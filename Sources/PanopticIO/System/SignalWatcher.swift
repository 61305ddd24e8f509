import Glibc
import Synchronization

/// The last signal that asked the editor to stop (0 = none). Written by the
/// signal handler, read by the loop: an atomic store is async-signal-safe.
private let pendingStopSignal = Atomic<Int32>(0)

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the editor loop polls, so
/// the loop can sync the journal and restore the terminal before exiting.
/// Ctrl-\ (SIGQUIT) is ignored, as full-screen editors do: one stray key
/// must not end a labelling session.
public enum SignalWatcher {
  public static func install() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in pendingStopSignal.store(s, ordering: .relaxed) }
    }
    signal(SIGQUIT, SIG_IGN)
  }

  public static func pending() -> Int32 { pendingStopSignal.load(ordering: .relaxed) }

  /// Takes a pending Ctrl-C (SIGINT) back: on the `:` line it only leaves the line, as the
  /// keymap says, and must not end the session. SIGTERM and SIGHUP are never taken back.
  public static func takeInterrupt() -> Bool {
    pendingStopSignal.compareExchange(expected: SIGINT, desired: 0, ordering: .relaxed).exchanged
  }

  /// A file-size limit (`ulimit -f`) makes the write that crosses it fail
  /// with EFBIG, which the save reports in one line (and cleans its
  /// temporary file), instead of killing the process with SIGXFSZ.
  public static func writesFailInsteadOfKilling() {
    signal(SIGXFSZ, SIG_IGN)
  }
}
