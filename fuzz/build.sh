#!/usr/bin/env bash
# Builds one libFuzzer binary per target into fuzz/out/ (git-ignored), or $FUZZ_OUT.
#
# Each binary is ONE module compiled by swiftc from the sources of the code under test plus the entry in
# fuzz/targets/, so all of it is instrumented (-sanitize=fuzzer,address). Imports of sibling modules are
# satisfied by empty stub modules (the types live in the same module), system libraries by their module maps.
# TOMLKit (theme and config targets) is linked from SwiftPM's debug build: run `swift build` first; it is
# not instrumented, so libFuzzer steers by our code's coverage only.
#
#   fuzz/build.sh            build every target
#   fuzz/build.sh stream     build one (stream | keys | gguf | theme | config)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${FUZZ_OUT:-$ROOT/fuzz/out}
BUILD=$ROOT/.build/debug
mkdir -p "$OUT/stubs"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 5 -suppress-warnings -use-ld=lld)

# An empty module standing in for a sibling module whose needed files are compiled in.
stub() {
    local name=$1
    [ -f "$OUT/stubs/$name.swiftmodule" ] && return
    echo "// empty stand-in" > "$OUT/stubs/$name.swift"
    swiftc -emit-module -parse-as-library -module-name "$name" -o "$OUT/stubs/$name.swiftmodule" "$OUT/stubs/$name.swift"
}

tomlkit_link() {
    if [ ! -f "$BUILD/Modules/TOMLKit.swiftmodule" ]; then
        echo "fuzz/build.sh: TOMLKit is not built at $BUILD; run 'swift build' first" >&2
        exit 1
    fi
    TOML_ARGS=(-I "$BUILD/Modules" -Xcc -fmodule-map-file="$BUILD/CTOML.build/module.modulemap"
               -Xcc -I"$ROOT/.build/checkouts/TOMLKit/Sources/CTOML/include")
    TOML_OBJECTS=("$BUILD"/TOMLKit.build/*.swift.o "$BUILD"/CTOML.build/Sources/*.o)
    TOML_LIBS=(-lstdc++)
}

build_stream() {
    local S=Sources/SynthKit
    swiftc "${FLAGS[@]}" -module-name FuzzStream -o "$OUT/fuzz-stream" \
        fuzz/targets/StreamDecoderFuzz.swift $S/Streaming/StreamDecoder.swift $S/Streaming/StreamObjectScanner.swift \
        $S/Wire/*.swift \
        $S/Client/APIError.swift $S/Config/APIKey.swift
}

build_keys() {
    stub SynthUI
    swiftc "${FLAGS[@]}" -module-name FuzzKeys -o "$OUT/fuzz-keys" -I "$OUT/stubs" -I Sources/CNCurses -lncursesw \
        fuzz/targets/KeyDecoderFuzz.swift Sources/SynthUI/Keys/KeyPress.swift \
        Sources/TerminalBackend/{KeyDecoder,KeyCodeTable,TerminalInput}.swift
}

build_gguf() {
    local L=Sources/LocalEngine
    swiftc "${FLAGS[@]}" -module-name FuzzGGUF -o "$OUT/fuzz-gguf" \
        fuzz/targets/GGUFParserFuzz.swift $L/GGUFParser.swift $L/GGUFFile.swift $L/GGUFValue.swift $L/GGUFError.swift \
        $L/GGMLType.swift
}

build_theme() {
    tomlkit_link
    stub SynthKit
    # The stub SynthKit must be found before the real one in .build/debug/Modules.
    swiftc "${FLAGS[@]}" -module-name FuzzTheme -o "$OUT/fuzz-theme" -I "$OUT/stubs" "${TOML_ARGS[@]}" \
        fuzz/targets/ThemeParserFuzz.swift Sources/SynthUI/Theme/{Theme,ThemeParser,ThemeRole,BuiltInThemes}.swift \
        Sources/SynthUI/Widgets/Grid/Cell.swift Sources/SynthKit/Config/TOMLGuard.swift "${TOML_OBJECTS[@]}" "${TOML_LIBS[@]}"
}

build_config() {
    tomlkit_link
    swiftc "${FLAGS[@]}" -module-name FuzzConfig -o "$OUT/fuzz-config" "${TOML_ARGS[@]}" -I Sources/CCurl -lcurl \
        fuzz/targets/ConfigFuzz.swift $(find Sources/SynthKit -name '*.swift') "${TOML_OBJECTS[@]}" "${TOML_LIBS[@]}"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(stream keys gguf theme config)
for target in "${targets[@]}"; do
    echo "fuzz/build.sh: building fuzz-$target"
    "build_$target"
done
