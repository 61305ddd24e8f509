/// What the executable sets up before it parses its command line and before any worker
/// thread exists.
public enum ProcessStart {
  public static func prepare() {
    SignalWatcher.writesFailInsteadOfKilling()
    // Read while the process has one thread: the fallback way of reading it changes it.
    _ = SystemCall.umask()
  }
}
