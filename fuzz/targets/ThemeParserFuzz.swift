// libFuzzer entry for SynthUI's theme loader (ThemeParser over TOMLKit), built by fuzz/build.sh.
// Property: any text gives a theme or a ThemeError, never a crash; parseOrDefault always gives a theme.

@_cdecl("LLVMFuzzerTestOneInput")
public func themeParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Theme.parse(text, fileName: "fuzz.toml")
    _ = Theme.parseOrDefault(text, fileName: "fuzz.toml")
    return 0
}
