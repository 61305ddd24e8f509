// libFuzzer target: PNG reader (libpng shim) + every label decoder.
// Build and run: see docs/reliability.md (`make fuzz`).
import PanopticModel
import PanopticIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // Small limits keep each run cheap; the limit checks themselves are fuzzed.
  let limits = DecodeLimits(maxWidth: 512, maxHeight: 512, maxBytes: 2 << 20, maxChunkBytes: 1 << 20)
  guard let (pv, _) = try? PNGCodec.readValues(data: bytes, limits: limits) else { return 0 }
  let offset = OffsetFormat(catalog: .coco).decode(pv, catalog: .coco)
  _ = offset.map.segments()
  _ = CityscapesFormat.decode(pv, catalog: .cityscapes)
  _ = COCOPanoptic.decode2Channel(pv, catalog: .coco)
  _ = COCOPanoptic.looksLike2Channel(pv, catalog: .coco)
  let segs = [COCOSegmentInfo(id: Int(pv.values.first ?? 1), categoryID: 1, isCrowd: false)]
  _ = COCOPanoptic.decode(pv, segments: segs, catalog: .coco)
  // The decoded map must encode again without trapping.
  _ = try? OffsetFormat(catalog: .coco).storage(for: offset.map)
  _ = try? COCOPanoptic.table(offset.map, catalog: .coco)
  return 0
}
