// libFuzzer target: class catalog reader and COCO annotations reader.
import Foundation
import PanopticModel
import PanopticIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let d = Data(bytes: data, count: size)
  if let catalog = try? CatalogFile.parse(json: d, name: "fuzz") {
    _ = catalog.resolve("car")
    _ = catalog.suggestions(for: "a")
  }
  if let file = try? COCOAnnotationsFile.parse(d, path: "fuzz.json") {
    _ = try? file.catalog()
    if let segs = try? file.segments(forFileName: "a.png") {
      let pv = PixelValues(width: 4, height: 2, values: [0, 1, 2, 3, 0x10203, 7, 7, 0], storage: .rgb8)
      let decoded = COCOPanoptic.decode(pv, segments: segs, catalog: (try? file.catalog()) ?? .coco)
      _ = decoded.map.segments()
    }
  }
  return 0
}
