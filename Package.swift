// swift-tools-version: 6.0
import PackageDescription

/// panoptty: a terminal panoptic-segmentation annotation editor.
///
/// Layers (see docs/architecture.md): `PanopticCore` is pure Swift (no C, no
/// I/O); `PanopticIO` alone touches libpng and libjpeg-turbo, through the
/// `CPNGShim` C target that owns setjmp/longjmp; `TerminalUI` alone touches
/// ncursesw; the `panoptty` executable only wires them together.
let package = Package(
  name: "panoptty",
  products: [
    .executable(name: "panoptty", targets: ["panoptty"]),
    .library(name: "PanopticCore", targets: ["PanopticCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
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
    .target(name: "CPNGShim", dependencies: ["CLibPNG"]),
    .target(name: "PanopticCore"),
    .target(
      name: "PanopticIO",
      dependencies: ["PanopticCore", "CPNGShim", "CTurboJPEG"]),
    .target(name: "TerminalUI", dependencies: ["PanopticCore", "CNcursesw"]),
    .executableTarget(
      name: "panoptty",
      dependencies: [
        "PanopticCore", "PanopticIO", "TerminalUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "panoptty-bench",
      dependencies: ["PanopticCore", "PanopticIO"],
      path: "bench/Sources/panoptty-bench"),
    // libFuzzer entry points (docs/reliability.md); a normal build links them
    // as executables that do nothing.
    .executableTarget(name: "FuzzPNG", dependencies: ["PanopticCore", "PanopticIO"], path: "Fuzz/FuzzPNG"),
    .executableTarget(name: "FuzzJSON", dependencies: ["PanopticCore", "PanopticIO"], path: "Fuzz/FuzzJSON"),
    .executableTarget(name: "FuzzCommands", dependencies: ["PanopticCore"], path: "Fuzz/FuzzCommands"),
    .testTarget(name: "PanopticCoreTests", dependencies: ["PanopticCore"], exclude: ["Golden"]),
    .testTarget(
      name: "PanopticIOTests",
      dependencies: ["PanopticCore", "PanopticIO", "TerminalUI"]),
  ],
  swiftLanguageModes: [.v6]
)
