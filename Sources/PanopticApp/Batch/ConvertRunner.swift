import Foundation
import PanopticIO
import PanopticModel

/// `panoptty convert`: one file as always, or many files (and folders) into
/// an output folder on several threads. Into COCO, every PNG is written as
/// it is converted and the one JSON once at the end (`COCOBatchWriter`).
public enum ConvertRunner {
  public struct Request: Sendable {
    public var inputs: [String]
    public var output: String
    public var format: LabelFormat
    public var outAnnotations: String?
    public var outOffset: Int
    public var outVoid: Int?
    /// The class-major family's output divisor (nil: the preset's).
    public var outDivisor: Int?
    public var options: LabelFileOptions
    /// `--cityscapes-ids`: the category ids of Cityscapes labels written as
    /// COCO (nil: labelIds, as `createPanopticImgs` writes them).
    public var cityscapesIDs: CityscapesCategoryIDs?
    /// Another tool's format to write instead of a label map (`--to label-studio`).
    public var exchange: ExchangeFormat?
    /// Another tool's format to read instead of a label PNG (`--from`).
    public var from: ExchangeFormat?
    /// The Label Studio task to read from a many-task export (`--task`).
    public var task: Int?
    /// `--force`: write over an OUT that does not look like a label file (a COCO PNG whose
    /// JSON is gone cannot be told from a photo; the owner of both can say so).
    public var force = false

    public init(
      inputs: [String], output: String, target: ConvertTarget, from: ExchangeFormat? = nil, task: Int? = nil,
      outAnnotations: String?, outOffset: Int, outVoid: Int?, outDivisor: Int? = nil, options: LabelFileOptions,
      cityscapesIDs: CityscapesCategoryIDs? = nil
    ) {
      self.task = task
      self.outDivisor = outDivisor
      switch target {
      case .labels(let f): (format, exchange) = (f, nil)
      case .exchange(let f): (format, exchange) = (.offset, f)
      }
      (self.inputs, self.output, self.from, self.outAnnotations) = (inputs, output, from, outAnnotations)
      (self.outOffset, self.outVoid, self.options, self.cityscapesIDs) = (outOffset, outVoid, options, cityscapesIDs)
    }

    /// What `--to` named, for messages.
    public var targetName: String { exchange?.rawValue ?? format.rawValue }

    /// Many files: more than one input, a folder, a shard, or an output folder.
    /// Another tool's file goes one at a time, and a CVAT export is a folder
    /// (as input or output) that is still one image.
    public func isBatch(shard: Shard?) -> Bool {
      if inputs.count == 1 && shard == nil
        && (exchange != nil || from != nil || task != nil || Folders.isFolder(inputs[0]) && ExchangeFile.detect(inputs[0]) == .cvat)
      {
        return false
      }
      return !BatchInputs.isSingleFile(inputs, shard: shard) || (output != "-" && Folders.isFolder(output))
    }
  }

  /// Converts one file to `output`; returns the lines for stderr (notes) and
  /// the `wrote` line, which goes to stderr too when the PNG went to stdout.
  public static func single(_ r: Request) throws(AppFailure) -> (notes: [String], wrote: String, wroteToStderr: Bool) {
    try checkCityscapesIDs(r)
    let toStream = r.output == "-" || Folders.isStream(r.output)
    let (map, catalog, sourceNotes, sourceIDs, sourceJSON, sourceImage) = try source(r)
    if r.format != .coco || r.exchange != nil, !toStream {
      try refuseOverwritingListedCOCO(r.inputs[0], listedBy: sourceJSON, output: r.output)
    }
    if r.format != .coco, r.exchange == nil, !toStream { try refuseReplacingListedCOCO([r.output], as: r.format) }
    if let exchange = r.exchange {
      let (notes, wrote) = try writeExchange(map, catalog: catalog, as: exchange, r)
      return (sourceNotes + notes, wrote.escapingControlCharacters, toStream)
    }
    if toStream && r.format == .coco {
      throw AppFailure(
        "\(r.output): a COCO PNG is written with its JSON and cannot go to a stream; use --to offset or cityscapes, or a file",
        status: ExitStatus.usage)
    }
    let report = try write(
      map, catalog: catalog, from: r.inputs[0], to: r.output, r, sourceIDs: sourceIDs,
      sourceCOCO: sourceJSON == nil ? nil : sourceIDs.map { (ids: $0.ids, image: sourceImage) })
    let wrote = "wrote \(r.output) " + (report.annotationsPath.map { "(\(r.format.rawValue), annotations \($0))" } ?? report.formatSummary)
    return (sourceNotes + report.notes.map { "\(r.output): \($0)" }, wrote.escapingControlCharacters, toStream)
  }

  /// A COCO PNG converted over itself into another format would leave the JSON that lists it
  /// describing a file that no longer holds COCO ids: panopticapi (or panoptty) would misread it.
  /// `json` is the JSON the input was read with (nil: not a COCO pair). A copy of the PNG that
  /// the JSON does not describe (its PNG folder, NAME/ beside NAME.json, holds another file of
  /// that name) may be converted in place; when that folder has no such file the JSON was paired
  /// by name alone, and describes this one.
  static func refuseOverwritingListedCOCO(_ input: String, listedBy json: String?, output: String) throws(AppFailure) {
    guard let json, let a = FileIdentity.of(input), let b = FileIdentity.of(output), a.isSameFile(as: b) else { return }
    let listed = FileNames.folder(json) + "/" + FileNames.deletingExtension(FileNames.lastComponent(json)) + "/"
      + FileNames.lastComponent(input)
    if let l = FileIdentity.of(listed), !l.isSameFile(as: a) { return }
    throw AppFailure(
      "\(output): \(json) lists it as a COCO panoptic PNG, and converting it in place would leave that entry describing a file that is no longer COCO; write to another path",
      status: ExitStatus.usage)
  }

  /// A PNG that a COCO JSON lists, replaced by a file of another format, leaves that JSON
  /// describing labels that are gone, in a file that no longer holds COCO ids (a stranger's
  /// `convert e_labels.png gt/a.png --to offset` lost a.png, and `validate gt` passed). The
  /// in-place case is `refuseOverwritingListedCOCO`; this is any other input. Each JSON is read
  /// once however many destinations it lists.
  static func refuseReplacingListedCOCO(_ destinations: [String], as format: LabelFormat) throws(AppFailure) {
    var jsons: [String: COCOAnnotationsFile?] = [:]
    for d in destinations where FileStatus.of(d)?.isRegular == true && d.lowercased().hasSuffix(".png") {
      let json = COCOAnnotationsFile.impliedPath(of: d)
      if jsons[json] == nil {
        let isFile = FileStatus.of(json)?.isRegular == true
        jsons[json] = .some(isFile ? try? COCOAnnotationsFile.load(path: json) : nil)
      }
      guard let file = jsons[json] ?? nil, file.lists(d) else { continue }
      throw AppFailure(
        "\(d): \(json) lists it as a COCO panoptic PNG; written over as \(format.rawValue), its labels would be lost and that entry would describe a file that is no longer COCO; write to another path (or --to coco, which replaces it within the dataset)",
        status: ExitStatus.usage)
    }
  }

  /// A COCO batch makes a new dataset and writes over nothing: a PNG already at a
  /// destination may be an input (a batch into its own folder) or another JSON's (a
  /// symlinked folder, an earlier `--out-annotations`), and a batch stopped half way or a
  /// JSON that cannot be written would leave it rewritten with ids no JSON describes.
  /// Refused before anything is written.
  static func refuseExistingDestinations(_ destinations: [String], folder: String) throws(AppFailure) {
    let existing = destinations.filter { FileStatus.of($0) != nil }
    guard let first = existing.first else { return }
    let more = existing.count > 1 ? " and \(existing.count - 1) more exist" : " exists"
    // A finished dataset (its JSON beside it) is nothing to remove; PNGs without one may be.
    let json = COCOAnnotationsFile.siblingPath(of: folder + "/x.png")
    let hint = FileStatus.of(json) != nil
      ? "it is the PNG folder of \(json)" : "or remove \(folder) if it holds only a batch that did not finish"
    throw AppFailure(
      "\(first)\(more); a batch into COCO makes a new dataset and writes over no file: convert into a new or empty folder (\(hint))",
      status: ExitStatus.usage)
  }

  /// `sourceIDs`: the format the input was read in and its file ids, so a
  /// class-major file written back in its own format keeps its numbers.
  static func write(
    _ map: LabelMap, catalog: ClassCatalog, from input: String, to path: String, _ r: Request,
    sourceIDs: (format: LabelFormat, ids: [UInt32: Int])? = nil, sourceCOCO: COCOSource? = nil
  ) throws(AppFailure) -> LabelWriteReport {
    // An older label file is replaced; a photo or a JSON at OUT is two arguments swapped.
    if path != "-", !Folders.isStream(path), let what = NotALabelFile.kind(of: path, annotations: r.outAnnotations) {
      // --force answers the one doubt panoptty cannot settle (a colour PNG may be a COCO PNG
      // whose JSON is gone); a JPEG, a JSON or an array is never a label file.
      let ambiguous = what == NotALabelFile.untaggedColourPNG
      if !(ambiguous && r.force) {
        let hint = ambiguous ? "are IN and OUT swapped? --force writes over it anyway" : "are IN and OUT swapped?"
        throw AppFailure("\(path) is \(what), not a label file; convert does not write over it (\(hint))")
      }
    }
    // The output's parameters, checked under the names the user gave them (--out-void, not --void).
    let preset = ClassMajorFormat.Preset(rawValue: r.format.rawValue)
    let offsetFormat = OffsetFormat(catalog: catalog, offset: r.outOffset, voidClass: r.outVoid)
    let classMajor = preset.map { ClassMajorFormat(preset: $0, catalog: catalog, divisor: r.outDivisor, voidClass: r.outVoid) }
    do {
      if r.format == .offset { try offsetFormat.check(catalog: catalog, names: .output) }
      try classMajor?.check(catalog: catalog, names: .output)
    } catch {
      // A value no catalog could take or one this catalog cannot: either way the option's fault.
      throw AppFailure(error.description, status: ExitStatus.usage)
    }
    let coco = try cocoTarget(
      map, catalog: catalog, from: input, to: path, r, source: sourceCOCO,
      instanceIdsValues: sourceIDs?.format == .cityscapes ? sourceIDs?.ids ?? [:] : [:])
    // Writing over a label file someone has open in the editor would be
    // undone by their next save: take the same lock the editor takes.
    var lock: FileLock?
    if path != "-" && !Folders.isStream(path) {
      do {
        lock = try FileLock.forWritingWherePossible(path, busyHint: "convert again once it is done, or write to another path")
      } catch {
        throw AppFailure(error, file: path)
      }
    }
    defer { lock?.release() }
    do {
      // A class-major or Cityscapes file converted to its own format keeps its
      // per-class instance numbers (KITTI-STEP track ids, Cityscapes' gaps).
      // Cityscapes from COCO too: createPanopticImgs' segment ids are the instanceIds values,
      // so the way back keeps them (the table takes only those that fit the class).
      let sameFamily = sourceIDs?.format == r.format || (r.format == .cityscapes && sourceIDs?.format == .coco)
      let keeping = (preset != nil || r.format == .cityscapes) && sameFamily ? sourceIDs?.ids ?? [:] : coco?.keepingIDs ?? [:]
      var report = try LabelFile.write(
        coco?.map ?? map, catalog: coco?.catalog ?? catalog, to: path, format: r.format,
        offsetFormat: offsetFormat, annotations: r.outAnnotations,
        photo: coco?.photo, keepingIDs: keeping, imageID: coco?.imageID, classMajor: classMajor)
      report.notes += coco?.notes ?? []
      return report
    } catch {
      throw AppFailure(error, file: path)
    }
  }

  /// Converts every file into the folder `output` (created if missing),
  /// keeping names relative to the folders given (into COCO, subfolders are
  /// joined into the name with `_`: a COCO folder is flat; Cityscapes files
  /// become `X_gtFine_panoptic.png`, see `cocoName`). Returns the exit status.
  public static func batch(_ r: Request, settings: BatchSettings) throws(AppFailure) -> Int32 {
    try checkCityscapesIDs(r)
    guard r.output != "-" else { throw AppFailure("-: many files cannot be converted to standard output; name a folder", status: ExitStatus.usage) }
    if r.exchange != nil || r.from != nil {
      throw AppFailure(
        "\(r.output): --from and --to \(r.from?.rawValue ?? r.targetName) convert one file at a time: name one input and one output file",
        status: ExitStatus.usage)
    }
    let folder = r.output.hasSuffix("/") ? String(r.output.dropLast()) : r.output
    let (files, walkFailures) = BatchRunner.expand(r.inputs, shard: settings.shard, annotations: r.options.annotations)
    // The folder (and a COCO JSON) are made only when there is something to put in them: a
    // refused run leaves nothing behind.
    if !files.isEmpty {
      do {
        try Folders.create(r.output)
      } catch {
        throw AppFailure(error, file: r.output)
      }
    }
    let coco: COCOBatchWriter?
    do {
      let json = r.outAnnotations ?? COCOAnnotationsFile.siblingPath(of: folder + "/x.png")
      coco = r.format == .coco && !files.isEmpty ? try COCOBatchWriter(jsonPath: json) : nil
    } catch {
      throw AppFailure(error)
    }
    let destinations = files.map { file in
      folder + "/" + (r.format == .coco ? cocoName(file.relative) : file.relative)
    }
    if coco != nil { try refuseExistingDestinations(destinations, folder: folder) } else { try refuseReplacingListedCOCO(destinations, as: r.format) }
    // Decided before any thread starts, so the same input fails whatever -j is.
    var owner: [String: String] = [:]
    let earlier: [String?] = zip(files, destinations).map { file, d in
      if let o = owner[d] { return o }
      owner[d] = file.path
      return nil
    }
    let end: () -> BatchItem = {
      guard let coco else { return BatchItem(output: []) }
      do throws(PanopticError) {
        let n = try coco.finish()
        guard n > 0 else { return BatchItem(output: []) }
        // Two names that hash to one image_id: said, since a JSON of a subset numbers them otherwise.
        let moved = coco.moved.isEmpty ? "" : "; image_id taken, moved on: " + coco.moved.joined(separator: "; ")
        return BatchItem(output: ["wrote \(coco.jsonPath) (coco, \(n.counted("image"))\(moved))".escapingControlCharacters])
      } catch {
        return BatchItem(output: [], failure: "\(coco.jsonPath): \(error.description)".escapingControlCharacters)
      }
    }
    return BatchRunner.run(files: files, walkFailures: walkFailures, settings: settings, atEnd: end) { index, file in
      let destination = destinations[index]
      do throws(AppFailure) {
        if let first = earlier[index] {
          throw AppFailure("\(file.path): would write \(destination), which \(first) is written to; convert them separately")
        }
        let loaded = try LabelLoader.load(file.path, options: r.options)
        if let coco {
          let t = try cocoTarget(
            loaded.decoded.map, catalog: loaded.decoded.catalog, from: file.path, to: destination, r,
            source: loaded.annotationsPath.map { _ in (ids: loaded.fileIDs.knownIDs, image: loaded.cocoImage) },
            instanceIdsValues: loaded.decoded.format == .cityscapes ? loaded.fileIDs.knownIDs : [:])
          do throws(PanopticError) {
            try Folders.create(FileNames.folder(destination))
            try coco.add(
              t?.map ?? loaded.decoded.map, catalog: t?.catalog ?? loaded.decoded.catalog, pngPath: destination,
              index: index, keepingIDs: t?.keepingIDs ?? [:], imageID: t?.imageID, photoName: t?.photo)
          } catch {
            throw AppFailure(error, file: file.path + " → " + destination)
          }
          let said = (t?.notes ?? []).map { "; " + $0 }.joined()
          return BatchItem(output: ["wrote \(destination) (coco\(said))".escapingControlCharacters])
        }
        try refuseOverwritingListedCOCO(file.path, listedBy: loaded.annotationsPath, output: destination)
        do throws(PanopticError) {
          try Folders.create(FileNames.folder(destination))
        } catch {
          throw AppFailure(error, file: destination)
        }
        let report = try write(
          loaded.decoded.map, catalog: loaded.decoded.catalog, from: file.path, to: destination, r,
          sourceIDs: (loaded.decoded.format, loaded.fileIDs.knownIDs))
        let notes = report.notes.isEmpty ? "" : "; " + report.notes.joined(separator: "; ")
        let summary = String(report.formatSummary.dropLast())
        return BatchItem(output: ["wrote \(destination) \(summary)\(notes))".escapingControlCharacters])
      } catch {
        return BatchItem(output: [], failure: error.line)
      }
    }.status
  }
}
