import Glibc
import SystemPackage

/// What `stat` says about a file, in the terms panoptty decides on.
public struct FileStatus: Sendable, Hashable {
  public var identity: FileIdentity
  public var isRegular: Bool
  public var isDirectory: Bool
  public var isSymlink: Bool
  public var mode: UInt32
  public var ownerID: UInt32
  public var groupID: UInt32
  public var linkCount: Int

  init(_ st: Stat) {
    let mtime = st.st_mtim
    identity = FileIdentity(
      device: UInt64(st.deviceID.rawValue), inode: UInt64(st.inode.rawValue), size: st.size,
      mtimeNanoseconds: Int64(mtime.tv_sec) * 1_000_000_000 + Int64(mtime.tv_nsec))
    isRegular = st.type == .regular
    isDirectory = st.type == .directory
    isSymlink = st.type == .symbolicLink
    mode = UInt32(st.permissions.rawValue)
    ownerID = st.userID.rawValue
    groupID = st.groupID.rawValue
    linkCount = st.linkCount
  }

  /// True when the file's permission bits let nobody write it (a file the
  /// owner made read-only on purpose), whoever we are.
  public var isWriteProtected: Bool { mode & 0o222 == 0 }
}

/// Which version of which file: device and inode say *which* file (so two
/// spellings of one path, a symlink and a hard link are the same file),
/// size and mtime say which version of it.
public struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int64
  public var mtimeNanoseconds: Int64

  public init(device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
  }

  /// Same file (whatever its version).
  public func isSameFile(as other: FileIdentity) -> Bool { device == other.device && inode == other.inode }

  public var description: String { "dev \(device) ino \(inode) size \(size) mtime \(mtimeNanoseconds)" }

  /// The identity of `path` now (following symlinks), nil when it does not exist.
  public static func of(_ path: String) -> FileIdentity? {
    (try? SystemCall.stat(path))??.identity
  }
}

extension FileStatus {
  /// The status of `path` (following symlinks), nil when it does not exist.
  public static func of(_ path: String) -> FileStatus? { (try? SystemCall.stat(path)) ?? nil }

  /// Why saving over `path` needs `w!`: its permission bits say nobody may
  /// write it, or we may not (a colleague's file in a shared folder, which
  /// a rename could otherwise replace). Nil when it is ours to write.
  public static func writeProtection(of path: String) -> String? {
    guard let st = of(path) else { return nil }
    let mode = String(st.mode & 0o777, radix: 8)
    if st.isWriteProtected { return "is read-only (mode \(mode))" }
    if !SystemCall.mayWrite(path) { return "is not writable by you (owner uid \(st.ownerID), mode \(mode))" }
    return nil
  }
}
