import Glibc
import PanopticModel
import SystemPackage

/// The process's standard streams: the one place panoptty prints, so every
/// line is written whole (EINTR and short writes handled) and text that came
/// from files or names can be made safe for a terminal in one place.
public enum Console {
  /// Writes bytes to standard output.
  /// A full disk or a broken device behind standard output ends the
  /// command with one line saying so; a closed pipe (`| head`) is the
  /// reader's choice and stays quiet.
  public static func write(_ bytes: [UInt8]) {
    do {
      try SystemCall.writeAll(FileDescriptor.standardOutput, bytes)
    } catch .os(let f) where f.code != EPIPE {
      printError("panoptty: cannot write standard output: \(String(cString: strerror(f.code)))")
      exit(1)
    } catch {}
  }

  /// Prints a line on standard output.
  public static func print(_ line: String) { write(Array((line + "\n").utf8)) }

  /// Prints one line on standard error; control characters (from file
  /// names, say) are escaped so the line stays one line and inert.
  public static func printError(_ line: String) {
    try? SystemCall.writeAll(FileDescriptor.standardError, Array((line.escapingControlCharacters + "\n").utf8))
  }

  /// Asks a question on standard error and reads one line of answer from
  /// standard input (nil at end of input).
  public static func ask(_ question: String) -> String? {
    try? SystemCall.writeAll(FileDescriptor.standardError, Array(question.utf8))
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let n = (try? SystemCall.run { try withUnsafeMutableBytes(of: &byte) { try FileDescriptor.standardInput.read(into: $0) } }) ?? 0
      if n == 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
      if byte == 10 { return String(decoding: line, as: UTF8.self) }
      line.append(byte)
    }
  }

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

  public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
  public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// The process environment, read once.
  public static let environment: [String: String] = {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
      let s = String(cString: entry)
      if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
      p += 1
    }
    return env
  }()
}
