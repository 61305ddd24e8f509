// swift-tools-version: 6.0
import PackageDescription

/// panoptty: a terminal panoptic-segmentation annotation editor.
///
/// The target graph is the architecture (docs/architecture.md), and
/// `ArchitectureTests` checks every `import` against it:
///
///     PanopticModel    pure: labels, formats, edits — imports nothing
///     PanopticEval     pure: PQ / SQ / RQ exactly as panopticapi, segment diff — imports nothing
///     PanopticRender   Model → CellGrid frames
///     PanopticSelection Model → smart selection (graph cut from clicks and a box)
///     PanopticEditor   Model + Render + Selection: the editor as a pure state machine
///     PanopticIO       Model + the C shims + swift-system: every file and syscall
///     PanopticApp      sessions, the editor loop, scripts (no terminal library)
///     TerminalUI       the only ncurses code; conforms to the Editor's Terminal
///     panoptty         swift-argument-parser wiring only
let package = Package(
  name: "panoptty",
  products: [
    .executable(name: "panoptty", targets: ["panoptty"]),
    .library(name: "PanopticModel", targets: ["PanopticModel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(
      name: "CTurboJPEG", pkgConfig: "libturbojpeg",
      providers: [.apt(["libturbojpeg0-dev"])]),
    // No pkgConfig: SwiftPM drops ncursesw's -D flags with a warning; the shim
    // header turns on the wide-character API itself.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    // zlib comes with libpng; the shim also uses its crc32 for the journal.
    .target(name: "CPNGShim", dependencies: ["CLibPNG"], linkerSettings: [.linkedLibrary("z")]),
    .target(name: "CPanopticSystem"),
    .target(name: "CTerminalSignals"),

    // No imports; the standard library's rounding calls libm, linked here so
    // executables built on the pure layers alone (the fuzzers) link.
    .target(name: "PanopticModel", linkerSettings: [.linkedLibrary("m")]),
    // pq_compute's arithmetic and the segment matching of `diff`; imports nothing.
    .target(name: "PanopticEval", linkerSettings: [.linkedLibrary("m")]),
    .target(name: "PanopticRender", dependencies: ["PanopticModel"]),
    // Smart selection: a photo and include/exclude clicks in, a mask out.
    // Pure Swift; a Mutex keeps the cut of the last click for the next one.
    .target(name: "PanopticSelection", dependencies: ["PanopticModel"]),
    .target(name: "PanopticEditor", dependencies: ["PanopticModel", "PanopticRender", "PanopticSelection"]),
    .target(
      name: "PanopticIO",
      dependencies: [
        "PanopticModel", "CPNGShim", "CTurboJPEG", "CPanopticSystem",
        .product(name: "SystemPackage", package: "swift-system"),
      ]),
    .target(
      name: "PanopticApp",
      dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO", "PanopticEval"]),
    .target(
      name: "TerminalUI",
      dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor", "CNcursesw", "CTerminalSignals"]),
    .executableTarget(
      name: "panoptty",
      dependencies: [
        "PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO", "PanopticApp", "TerminalUI",
        "PanopticEval", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .executableTarget(
      name: "panoptty-bench",
      dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO", "PanopticApp"],
      path: "bench/Sources/panoptty-bench"),
    // libFuzzer entry points (docs/reliability.md); a normal build links them
    // as executables that do nothing.
    .executableTarget(name: "FuzzPNG", dependencies: ["PanopticModel", "PanopticIO"], path: "Fuzz/FuzzPNG"),
    .executableTarget(name: "FuzzJSON", dependencies: ["PanopticModel", "PanopticIO"], path: "Fuzz/FuzzJSON"),
    .executableTarget(
      name: "FuzzCommands", dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor"],
      path: "Fuzz/FuzzCommands"),
    .executableTarget(
      name: "FuzzJournal", dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO"],
      path: "Fuzz/FuzzJournal"),

    .testTarget(name: "PanopticModelTests", dependencies: ["PanopticModel"]),
    .testTarget(name: "PanopticSelectionTests", dependencies: ["PanopticModel", "PanopticSelection"]),
    .testTarget(name: "PanopticEvalTests", dependencies: ["PanopticEval"]),
    .testTarget(name: "PanopticRenderTests", dependencies: ["PanopticModel", "PanopticRender"], exclude: ["Golden"]),
    .testTarget(name: "PanopticEditorTests", dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor"]),
    .testTarget(
      name: "PanopticIOTests",
      dependencies: ["PanopticModel", "PanopticIO", .product(name: "SystemPackage", package: "swift-system")]),
    .testTarget(
      name: "PanopticAppTests",
      dependencies: ["PanopticModel", "PanopticRender", "PanopticEditor", "PanopticIO", "PanopticApp"]),
    .testTarget(name: "TerminalUITests", dependencies: ["PanopticEditor", "TerminalUI"]),
    .testTarget(name: "ArchitectureTests"),
  ],
  swiftLanguageModes: [.v6]
)
