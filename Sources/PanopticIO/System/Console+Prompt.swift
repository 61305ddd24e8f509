import Glibc
import PanopticModel
import Synchronization
import SystemPackage

/// Set by SIGCONT while the question waits: the shell that resumed a
/// stopped panoptty (`kill -TSTP`, then `fg`) put its own terminal modes
/// back, so the one-key mode and the question are set up again.
private let resumedDuringQuestion = Atomic<Bool>(false)

/// The one question panoptty asks before the editor starts (recover a
/// crash journal?), answered on one key.
extension Console {
  /// A yes/no answer, or the signal that stopped the question (Ctrl-C is
  /// SIGINT; SIGTERM and SIGHUP from outside).
  public enum Answer: Sendable, Equatable {
    case yes, no
    case interrupted(signal: Int32)
  }

  /// Asks a yes/no question answered by one key, as vim's swap-file prompt
  /// is: `y` or Enter says yes, `n` says no, and nothing waits for a line.
  /// Keys typed on after the answer (`yes⏎`, `y⏎` out of the habit of line
  /// prompts, a held Enter) are dropped until the keyboard has been still
  /// for a quarter second: the editor that opens next would take Enter as
  /// "apply the tool". Signals from keys are off while it waits (Ctrl-C
  /// answers `.interrupted`), and SIGINT, SIGTERM and SIGHUP from outside
  /// (through `SignalWatcher`, which the caller installs) end the wait the
  /// same way, so the terminal's modes are always put back. The question
  /// goes to standard output, the terminal the editor draws on, even when
  /// standard error is a log file. End of input (Ctrl-D) answers yes:
  /// recovering loses nothing. Off a terminal a line is read instead.
  public static func askYesNo(_ question: String) -> Answer {
    var saved = termios()
    guard stdinIsTerminal, tcgetattr(STDIN_FILENO, &saved) == 0 else {
      guard let line = ask(question) else { return .yes }
      let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
      return answer.isEmpty || answer.hasPrefix("y") ? .yes : .no
    }
    var oneKey = saved
    oneKey.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    withUnsafeMutableBytes(of: &oneKey.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &oneKey)
    defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    resumedDuringQuestion.store(false, ordering: .relaxed)
    let before = signal(SIGCONT) { _ in resumedDuringQuestion.store(true, ordering: .relaxed) }
    defer { signal(SIGCONT, before) }
    let say = { (text: String) in try? SystemCall.writeAll(FileDescriptor.standardOutput, Array(text.utf8)) }
    say(question)
    while true {
      let byte: UInt8
      switch readByte(timeoutMs: -1) {
      case .byte(let b): byte = b
      case .endOfInput: return .yes
      case .timeout, .interrupted:
        let sig = SignalWatcher.pending()
        if sig != 0 {
          say("\n")
          return .interrupted(signal: sig)
        }
        if resumedDuringQuestion.exchange(false, ordering: .relaxed) {
          _ = tcsetattr(STDIN_FILENO, TCSANOW, &oneKey)
          say("\n" + question)
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "y"), UInt8(ascii: "Y"), 10, 13, 4:
        say("yes\n")
        dropTypeahead()
        return .yes
      case UInt8(ascii: "n"), UInt8(ascii: "N"):
        say("no\n")
        dropTypeahead()
        return .no
      case 3:  // Ctrl-C
        say("^C\n")
        return .interrupted(signal: SIGINT)
      default:
        // One hint per key, not per byte: an arrow is three bytes, é two.
        while case .byte = readByte(timeoutMs: 30) {}
        say("\n(y or Enter: yes, n: no, Ctrl-C: stop) ")
      }
    }
  }

  private enum Read {
    case byte(UInt8)
    case timeout
    /// A signal arrived (its handler ran).
    case interrupted
    case endOfInput
  }

  /// One byte of standard input within `timeoutMs` (-1: wait).
  private static func readByte(timeoutMs: Int32) -> Read {
    var wait = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    let ready = poll(&wait, 1, timeoutMs)
    if ready < 0 { return errno == EINTR ? .interrupted : .endOfInput }
    if ready == 0 { return .timeout }
    var byte: UInt8 = 0
    let n = Glibc.read(STDIN_FILENO, &byte, 1)
    if n == 1 { return .byte(byte) }
    return n < 0 && errno == EINTR ? .interrupted : .endOfInput
  }

  /// Drops keys typed on after an answer, until 250 ms pass without one
  /// (ten seconds at most, for a key held down).
  private static func dropTypeahead() {
    let start = SystemCall.now()
    while case .byte = readByte(timeoutMs: 250) {
      if SystemCall.now().seconds - start.seconds > 10 { break }
    }
    _ = tcflush(STDIN_FILENO, TCIFLUSH)
  }
}
