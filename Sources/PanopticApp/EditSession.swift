import PanopticEditor
import PanopticIO
import PanopticModel
import PanopticRender

/// One label file being edited: where it came from, how to write it back,
/// its lock and crash journal, and the save policy. The terminal loop and
/// the script runner share it, so both save, journal and refuse the same way.
public final class EditSession {
  /// A script refused by a held lock: it can wait, or save a copy elsewhere.
  public static let scriptBusyHint = "run the script once that editor has quit, or add --read-only and w PATH to save a copy"
  /// `--recover-to` reads the journal the holder may still be writing: only after it is done.
  public static let recoverToBusyHint = "run --recover-to once it is done (the journal is its to write until then)"

  public let imagePath: String
  public let labelPath: String
  public let photo: RGBImage
  public let catalog: ClassCatalog
  public let format: LabelFormat
  public let offsetFormat: OffsetFormat?
  /// The class-major parameters (divisor, void) a save writes with.
  public let classMajor: ClassMajorFormat?
  public let annotations: String?
  public let isNew: Bool
  public let readOnly: Bool
  /// How the file numbers its labels (for the status line).
  public internal(set) var fileIDs: FileIDScheme
  /// The label file as opened or last saved; saving over another version needs w!.
  public internal(set) var baseIdentity: FileIdentity?
  /// Where the label path led when it was opened (a symlink's target, absolute): a save
  /// goes there or nowhere, `w!` included. A link swapped in meanwhile aimed a `w!` at
  /// whatever it pointed to (a stranger's test overwrote /etc/passwd with a PNG).
  let openedTarget: String
  /// The format the labels were read in when panoptty cannot write it back (panopticapi's
  /// 2-channel PNGs): edits go to a copy in another format, never over the file.
  public internal(set) var readOnlyFormat: LabelFormat?
  /// The label file a path leads to now: its symlink followed, its folder's symlinks resolved.
  static func realTarget(of path: String) -> String {
    FileNames.canonical((try? AtomicFile.resolvedTarget(path)) ?? path)
  }
  /// The photo's identity: no save may replace it.
  let imageIdentity: FileIdentity?
  var lock: FileLock?
  var journal: EditJournal?
  /// Journal events not yet written (a full disk): kept until they are.
  var journalBacklog: [JournalEvent] = []
  /// Undo history at the last save, written first into a new journal.
  var savedHistory: [JournalEvent] = []
  /// The journal as `recoveryDecision` read it, for `apply` to replay without reading (and
  /// checking) every record again; the editor's lock keeps the file as it was in between.
  var decidedRecovery: EditJournal.Recovery?
  /// COCO: the image's `image_id` and `images` entry as opened; a copy (`w PATH`) keeps them,
  /// so the copy's JSON describes the same image and pairs with the dataset's (`eval`).
  var cocoImage: (id: COCOImageID, entry: COCOImage?)?
  /// The labels as opened, handed to the editor once.
  private var initialLabels: LabelMap?
  /// `--reference FILE`: another label file of the photo, shown on a toggle.
  public private(set) var reference: ReferenceLabels?
  /// The reference file's identity: it is read only, so no save may replace it.
  var referenceIdentity: FileIdentity?

  /// Opens the photo and its labels (creating empty ones when the label file
  /// does not exist yet) and takes the lock unless `readOnly`.
  /// `busyHint`: what to do instead when another editor holds the labels
  /// (a script cannot "look" read-only the way a person can).
  public init(
    image: String, labels labelPath: String, options: LabelFileOptions, readOnly: Bool,
    busyHint: String = FileLock.editorHint
  ) throws(AppFailure) {
    openedTarget = Self.realTarget(of: labelPath)
    imagePath = image
    self.labelPath = labelPath
    self.readOnly = readOnly
    // A label file panoptty wrote, opened as the photo, would be painted on as a picture and
    // its labels saved beside it as NAME_labels.png: say which argument it is instead.
    if !Folders.isStream(image), let header = try? PNGCodec.readHeader(path: image, limits: options.limits),
      !header.text.isEmpty, (try? FormatTag.parse(header.text)) != nil
    {
      throw AppFailure(
        "\(image): a label file (it carries panoptty's format tag), not a photo; open the photo it labels: panoptty edit PHOTO --labels \(image)",
        status: ExitStatus.usage)
    }
    do {
      photo = try ImageFile.readRGB(path: image, limits: options.limits)
    } catch {
      throw AppFailure(error, file: image)
    }
    imageIdentity = FileIdentity.of(image)
    // A FIFO or device at the label path would block the read or be
    // replaced by the first save: the editor edits files only.
    if let st = FileStatus.of(labelPath), !st.isRegular {
      throw AppFailure(
        "\(labelPath): \(st.isDirectory ? "is a folder" : "is not a regular file (a FIFO or a device)"); the editor edits label files only")
    }
    // Locked before the labels are read: a second editor (or script) that read them first and
    // locked after the first one's save would save over it with the old pixels.
    if !readOnly {
      do {
        lock = try FileLock(labelPath: labelPath, busyHint: busyHint)
      } catch {
        throw AppFailure(error, naming: labelPath)
      }
    }
    if FileIdentity.of(labelPath) != nil {
      let loaded = try LabelLoader.load(labelPath, options: options)
      let map = loaded.decoded.map
      guard map.width == photo.width && map.height == photo.height else {
        throw AppFailure("\(labelPath): the labels are \(map.width)×\(map.height) but \(image) is \(photo.width)×\(photo.height)")
      }
      initialLabels = map
      catalog = loaded.decoded.catalog
      // The 2-channel variant is read only: edits are saved as COCO, into a copy.
      format = loaded.decoded.format == .coco2ch ? .coco : loaded.decoded.format
      readOnlyFormat = loaded.decoded.format == .coco2ch ? .coco2ch : nil
      offsetFormat = loaded.offsetFormat
      classMajor = loaded.classMajor
      annotations = loaded.annotationsPath ?? options.annotations
      fileIDs = loaded.fileIDs
      cocoImage = loaded.cocoImage
      isNew = false
      baseIdentity = FileIdentity.of(labelPath)
    } else {
      do throws(PanopticError) {
        (format, catalog) = try NewLabelFile.format(path: labelPath, options: options)
        guard format.canWrite else {
          throw PanopticError.usage("\(labelPath): \(format.rawValue) is read only, so a new file cannot be one; use offset, coco, cityscapes or a class-major format")
        }
        let fmt = OffsetFormat(catalog: catalog, offset: options.offset ?? 1000, voidClass: options.voidClass)
        if format == .offset { try fmt.check(catalog: catalog) }
        offsetFormat = format == .offset ? fmt : nil
        if let preset = ClassMajorFormat.Preset(rawValue: format.rawValue) {
          let cm = ClassMajorFormat(preset: preset, catalog: catalog, divisor: options.divisor, voidClass: options.voidClass)
          try cm.check(catalog: catalog)
          classMajor = cm
        } else {
          classMajor = nil
        }
      } catch {
        throw AppFailure(error)
      }
      initialLabels = LabelMap(width: photo.width, height: photo.height)
      annotations = options.annotations
      fileIDs = FileIDScheme(format: format, offset: offsetFormat)
      isNew = true
      baseIdentity = nil
    }
  }

  /// Hands the labels to a new editor state. The session lets go of its
  /// copy, so the first edit does not duplicate a 33 MB map (copy-on-write).
  public func makeState(keymap: Keymap, columns: Int, rows: Int, colorMode: ColorMode, unicode: Bool) -> EditorState {
    let map = initialLabels ?? LabelMap(width: photo.width, height: photo.height)
    initialLabels = nil
    var s = EditorState(
      labels: map, image: photo, catalog: catalog, keymap: keymap, columns: columns, rows: rows,
      colorMode: colorMode, unicode: unicode, fileName: FileNames.lastComponent(labelPath).escapingControlCharacters, fileIDs: fileIDs)
    s.isReadOnly = readOnly
    if isNew { s.didSave("new label file \(labelPath) (\(format.rawValue)); ? shows the keys") }
    // Sizes were checked when the reference was read.
    if let reference { try? s.attach(reference: reference) }
    return s
  }

  /// Reads `path` (any format panoptty reads, with the same options) as the
  /// reference: a second label file of the same photo.
  public func loadReference(_ path: String, options: LabelFileOptions) throws(AppFailure) {
    let loaded = try LabelLoader.load(path, options: options)
    let map = loaded.decoded.map
    guard map.width == photo.width && map.height == photo.height else {
      throw AppFailure("\(path): the reference labels are \(map.width)×\(map.height) but \(imagePath) is \(photo.width)×\(photo.height)")
    }
    reference = ReferenceLabels(map: map, catalog: loaded.decoded.catalog, name: FileNames.lastComponent(path))
    referenceIdentity = FileIdentity.of(path)
  }

  /// A clean end: the journal and the lock go.
  public func finish() {
    journal?.remove()
    journal = nil
    if !readOnly { try? EditJournal.discard(labelPath: openedTarget) }
    lock?.release()
    lock = nil
  }

  /// An end that keeps the journal (a signal, a lost terminal): it is synced
  /// so the next `panoptty edit` finds every edit.
  public func abandon() {
    try? journal?.syncIfDue(force: true)
    lock?.release()
    lock = nil
  }
}
