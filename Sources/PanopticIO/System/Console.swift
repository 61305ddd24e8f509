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

  /// Asks a yes/no question answered by one key, as vim's swap-file prompt
  /// is: `y` or Enter says yes, `n` says no, and nothing waits for a line.
  /// An Enter typed out of the habit of line prompts, straight after `y` or
  /// `n`, is dropped with any other typeahead of the next quarter second,
  /// because the editor that opens next would take Enter as "apply the
  /// tool". Off a terminal a line is read instead. Nil at end of input.
  public static func askYesNo(_ question: String) -> Bool? {
    var saved = termios()
    guard stdinIsTerminal, tcgetattr(STDIN_FILENO, &saved) == 0 else {
      guard let line = ask(question) else { return nil }
      let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
      return answer.isEmpty || answer.hasPrefix("y")
    }
    var oneKey = saved
    oneKey.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &oneKey.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &oneKey)
    defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    try? SystemCall.writeAll(FileDescriptor.standardError, Array(question.utf8))
    while true {
      var byte: UInt8 = 0
      let n = (try? SystemCall.run { try withUnsafeMutableBytes(of: &byte) { try FileDescriptor.standardInput.read(into: $0) } }) ?? 0
      if n == 0 || byte == 4 {  // end of input, or Ctrl-D
        try? SystemCall.writeAll(FileDescriptor.standardError, Array("\n".utf8))
        return nil
      }
      let answer: Bool?
      switch byte {
      case UInt8(ascii: "y"), UInt8(ascii: "Y"), 10, 13: answer = true
      case UInt8(ascii: "n"), UInt8(ascii: "N"): answer = false
      default: answer = nil
      }
      guard let answer else {
        try? SystemCall.writeAll(FileDescriptor.standardError, Array("\n(y or Enter: yes, n: no) ".utf8))
        continue
      }
      try? SystemCall.writeAll(FileDescriptor.standardError, Array((answer ? "yes\n" : "no\n").utf8))
      var wait = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      _ = poll(&wait, 1, 250)
      _ = tcflush(STDIN_FILENO, TCIFLUSH)
      return answer
    }
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
