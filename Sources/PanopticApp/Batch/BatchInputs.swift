import PanopticIO

/// Which files a batch command (`info`, `validate`, `convert`) works on.
///
/// Files named on the command line are taken as they are (globs are the
/// shell's). A folder is walked (subfolders too, hidden names skipped, names
/// in byte order) and a PNG in it is a label file when:
///
/// - its name ends in `_labels.png` (panoptty's own: the labels of NAME.jpg),
/// - its name ends in `_instanceIds.png` (Cityscapes `gtFine`), or
/// - it lies in a folder `NAME/` that has `NAME.json` beside it (COCO
///   panoptic, panopticapi's layout), or deeper in it (up to three levels)
///   when `NAME.json` lists it by its path below `NAME/` (`val/x.png`), or
/// - it carries panoptty's format tag (a folder `convert` wrote keeps its
///   input names, `000000142238.png`, and must read back).
///
/// Anything else in the folder (photos, `_labelIds.png`, `_color.png`) is
/// left alone.
public enum BatchInputs {
  public static let rule =
    "*_labels.png, *_instanceIds.png, any PNG in a folder NAME/ with NAME.json beside it, or a PNG panoptty wrote"

  /// Whether a PNG met while walking a folder is a label file (see above).
  /// `hasJSONBeside(dir)` says whether `dir.json` exists.
  public static func isLabelPNG(_ path: String, hasJSONBeside: (String) -> Bool) -> Bool {
    guard FileNames.lastComponent(path).hasSuffix(".png") else { return false }
    return nameSaysLabelPNG(path, hasJSONBeside: hasJSONBeside) || LabelFile.carriesFormatTag(path: path)
  }

  /// The JSON panopticapi pairs with the PNG folder `dir`: `dir.json` beside it, found through
  /// the absolute path when `dir` is `.` or `..` (whose `.json` would be no such file).
  static func siblingJSON(of dir: String) -> String {
    let last = FileNames.lastComponent(dir)
    return last == "." || last == ".." || dir.isEmpty ? COCOAnnotationsFile.siblingPath(of: dir + "/x.png") : dir + ".json"
  }

  /// `isLabelPNG` by name and place alone (a dangling link has no contents to carry a tag).
  static func nameSaysLabelPNG(_ path: String, hasJSONBeside: (String) -> Bool) -> Bool {
    let name = FileNames.lastComponent(path)
    guard name.hasSuffix(".png") else { return false }
    if name.hasSuffix("_labels.png") || name.hasSuffix("_instanceIds.png") { return true }
    let folder = FileNames.folder(path)
    return folder != "/" && hasJSONBeside(folder)
  }

  /// The PNGs a COCO folder's JSON lists that are not in the folder: a batch over the folder
  /// would otherwise pass a dataset with images missing. `folders` pairs each folder with
  /// its JSON (NAME.json beside NAME/, or the one `--annotations` names). A JSON that cannot
  /// be read is left to the files' own reads, which say so; a name listed twice is one failure.
  static func missingListedPNGs(
    in folders: [(folder: String, json: String)], found: Set<String>, names listedNames: (String) -> [String]?
  ) -> [WalkFailure] {
    var failures: [WalkFailure] = []
    var reported = Set<String>()
    for (folder, json) in folders {
      guard let names = listedNames(json) else { continue }
      for name in names {
        let path = folder + "/" + name
        guard !found.contains(path), reported.insert(path).inserted, !Folders.exists(path) else { continue }
        failures.append(WalkFailure(path: path, reason: "\(json) lists it, but it is not there"))
      }
    }
    return failures
  }

  /// Whether the arguments name exactly one file (not a folder): today's
  /// single-file behaviour and output are kept then.
  public static func isSingleFile(_ arguments: [String], shard: Shard?) -> Bool {
    arguments.count == 1 && shard == nil && !Folders.isFolder(arguments[0])
  }

  /// The files, in argument order, folders expanded; a folder with no label
  /// file in it is a failure line.
  public static func expand(_ arguments: [String], annotations: String? = nil) -> (files: [String], failures: [String]) {
    let (found, failures) = expandKeepingNames(arguments, annotations: annotations)
    return (found.map(\.path), failures.map(\.line))
  }

  /// `expand`, each file with its name relative to the folder it was found
  /// in (a file named on the command line: its last component), for `convert`.
  /// `annotations` (`--annotations`) is the COCO JSON every file is read with:
  /// the folders' own JSONs are not the ones that list them then.
  public static func expandKeepingNames(
    _ arguments: [String], annotations: String? = nil
  ) -> (files: [BatchFile], failures: [WalkFailure]) {
    var files: [BatchFile] = []
    var failures: [WalkFailure] = []
    var jsonBeside: [String: Bool] = [:]
    // Each JSON's PNG names, read (indexed) once however many folders or uses ask for them.
    var namesByJSON: [String: [String]?] = [:]
    let listedNames: (String) -> [String]? = { json in
      if let known = namesByJSON[json] { return known }
      let names = Folders.exists(json) ? try? COCOAnnotationsFile.listedPNGNames(json: json) : nil
      namesByJSON[json] = names
      return names
    }
    var setByJSON: [String: Set<String>?] = [:]
    let listedSet: (String) -> Set<String>? = { json in
      if let known = setByJSON[json] { return known }
      let names = listedNames(json).map(Set.init)
      setByJSON[json] = names
      return names
    }
    for argument in arguments {
      guard argument != "-" && Folders.isFolder(argument) else {
        files.append(BatchFile(path: argument, relative: FileNames.lastComponent(argument)))
        continue
      }
      let hasJSON: (String) -> Bool = { dir in
        if let known = jsonBeside[dir] { return known }
        let exists = Folders.exists(siblingJSON(of: dir))
        jsonBeside[dir] = exists
        return exists
      }
      // A PNG deeper in a COCO folder (`NAME/val/x.png`) that NAME.json lists as `val/x.png`.
      let listedBelowCOCOFolder: (String) -> Bool = { path in
        var folder = FileNames.folder(path)
        var relative = FileNames.lastComponent(path)
        for _ in 0..<3 {
          let last = FileNames.lastComponent(folder)
          if last == "." || last == ".." || folder == "/" { return false }
          relative = last + "/" + relative
          folder = FileNames.folder(folder)
          if hasJSON(folder), let names = listedSet(siblingJSON(of: folder)),
            names.contains(relative) || names.contains("./" + relative)
          {
            return true
          }
        }
        return false
      }
      let walked = Folders.walk(argument)
      let root = argument.hasSuffix("/") ? argument : argument + "/"
      // With --annotations, the PNGs that JSON lists are label files whatever the folder is called.
      let listed = Set(annotations.flatMap(listedNames) ?? [])
      let found = walked.files.filter { path in
        let relative = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : FileNames.lastComponent(path)
        return listed.contains(relative) || listed.contains("./" + relative) || isLabelPNG(path, hasJSONBeside: hasJSON)
          || listedBelowCOCOFolder(path)
      }
      // A label file's name on a link to nothing: the file the user meant is gone.
      for link in walked.danglingLinks where nameSaysLabelPNG(link, hasJSONBeside: hasJSON) {
        let target = Folders.linkTarget(link).map { " to \($0)" } ?? ""
        failures.append(WalkFailure(path: link, reason: "a symlink\(target), which does not exist"))
      }
      let top = argument.count > 1 && argument.hasSuffix("/") ? String(argument.dropLast()) : argument
      let withFiles = Set(walked.files.map(FileNames.folder))
      let cocoFolders =
        annotations.map { [(folder: top, json: $0)] }
        ?? ([top] + walked.folders.filter { f in
          // Folders whose PNGs were taken as COCO, and empty ones beside a JSON (all it lists gone).
          f != top && (jsonBeside[f] == true || !withFiles.contains(f) && hasJSON(f))
        }).map { (folder: $0, json: siblingJSON(of: $0)) }
      let missing = missingListedPNGs(in: cocoFolders, found: Set(found).union(walked.danglingLinks), names: listedNames)
      failures += missing
      // (A folder whose listed PNGs are all missing is said file by file, not also as empty.)
      if found.isEmpty && missing.isEmpty {
        failures.append(WalkFailure(path: argument, reason: "no label PNGs in this folder (looked for \(rule))"))
      }
      files += found.map { BatchFile(path: $0, relative: $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : FileNames.lastComponent($0)) }
    }
    return (files, failures)
  }
}

/// `--shard K/N`: every N-th file starting at the K-th (1-based), after
/// folders are expanded, so N machines given the same arguments and K = 1…N
/// share the files with none left out and none done twice.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
    index = k
    count = n
  }

  public var description: String { "\(index)/\(count)" }

  public func select<T>(_ items: [T]) -> [T] {
    stride(from: index - 1, to: items.count, by: count).map { items[$0] }
  }
}

/// A file a folder walk could not take (a folder with no label PNGs, a PNG its COCO JSON
/// lists that is missing, a dangling link): the line for standard error, and for `--json`
/// an object naming the path.
public struct WalkFailure: Sendable, Equatable {
  public var path: String
  public var reason: String
  public var line: String { "\(path): \(reason)" }
}

/// A file of a batch: its path, and its name relative to the folder given.
public struct BatchFile: Sendable, Equatable {
  public var path: String
  public var relative: String
}
