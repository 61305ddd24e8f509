import PanopticModel

/// What a label PNG without panoptty's tEXt chunk is, decided from evidence
/// only (issue 12 §1, "never guess silently"): the file-name conventions of
/// other tools, the alpha channel, and values that make sense in one format
/// only. Where the evidence is missing or points two ways, the file is
/// refused with one line that names the candidates and the flag that decides.
enum UntaggedEvidence {
  static let offsetReason = "gray PNG without tEXt chunk whose values fit only the offset format"
  static let offsetFlagsReason = "gray PNG without tEXt chunk, read as offset because --offset or --void was given"
  static let noFormatFitsReason = "gray PNG without tEXt chunk, read as offset (its values fit no format)"

  /// Refuses a PNG whose alpha channel is not opaque everywhere: label ids
  /// are read from gray or RGB, so the alpha would be silently dropped.
  static func refuseTranslucent(_ pv: PixelValues, header: PNGHeader) throws(PanopticError) {
    guard pv.translucentPixels > 0 else { return }
    let kind = header.colorType == 4 ? "gray+alpha" : "RGBA"
    throw .badLabels(
      "\(kind) PNG with \(pv.translucentPixels.counted("pixel")) not fully opaque: panoptty reads label ids from gray or RGB and would drop the alpha channel (a mask?); flatten it to a gray or RGB label map first")
  }

  /// Refuses 16-bit-a-channel colour PNGs whatever the flags: every RGB
  /// label layout (COCO, 2-channel, KITTI-STEP) is 8 bits a channel, and
  /// folding 16-bit channels would keep only their high bytes (what Pillow
  /// does), silently merging ids that differ in the low byte.
  static func refuseSixteenBitColour(_ header: PNGHeader) throws(PanopticError) {
    guard header.bitDepth == 16, header.colorType == 2 || header.colorType == 6 else { return }
    throw .badLabels(
      "a 16-bit-per-channel \(header.colorType == 2 ? "RGB" : "RGBA") PNG is no label format (COCO, 2-channel and KITTI-STEP PNGs are 8-bit RGB; reading it would drop the low byte of every channel); re-save the ids as 8-bit RGB or a 16-bit gray map")
  }

  /// Refuses the Cityscapes maps that look like panoptic ones but are not:
  /// semantic labelIds and the trainId variants (cityscapesScripts' names).
  static func refuseLookalikeName(_ fileName: String) throws(PanopticError) {
    if fileName.hasSuffix("_labelIds.png") {
      throw .ambiguousFormat(
        "a Cityscapes *_labelIds.png is a semantic map (one class id a pixel, no instances), not panoptic; open the matching *_instanceIds.png (cityscapesScripts' json2instanceImg writes it), or pass --format cityscapes to read it as stuff and crowd regions")
    }
    if fileName.hasSuffix("_instanceTrainIds.png") {
      throw .ambiguousFormat(
        "a *_instanceTrainIds.png holds Cityscapes training ids (0-18, 255 = ignore), not label ids: cityscapesScripts writes them as trainId × 1000 + k for things and the bare trainId otherwise, Cityscapes-DVPS (ViP-DeepLab) as trainId × 1000 + instance for every class; pass --format cityscapes-dvps for the latter, or open the labelId-based *_instanceIds.png")
    }
    if fileName.hasSuffix("_labelTrainIds.png") {
      throw .ambiguousFormat(
        "a Cityscapes *TrainIds.png holds training ids (0-18, 255 = ignore), not label ids, so every class would be wrong; open the labelId-based *_instanceIds.png, or convert with cityscapesScripts' createPanopticImgs and open its COCO output")
    }
    if fileName.hasSuffix("_gtFine_color.png") || fileName.hasSuffix("_gtCoarse_color.png") {
      throw .ambiguousFormat(
        "a Cityscapes *_color.png is a colour rendering for people, not label ids; open the matching *_instanceIds.png")
    }
  }

  /// The format of a gray PNG without panoptty's tag, by its values. Only
  /// readings with fixed parameters are tried: the generic class-major
  /// format (any divisor) and VIPSeg (a catalog panoptty does not have) are
  /// read only when `--format` says so.
  static func grayFormat(_ pv: PixelValues, options: LabelFileOptions) throws(PanopticError) -> (LabelFormat, String) {
    if options.divisor != nil {
      throw .ambiguousFormat(
        "--divisor belongs to the class-major family; say which with --format class-major, deeplab2, kitti-step, vipseg or cityscapes-dvps")
    }
    if options.offset != nil || options.voidClass != nil { return (.offset, offsetFlagsReason) }
    let distinct = pv.distinctValues().sorted()
    let offset = 1000
    let flags = "pass --format offset or --format cityscapes (with --classes FILE for another catalog)"
    guard let largest = distinct.last, largest >= UInt32(offset) else {
      throw .ambiguousFormat(
        "a gray PNG without panoptty's tag and no value ≥ \(offset) holds no instance ids: a semantic map (Cityscapes labelIds or trainIds, a detectron2 id map) reads the same as offset or Cityscapes labels without instances; \(flags)"
      )
    }
    // The checks the decoders make are about values, not places: decoding
    // each distinct value once says whether the whole file fits.
    let sample = PixelValues(width: distinct.count, height: 1, values: distinct, storage: pv.storage)
    let (fmt, catalog) = try OffsetReading.parameters(tag: nil, options: options)
    let fitsOffset = fmt.decode(sample, catalog: catalog).problems.isEmpty
    let fitsCityscapes =
      options.catalog == nil && pv.storage == .gray16
      && CityscapesFormat.decode(sample, catalog: .cityscapes).problems.isEmpty
    let trainIDs = ClassMajorFormat(preset: .deeplab2, catalog: .cityscapes)
    let fitsTrainIDs =
      options.catalog == nil && pv.storage == .gray16 && trainIDs.decode(sample, catalog: .cityscapes).problems.isEmpty
    let trainIDsName = "DeepLab2 / Cityscapes-DVPS maps (Cityscapes trainId × 1000 + instance)"
    switch (fitsOffset, fitsCityscapes, fitsTrainIDs) {
    case (true, false, false): return (.offset, offsetReason)
    case (true, true, false):
      throw .ambiguousFormat(
        "a gray PNG without panoptty's tag whose values fit both the offset format and Cityscapes instanceIds; \(flags)")
    case (false, true, false):
      throw .ambiguousFormat(
        "a gray PNG without panoptty's tag whose values fit Cityscapes instanceIds but not the offset format; pass --format cityscapes (or name it *_instanceIds.png)")
    case (false, false, false): return (.offset, noFormatFitsReason)
    case (false, false, true):
      throw .ambiguousFormat(
        "a gray PNG without panoptty's tag whose values fit only \(trainIDsName); pass --format deeplab2 or --format cityscapes-dvps")
    case (_, _, true):
      let fits = [fitsOffset ? "the offset format" : nil, fitsCityscapes ? "Cityscapes instanceIds" : nil].compactMap { $0 }
      let named = [fitsOffset ? "offset" : nil, fitsCityscapes ? "cityscapes" : nil].compactMap { $0 }
      throw .ambiguousFormat(
        "a gray PNG without panoptty's tag whose values fit \(fits.joined(separator: ", ")) and \(trainIDsName); pass --format \(named.joined(separator: ", ")), deeplab2 or cityscapes-dvps (with --classes FILE for another catalog)")
    }
  }

  /// Refuses an RGB PNG whose channels are equal everywhere: a gray label
  /// map re-saved as colour (OpenCV's `imread` without IMREAD_UNCHANGED does
  /// this and keeps only the high byte of 16-bit values).
  static func refuseGrayAsRGB(_ pv: PixelValues) throws(PanopticError) {
    var last: UInt32 = .max
    var anyNonZero = false
    for v in pv.values where v != last {
      last = v
      let r = v & 0xFF
      guard (v >> 8) & 0xFF == r, v >> 16 == r else { return }
      if r != 0 { anyNonZero = true }
    }
    guard anyNonZero else { return }
    throw .ambiguousFormat(
      "an RGB PNG whose three channels are equal everywhere is a gray map saved as colour (OpenCV's cv2.imread without IMREAD_UNCHANGED does this and drops the low byte of 16-bit labels); re-save it from the original gray file, or pass --format to read it anyway"
    )
  }

  /// Whether the path names panopticapi's 2-channel layout (its samples live
  /// in `panoptic_examples_2ch_format/`): the only evidence, besides
  /// `--format coco-2ch`, for reading an RGB PNG without JSON as 2-channel.
  static func namesTwoChannel(_ path: String) -> Bool {
    let lower = path.lowercased()
    return ["_2ch", "2ch_", "-2ch", "2ch-", "2channel", "2_channel"].contains { lower.contains($0) }
  }
}
