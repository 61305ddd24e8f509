import Glibc
import PanopticModel
import SystemPackage

/// The one question panoptty asks before the editor starts (recover a
/// crash journal?), answered on one key.
extension Console {
  /// A yes/no answer, or the user's Ctrl-C.
  public enum Answer: Sendable, Equatable {
    case yes, no, interrupted
  }

  /// Asks a yes/no question answered by one key, as vim's swap-file prompt
  /// is: `y` or Enter says yes, `n` says no, and nothing waits for a line.
  /// Keys typed on after the answer, as `yes⏎` or `y⏎` out of the habit of
  /// line prompts, are dropped until the keyboard has been still for a
  /// quarter second (or an Enter ends them): the editor that opens next
  /// would take Enter as "apply the tool". Signals are off while it waits
  /// (Ctrl-C answers `.interrupted`), so no key can leave the terminal
  /// without echo. The question goes to standard output, the terminal the
  /// editor draws on, even when standard error is a log file. End of input
  /// (Ctrl-D) answers yes: recovering loses nothing. Off a terminal a line
  /// is read from standard input instead.
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
    let say = { (text: String) in try? SystemCall.writeAll(FileDescriptor.standardOutput, Array(text.utf8)) }
    say(question)
    while true {
      guard let byte = readByte(timeoutMs: -1) else { return .yes }
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
        return .interrupted
      default:
        // One hint per key, not per byte: an arrow is three bytes, é two.
        while readByte(timeoutMs: 30) != nil {}
        say("\n(y or Enter: yes, n: no, Ctrl-C: stop) ")
      }
    }
  }

  /// One byte of standard input within `timeoutMs` (-1: wait), nil on
  /// timeout or end of input.
  private static func readByte(timeoutMs: Int32) -> UInt8? {
    var wait = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&wait, 1, timeoutMs) > 0 else { return nil }
    var byte: UInt8 = 0
    let n = (try? SystemCall.run { try withUnsafeMutableBytes(of: &byte) { try FileDescriptor.standardInput.read(into: $0) } }) ?? 0
    return n == 1 ? byte : nil
  }

  /// Drops keys typed on after an answer: until 250 ms pass without one,
  /// an Enter ends them, or two seconds are up.
  private static func dropTypeahead() {
    for _ in 0..<64 {
      guard let byte = readByte(timeoutMs: 250) else { break }
      if byte == 10 || byte == 13 { break }
    }
    _ = tcflush(STDIN_FILENO, TCIFLUSH)
  }
}
