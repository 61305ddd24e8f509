import PanopticModel
import SystemPackage

/// A whole file's bytes for the COCO JSON engine, which works on an
/// `UnsafeRawBufferPointer` and keeps nothing.
///
/// A regular file is memory-mapped, not read: with a sidecar index an `info`
/// touches only the pages of one entry, and a save streams the unchanged
/// 200 MB straight from the page cache into the new file. A FIFO or pipe is
/// read into memory under a limit (it cannot be mapped, and must not make us
/// allocate without bound). Anything else — a device such as `/dev/zero`, a
/// socket — is refused in one line: mapping `/dev/zero` would "succeed" as an
/// endless file of zeros.
final class MappedFile {
  let bytes: UnsafeRawBufferPointer
  /// The file's status when it was opened (nil for a stream).
  let status: FileStatus?
  private let base: UnsafeMutableRawPointer?
  private let isMapped: Bool

  /// Opens and maps (or reads) `path`.
  static func open(_ path: String, maxStreamBytes: Int) throws(PanopticError) -> MappedFile {
    let fd = try SystemCall.open(path, .readOnly)
    defer { SystemCall.close(fd) }
    let stat = try SystemCall.run { try fd.stat() }
    let status = FileStatus(stat)
    if status.isDirectory { throw .io("is a folder, not a file") }
    if stat.type == .fifo || stat.type == .socket {
      return MappedFile(copying: try SystemCall.readAll(fd, limit: maxStreamBytes))
    }
    guard status.isRegular else { throw .io("not a regular file (a device or special file); give a JSON file") }
    let size = Int(status.identity.size)
    guard size > 0 else { return MappedFile(base: nil, count: 0, status: status, mapped: false) }
    let base = try SystemCall.mapReadOnly(fd, length: size)
    return MappedFile(base: base, count: size, status: status, mapped: true)
  }

  /// Bytes already in memory (a stream that was read, a test).
  convenience init(copying source: [UInt8]) {
    guard !source.isEmpty else {
      self.init(base: nil, count: 0, status: nil, mapped: false)
      return
    }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 16)
    source.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: source.count) }
    self.init(base: memory, count: source.count, status: nil, mapped: false)
  }

  private init(base: UnsafeMutableRawPointer?, count: Int, status: FileStatus?, mapped: Bool) {
    self.base = base
    self.bytes = UnsafeRawBufferPointer(start: base, count: count)
    self.status = status
    self.isMapped = mapped
  }

  /// Modification time as (seconds, nanoseconds), for the index fingerprint;
  /// zero for a stream (whose index is never stored).
  var modified: (seconds: Int64, nanoseconds: Int64) {
    guard let ns = status?.identity.mtimeNanoseconds else { return (0, 0) }
    return (ns / 1_000_000_000, ns % 1_000_000_000)
  }

  /// Lets go of the mapped pages before `offset` (whole pages only). Called
  /// behind a front-to-back scan or copy; the bytes stay readable.
  func dropPages(before offset: Int) {
    guard isMapped, let base else { return }
    let page = SystemCall.pageSize
    SystemCall.dropPages(base, length: (min(offset, bytes.count) / page) * page)
  }

  deinit {
    guard let base else { return }
    if isMapped {
      SystemCall.unmap(base, length: bytes.count)
    } else {
      base.deallocate()
    }
  }
}
