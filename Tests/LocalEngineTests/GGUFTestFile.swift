import Foundation

/// Builds small GGUF files byte by byte for the reader tests (a fixture writer, independent of the reader under test),
/// so each test can damage exactly one part of an otherwise valid file.
struct GGUFTestFile {
    enum Value {
        case u8(UInt8), i8(Int8), u16(UInt16), i16(Int16), u32(UInt32), i32(Int32), u64(UInt64), i64(Int64)
        case f32(Float), f64(Double), bool(Bool), string(String)
        case array(elementType: UInt32, [Value])
    }

    struct Tensor {
        var name: String
        var type: UInt32
        var dimensions: [UInt64]
        var data: [UInt8]
    }

    var magic: [UInt8] = Array("GGUF".utf8)
    var version: UInt32 = 3
    var metadata: [(String, Value)] = []
    var tensors: [Tensor] = []
    var alignment = 32

    func bytes() -> [UInt8] {
        var out: [UInt8] = magic
        append(&out, version)
        append(&out, UInt64(tensors.count))
        append(&out, UInt64(metadata.count))
        for (key, value) in metadata {
            appendString(&out, key)
            append(&out, Self.typeID(value))
            appendValue(&out, value)
        }
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            offsets.append(offset)
            offset += (t.data.count + alignment - 1) / alignment * alignment
        }
        for (t, o) in zip(tensors, offsets) {
            appendString(&out, t.name)
            append(&out, UInt32(t.dimensions.count))
            for d in t.dimensions { append(&out, d) }
            append(&out, t.type)
            append(&out, UInt64(o))
        }
        while out.count % alignment != 0 { out.append(0) }
        for t in tensors {  // each tensor padded to the alignment, matching `offsets`
            out += t.data
            while out.count % alignment != 0 { out.append(0) }
        }
        return out
    }

    func write(to url: URL) throws {
        try Data(bytes()).write(to: url)
    }

    static func typeID(_ value: Value) -> UInt32 {
        switch value {
        case .u8: return 0
        case .i8: return 1
        case .u16: return 2
        case .i16: return 3
        case .u32: return 4
        case .i32: return 5
        case .f32: return 6
        case .bool: return 7
        case .string: return 8
        case .array: return 9
        case .u64: return 10
        case .i64: return 11
        case .f64: return 12
        }
    }

    private func append<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    private func appendString(_ out: inout [UInt8], _ s: String) {
        append(&out, UInt64(s.utf8.count))
        out += Array(s.utf8)
    }

    private func appendValue(_ out: inout [UInt8], _ value: Value) {
        switch value {
        case .u8(let v): append(&out, v)
        case .i8(let v): append(&out, v)
        case .u16(let v): append(&out, v)
        case .i16(let v): append(&out, v)
        case .u32(let v): append(&out, v)
        case .i32(let v): append(&out, v)
        case .u64(let v): append(&out, v)
        case .i64(let v): append(&out, v)
        case .f32(let v): append(&out, v.bitPattern)
        case .f64(let v): append(&out, v.bitPattern)
        case .bool(let v): out.append(v ? 1 : 0)
        case .string(let s): appendString(&out, s)
        case .array(let elementType, let items):
            append(&out, elementType)
            append(&out, UInt64(items.count))
            for item in items { appendValue(&out, item) }
        }
    }
}

/// A fresh temporary directory, removed by the caller's `defer`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
