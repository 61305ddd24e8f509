import PanopticIO
import PanopticModel

/// The built-in street scene on disk: `demo.png` and its ground truth.
public enum DemoSetup {
  /// Writes `demo.png` and `demo_labels.png` (offset, COCO classes) into
  /// `folder`. Existing files are someone's work: replaced only with
  /// `overwrite`, and never while an editor holds the labels.
  public static func write(_ scene: DemoScene, to folder: String, overwrite: Bool = false) throws(AppFailure) {
    do {
      try Folders.create(folder)
    } catch {
      throw AppFailure(error, file: folder)
    }
    let labels = folder + "/demo_labels.png"
    for name in ["demo.png", "demo_labels.png"] where !overwrite && FileIdentity.of(folder + "/" + name) != nil {
      throw AppFailure("\(folder)/\(name) exists; pass --force to replace it (or choose another --out folder)")
    }
    let lock: FileLock
    do {
      lock = try FileLock.forWriting(labels, busyHint: "quit that editor first, or choose another --out folder")
    } catch {
      throw AppFailure(error, file: labels)
    }
    defer { lock.release() }
    do {
      try ImageFile.writePNG(scene.image, to: folder + "/demo.png")
    } catch {
      throw AppFailure(error, file: folder + "/demo.png")
    }
    do {
      _ = try LabelFile.write(scene.labels, catalog: DemoScene.catalog, to: folder + "/demo_labels.png", format: .offset)
    } catch {
      throw AppFailure(error, file: folder + "/demo_labels.png")
    }
  }

  /// Sets up `./panoptty-demo` once for `panoptty demo` in a terminal: the
  /// photo, and the ground truth as `truth_labels.png` (the user's own labels
  /// go to `demo_labels.png` and survive between runs). Returns the photo's path.
  /// `asked`: the scene was asked for with `--size` or `--seed`; one already there that is
  /// another scene is not opened in its place without a word (the options were ignored).
  public static func prepareEditorFolder(
    _ scene: DemoScene, folder: String = "panoptty-demo", asked: Bool = false
  ) throws(AppFailure) -> String {
    let image = folder + "/demo.png"
    if FileIdentity.of(image) != nil {
      if asked, let there = try? ImageFile.readRGB(path: image), there != scene.image {
        throw AppFailure(
          "./\(folder) already holds another demo scene (\(there.width)×\(there.height))\(FileIdentity.of(folder + "/demo_labels.png") != nil ? " and your labels for it" : ""); --size and --seed choose the scene only when that folder is first made: use --out FOLDER for another scene (or remove ./\(folder))",
          status: ExitStatus.usage)
      }
      return image
    }
    try write(scene, to: folder)
    do {
      try Folders.rename(folder + "/demo_labels.png", to: folder + "/truth_labels.png")
    } catch {
      throw AppFailure("\(folder): cannot set up the demo (\(error.description))")
    }
    return image
  }
}
