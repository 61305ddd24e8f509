import PanopticModel

/// How an offset-format file is read: its parameters come from the flags,
/// else from the file's own tag, else the defaults — and a bad value is
/// reported as coming from where it came from.
enum OffsetReading {
  static func parameters(tag: FormatTag?, options: LabelFileOptions) throws(PanopticError) -> (OffsetFormat, ClassCatalog) {
    let catalog = try self.catalog(named: tag?.catalog ?? "coco", options: options)
    let offset = options.offset ?? tag?.offset ?? 1000
    let voidClass = options.voidClass ?? tag?.voidClass
    let fmt = OffsetFormat(catalog: catalog, offset: offset, voidClass: voidClass)
    do {
      try fmt.check(catalog: catalog)
    } catch {
      var from: [String] = []
      if options.offset == nil, tag?.offset != nil { from.append("offset=\(offset)") }
      if options.voidClass == nil, let v = tag?.voidClass { from.append("void=\(v)") }
      guard !from.isEmpty else { throw error }
      throw .badLabels(
        "the file's panoptty tEXt chunk says \(from.joined(separator: ";")), which does not fit the \(catalog.name) catalog (\(error.description.replacingFlagNames())); re-save it with panoptty convert, or give the offset and void options")
    }
    return (fmt, catalog)
  }

  /// The catalog a file names: `--classes`, else a built-in one by name.
  static func catalog(named name: String, options: LabelFileOptions) throws(PanopticError) -> ClassCatalog {
    if let given = options.catalog { return given }
    guard let builtIn = ClassCatalog.builtIn(named: name) else {
      throw .usage("written with the class catalog \"\(name)\"; pass it with --classes FILE")
    }
    return builtIn
  }
}

extension String {
  /// A model error names the flag (`--void`); when the value came from the
  /// file, the message must not blame a flag the user never passed.
  func replacingFlagNames() -> String {
    split(separator: " ", omittingEmptySubsequences: false)
      .map { $0 == "--void" || $0 == "--offset" ? String($0.dropFirst(2)) : String($0) }
      .joined(separator: " ")
  }
}
