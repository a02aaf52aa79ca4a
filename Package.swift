// swift-tools-version: 6.1
import PackageDescription

// The inference core is unusable without optimisation (a debug build decodes ~100x slower),
// so it is always compiled with -O, even in debug builds and under `swift test`.
let optimisedAlways: [SwiftSetting] = [
    .unsafeFlags(["-O", "-enforce-exclusivity=unchecked"]),
]

let package = Package(
    name: "synthpad",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "synthpad", targets: ["synthpad"]),
        .executable(name: "synthpad-engine", targets: ["synthpad-engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C bridges: module maps plus shims for what Swift cannot call directly.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(
            name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev"])]),

        // Language detection for the translation server: a C function over libcld2's C++ API (Debian libcld2-dev).
        .target(name: "CCld2", path: "Sources/CCld2", linkerSettings: [.linkedLibrary("cld2")]),

        // What the clients and the local engine's server share: wire types and their validation, languages, API keys
        // and key files, API errors. No transport: the server (and synthpad-engine) link no libcurl.
        .target(name: "SynthWire"),

        // The API layer: SynthWire (re-exported) plus the libcurl transport, stream decoding, clients, config.
        .target(
            name: "SynthKit",
            dependencies: [
                "SynthWire", "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),

        // x86 intrinsics kernels for LocalEngine, each compiled for its own instruction set (chosen at run time).
        .target(name: "CKernels", path: "Sources/CKernels", cSettings: [.unsafeFlags(["-O2"])]),

        // The inference core: GGUF, tokenizer, transformer, sampler. No networking.
        .target(name: "LocalEngine", dependencies: ["CKernels"], swiftSettings: optimisedAlways),

        // The TextSynth- and Booste-compatible HTTP server in front of LocalEngine (and Apertium).
        .target(
            name: "EngineServer",
            dependencies: [
                "LocalEngine", "SynthWire", "CCld2",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Pure UI: state, update, views drawing into a cell grid. No curses, no I/O (files are the runtime's).
        .target(name: "SynthUI", dependencies: ["SynthKit", .product(name: "TOMLKit", package: "TOMLKit")]),

        // The only code that calls ncurses: painting changed cells, reading and decoding keys, restoring the terminal.
        .target(name: "TerminalBackend", dependencies: ["CNCurses", "SynthUI", "SynthKit"]),

        // Image previews: JPEG decoding (libjpeg-turbo) and drawing (libchafa) as symbols or kitty/iTerm2/sixel escapes.
        // No curses, no UI: the runtime and the CLI hand it files and cell rectangles.
        .target(name: "ImagePreview", dependencies: ["CTurboJPEG", "CChafa"]),

        // The run history: every request and its answer in SQLite (GRDB, WAL, FTS5). No curses, no UI.
        .target(name: "RunHistory", dependencies: ["SynthKit", .product(name: "GRDB", package: "GRDB.swift")]),

        // The runtime: the event loop (poll on the terminal and a wake pipe) and the effects `update` asks for —
        // HTTP through SynthKit, session and theme files, $EDITOR, the clipboard. No curses calls of its own.
        .target(name: "SynthRuntime", dependencies: ["SynthUI", "SynthKit", "TerminalBackend", "ImagePreview",
                                                   "RunHistory"]),

        // Decode and prompt throughput of the inference core (`make bench-engine`).
        .executableTarget(name: "EngineBench", dependencies: ["LocalEngine"], path: "benchmarks/EngineBench",
                          swiftSettings: optimisedAlways),

        // Stream-decoder and UI throughput (`make bench`): figures as ratios against a baseline in the same run.
        .executableTarget(name: "StreamBench", dependencies: ["SynthKit", "TestPeer"], path: "benchmarks/StreamBench"),

        // The TUI's own costs in-process (`make bench-ui`): appending to a long output, frame cost, full vs partial.
        .executableTarget(name: "UIBench", dependencies: ["SynthUI", "SynthKit", "TerminalBackend", "SynthRuntime", "CNCurses",
                                                          "TestPeer"],
                          path: "benchmarks/UIBench"),

        // History search with FTS5 against LIKE over 10,000 logged runs (`make bench-history`).
        .executableTarget(name: "HistoryBench", dependencies: ["RunHistory", "SynthKit"], path: "benchmarks/HistoryBench"),

        // A scripted TextSynth/Booste peer for tests: a TEST DOUBLE, never shipped in the synthpad binary.
        .target(name: "TestPeer", dependencies: ["CTurboJPEG"], path: "Tests/TestPeer"),

        // `synthpad serve`'s command, its error reporting and its hand-off to synthpad-engine: shared by both binaries.
        .target(
            name: "ServeCLI",
            dependencies: ["EngineServer", "SynthWire", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // `synthpad serve` in a binary without the TUI's libraries, which synthpad execs to serve (issue 16).
        // Its resident memory beside the model is mostly code and relocations, so a release build on Linux (what
        // users run; debug and sanitizer builds link as the rest) has Swift's runtime and Foundation linked
        // statically (only the code it uses is kept; ~5 MiB less than the shared libraries) and relative
        // relocations packed (lld's RELR, glibc 2.36+: 2.4 MB of them read at start-up become 20 KB).
        // Foundation's static archive needs its C parts named (CoreFoundation, ICU and shims).
        .executableTarget(
            name: "synthpad-engine", dependencies: ["ServeCLI"], path: "Sources/synthpad-engine",
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                             .when(platforms: [.linux], configuration: .release)),
            ] + ["CoreFoundation", "_FoundationICU", "_FoundationCShims", "_FoundationCollections", "stdc++"].map {
                .linkedLibrary($0, .when(platforms: [.linux], configuration: .release))
            }),

        .executableTarget(
            name: "synthpad",
            dependencies: [
                "ServeCLI", "SynthKit", "EngineServer", "LocalEngine", "SynthUI", "TerminalBackend", "SynthRuntime", "ImagePreview",
                "RunHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(name: "SynthKitTests", dependencies: ["SynthKit", "SynthWire", "TestPeer"]),
        .testTarget(name: "LocalEngineTests", dependencies: ["LocalEngine", "TestPeer"], exclude: ["TokenizerReference", "Reference"],
                    swiftSettings: optimisedAlways),
        .testTarget(name: "EngineServerTests", dependencies: ["EngineServer", "SynthKit", "LocalEngine", "TestPeer"],
                    exclude: ["OpenAIPackage"]),
        .testTarget(name: "SynthUITests", dependencies: ["SynthUI", "SynthKit", "SynthRuntime", "TestPeer"],
                    exclude: ["Goldens"]),
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "SynthRuntime", "CNCurses", "SynthUI",
                                                                 "SynthKit", "TestPeer", "RunHistory"]),
        .testTarget(
            name: "FaultInjectionTests",
            dependencies: ["SynthKit", "TestPeer", "EngineServer", "LocalEngine"]),
        .testTarget(name: "CLITests", dependencies: ["SynthKit", "TestPeer", "ImagePreview",
                                                     .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "RunHistoryTests", dependencies: ["RunHistory", "SynthKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ImagePreviewTests", dependencies: ["ImagePreview", "TestPeer"]),
    ]
)
