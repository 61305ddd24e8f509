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

  public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
  public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// The command line after the program's name, with the bytes of a name that are not UTF-8
  /// kept (see `FileNameBytes`); `CommandLine.arguments` turns them into U+FFFD.
  public static var arguments: [String] {
    (1..<Int(CommandLine.argc)).compactMap { i in CommandLine.unsafeArgv[i].map { SystemCall.name($0) } }
  }

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
