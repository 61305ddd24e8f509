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
      var names = FormatParameterNames.reading
      if options.offset == nil, tag?.offset != nil {
        from.append("offset=\(offset)")
        names.offset = FormatParameterNames.tag.offset
      }
      if options.voidClass == nil, let v = tag?.voidClass {
        from.append("void=\(v)")
        names.void = FormatParameterNames.tag.void
      }
      // The flags alone (the tag's values left at their defaults) fail too: the flags are at fault.
      let flagsAlone = OffsetFormat(catalog: catalog, offset: options.offset ?? 1000, voidClass: options.voidClass)
      guard !from.isEmpty, (try? flagsAlone.check(catalog: catalog)) != nil else { throw error }
      // The same check again, naming the values as the file gave them, not as flags never passed.
      let said: PanopticError
      do {
        try fmt.check(catalog: catalog, names: names)
        said = error
      } catch {
        said = error
      }
      throw .badLabels(
        "the file's panoptty tEXt chunk says \(from.joined(separator: ";")), which does not fit the \(catalog.name) catalog (\(said.description)); re-save it with panoptty convert, or give the offset and void options")
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
