// libFuzzer entry for SynthUI's theme loader (ThemeParser over TOMLKit), built by fuzz/build.sh.
// Property: any text gives a theme or a ThemeError, never a crash; parseOrDefault always gives a theme.

@_cdecl("LLVMFuzzerTestOneInput")
public func themeParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Files are read with String(contentsOfFile:), which drops one leading BOM; TOMLGuard misses a header right
    // after one (bugs-found.md #4b), so the fuzzer starts where the product does.
    if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
    _ = try? Theme.parse(text, fileName: "fuzz.toml")
    _ = Theme.parseOrDefault(text, fileName: "fuzz.toml")
    return 0
}
