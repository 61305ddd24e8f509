import PanopticModel
import Synchronization
import SystemPackage

/// A file opened for reading: a regular file stays an open descriptor (the
/// decoders seek in it); anything else (a FIFO, a pipe, a device) is read
/// into memory up to a limit first, so a decoder's size checks see the
/// whole input and a stream can never make it allocate without bound.
enum InputFile {
  case descriptor(FileDescriptor, size: Int64)
  case bytes([UInt8])

  /// Opens `path` for reading. A folder is refused in words a user knows.
  /// `-` is standard input, read once and kept, so a header read and the
  /// full read that follows (as `view` does) see the same bytes.
  static func open(_ path: String, maxStreamBytes: Int, magic: [[UInt8]] = []) throws(PanopticError) -> InputFile {
    if path == standardInputName { return .bytes(try readStandardInput(limit: maxStreamBytes)) }
    let fd = try SystemCall.open(path, .readOnly)
    do throws(PanopticError) {
      let st = try SystemCall.fstat(fd)
      if st.isDirectory { throw PanopticError.io("is a folder, not a file") }
      if st.isRegular { return .descriptor(fd, size: st.identity.size) }
      defer { SystemCall.close(fd) }
      return .bytes(try SystemCall.readAll(fd, limit: maxStreamBytes, magic: magic))
    } catch {
      SystemCall.close(fd)
      throw error
    }
  }

  /// The name that means standard input (and, for writes, standard output).
  public static let standardInputName = "-"

  private static let standardInput = Mutex<[UInt8]?>(nil)

  /// Standard input's bytes, read on first use under `limit`.
  static func readStandardInput(limit: Int) throws(PanopticError) -> [UInt8] {
    try standardInput.withLock { (cached) throws(PanopticError) -> [UInt8] in
      if let cached {
        guard cached.count <= limit else { throw .tooLarge("standard input is over the decode limit; pass --no-limits") }
        return cached
      }
      let bytes = try SystemCall.readAll(FileDescriptor.standardInput, limit: limit, context: "standard input")
      cached = bytes
      return bytes
    }
  }

  /// The first bytes of standard input if it has been read (it cannot be read twice).
  static func standardInputHead(_ count: Int) -> [UInt8]? {
    standardInput.withLock { $0.map { Array($0.prefix(count)) } }
  }

  /// Runs `body` with the input, closing the descriptor afterwards.
  static func with<T>(
    _ path: String, maxStreamBytes: Int, magic: [[UInt8]] = [], _ body: (InputFile) throws(PanopticError) -> T
  ) throws(PanopticError) -> T {
    let input = try open(path, maxStreamBytes: maxStreamBytes, magic: magic)
    defer { if case .descriptor(let fd, _) = input { SystemCall.close(fd) } }
    return try body(input)
  }

  /// How many bytes the input holds.
  var byteCount: Int {
    switch self {
    case .descriptor(_, let size): return Int(clamping: size)
    case .bytes(let b): return b.count
    }
  }

  /// All the bytes, refusing more than `limit` (JPEG decodes from memory).
  func readAll(limit: Int) throws(PanopticError) -> [UInt8] {
    switch self {
    case .bytes(let b):
      guard b.count <= limit else { throw .tooLarge("the file is over the decode limit; pass --no-limits if the file is trusted") }
      return b
    case .descriptor(let fd, let size):
      guard size <= Int64(limit) else {
        throw .tooLarge("the file is \(size) bytes, over the decode limit of \(limit); pass --no-limits if the file is trusted")
      }
      return try SystemCall.readAll(fd, limit: limit)
    }
  }
}
