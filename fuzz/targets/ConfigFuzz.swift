// libFuzzer entry for SynthKit's config.toml loader (SynthConfig.parse over TOMLKit), built by fuzz/build.sh.
// Property: any text gives a configuration or a ConfigError naming the file, never a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Files are read with String(contentsOfFile:), which drops one leading BOM; TOMLGuard misses a header right
    // after one (bugs-found.md #4b), so the fuzzer starts where the product does.
    if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
    do {
        let config = try SynthConfig.parse(text, file: "fuzz.toml", environment: ["HOME": "/nonexistent"])
        _ = config.selectedBackend
    } catch {
        if error.file != "fuzz.toml" { fatalError("a config error names the wrong file: \(error)") }
    }
    return 0
}
