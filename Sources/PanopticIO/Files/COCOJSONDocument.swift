import PanopticModel
import SystemPackage

/// One COCO JSON as the engine sees it: the file's bytes (mapped) and the
/// byte-range index of its entries.
///
/// The index comes from the sidecar `.NAME.json.panoptty-index` when that
/// was written for exactly these bytes (size, mtime, checksum of both ends:
/// `JSONFileFingerprint`), else from one validating scan, after which a
/// sidecar is stored for big files. The sidecar is a cache, never an
/// authority: every entry read or replaced is re-verified against the JSON
/// by the engine, and when that check fails the index is rebuilt by a scan
/// (`withFreshIndex`). Failing to store a sidecar (a read-only folder) is
/// not an error; small files get none (a scan of a few MB costs less than
/// reading one, and a folder of small JSONs stays free of extra files).
final class COCOJSONDocument {
  /// Files smaller than this are scanned every time and get no sidecar.
  static let sidecarMinimumBytes = 4 << 20

  /// The path the user gave (for messages) and the file really read.
  let path: String
  let file: MappedFile
  private(set) var index: COCOIndex
  /// Whether `index` came from the sidecar (true) or from a scan of these bytes.
  private(set) var indexFromSidecar: Bool

  var bytes: UnsafeRawBufferPointer { file.bytes }

  /// Maps `path` and indexes it. Errors are the engine's, in panoptty's words.
  init(path: String, maxStreamBytes: Int) throws(PanopticError) {
    self.path = path
    file = try MappedFile.open(path, maxStreamBytes: maxStreamBytes)
    let cached = Self.loadSidecar(for: file, jsonPath: path)
    if let cached {
      index = cached
      indexFromSidecar = true
    } else {
      index = try Self.scan(file)
      indexFromSidecar = false
      Self.storeSidecar(index, for: file, jsonPath: path)
    }
  }

  /// A document of bytes already in memory (a stream, the fuzzer, tests).
  init(bytes: [UInt8], path: String) throws(PanopticError) {
    self.path = path
    file = MappedFile(copying: bytes)
    index = try Self.scan(file)
    indexFromSidecar = false
  }

  /// Runs `body` with the index; if the engine finds the index does not
  /// describe the bytes (`staleIndex`, `corruptIndex`: a sidecar that lied),
  /// rebuilds it by a scan and runs `body` once more.
  func withFreshIndex<T>(_ body: (COCOIndex, UnsafeRawBufferPointer) throws(COCOJSONError) -> T) throws(PanopticError)
    -> T
  {
    do {
      return try body(index, bytes)
    } catch {
      switch error {
      case .staleIndex where indexFromSidecar, .corruptIndex where indexFromSidecar:
        index = try Self.scan(file)
        indexFromSidecar = false
        Self.storeSidecar(index, for: file, jsonPath: path)
        do {
          return try body(index, bytes)
        } catch {
          throw error.panopticError
        }
      default:
        throw error.panopticError
      }
    }
  }

  // MARK: - Sidecar

  /// `.NAME.json.panoptty-index` beside the real file (a symlinked JSON's
  /// index sits beside its target).
  static func sidecarPath(for jsonPath: String) -> String {
    FileNames.sidecar(of: (try? AtomicFile.resolvedTarget(jsonPath)) ?? jsonPath, suffix: ".panoptty-index")
  }

  /// The fingerprint of a mapped regular file; nil for a stream.
  static func fingerprint(of file: MappedFile) -> JSONFileFingerprint? {
    guard file.status != nil else { return nil }
    let (seconds, nanoseconds) = file.modified
    return JSONFileFingerprint(of: file.bytes, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds)
  }

  /// The stored index, if there is one for exactly these bytes.
  static func loadSidecar(for file: MappedFile, jsonPath: String) -> COCOIndex? {
    guard file.bytes.count >= sidecarMinimumBytes, let fingerprint = fingerprint(of: file) else { return nil }
    let path = sidecarPath(for: jsonPath)
    guard let fd = try? SystemCall.open(path, .readOnly, options: [.noFollow, .nonBlocking]) else { return nil }
    defer { SystemCall.close(fd) }
    guard let st = try? SystemCall.fstat(fd), st.isRegular,
      let stored = try? SystemCall.readAll(fd, limit: file.bytes.count / 4 + (1 << 20))
    else { return nil }
    return try? COCOIndexSidecar.decode(stored, expecting: fingerprint)
  }

  /// Stores `index` as the sidecar of `file` (big regular files only), or
  /// removes a sidecar that a now small file left behind. Never throws.
  static func storeSidecar(_ index: COCOIndex, for file: MappedFile, jsonPath: String) {
    let path = sidecarPath(for: jsonPath)
    guard file.bytes.count >= sidecarMinimumBytes, let fingerprint = fingerprint(of: file) else {
      removeSidecar(jsonPath: jsonPath)
      return
    }
    let encoded = COCOIndexSidecar.encode(index, fingerprint: fingerprint)
    // Staged and renamed onto the name itself: a symlink planted there is
    // replaced, never written through.
    guard
      let staged = try? StagedFile.create(for: path, existing: nil, { (fd) throws(PanopticError) in
        try SystemCall.writeAll(fd, encoded)
      })
    else { return }
    do {
      try SystemCall.rename(staged.temporary, path)
      staged.close()
    } catch {
      staged.discard()
    }
  }

  /// Removes the sidecar of `jsonPath` if there is one (a plain file only).
  static func removeSidecar(jsonPath: String) {
    let path = sidecarPath(for: jsonPath)
    if let st = try? SystemCall.stat(path, followSymlinks: false), st.isRegular { try? SystemCall.unlink(path) }
  }

  /// One validating scan, letting go of the pages behind it as it goes so
  /// the peak RSS stays near the index's own size.
  static func scan(_ file: MappedFile) throws(PanopticError) -> COCOIndex {
    do {
      let index = try COCOIndex.build(file.bytes, progressInterval: 1 << 24) { offset in
        file.dropPages(before: offset - (1 << 20))
      }
      file.dropPages(before: file.bytes.count)
      return index
    } catch {
      throw error.panopticError
    }
  }
}
