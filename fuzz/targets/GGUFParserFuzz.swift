// libFuzzer entry for LocalEngine's GGUF reader (built by fuzz/build.sh with the GGUF sources). The parser
// reads from memory (GGUFFile maps the file and hands the parser the same pointer), so no temp file is needed.
// Property: a hostile file yields a GGUFError or a table whose tensors lie inside the file, never a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func ggufParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var parser = GGUFParser(base: UnsafeRawPointer(data), size: size, path: "fuzz.gguf")
    guard let parsed = try? parser.parse() else { return 0 }
    for key in parsed.metadataKeys {
        let value = parsed.metadata[key]
        _ = value?.int
        _ = value?.stringArray
    }
    for tensor in parsed.tensors {
        _ = tensor.elementCount
        _ = tensor.rowCount
    }
    return 0
}
