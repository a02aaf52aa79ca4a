// Parses the GGUF header, metadata and tensor table from a mapped file. Every read checks the remaining length first,
// so a hostile or damaged file yields a GGUFError, never an out-of-bounds read.
//
// Layout (little-endian): magic "GGUF", u32 version, u64 tensor count, u64 metadata count,
// metadata (string key, u32 value type, value)*, tensor infos (string name, u32 n_dims, u64 dims[n], u32 type, u64 offset)*,
// padding to `general.alignment` (default 32), tensor data.

struct GGUFParser {
    static let magic: UInt32 = 0x4655_4747  // "GGUF" read as little-endian u32

    struct Parsed {
        var version: UInt32
        var metadata: [String: GGUFValue]
        var metadataKeys: [String]
        var tensors: [GGUFTensorInfo]
        var alignment: Int
        var dataOffset: Int
    }

    let base: UnsafeRawPointer
    let size: Int
    let path: String
    private var cursor = 0

    init(base: UnsafeRawPointer, size: Int, path: String) {
        self.base = base
        self.size = size
        self.path = path
    }

    private func fail(_ problem: GGUFError.Problem) -> GGUFError {
        GGUFError(path: path, problem: problem)
    }

    private mutating func need(_ count: Int, _ what: @autoclosure () -> String) throws {
        guard count >= 0, count <= size - cursor else {
            throw fail(.truncated("\(what()) at offset \(cursor) needs \(count) bytes, \(size - cursor) left"))
        }
    }

    private mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        try need(MemoryLayout<T>.size, what())
        let v = base.loadUnaligned(fromByteOffset: cursor, as: T.self)
        cursor += MemoryLayout<T>.size
        return T(littleEndian: v)
    }

    private mutating func readCount(_ what: @autoclosure () -> String) throws -> Int {
        let raw = try read(UInt64.self, what())
        guard let n = Int(exactly: raw), n <= size else { throw fail(.malformed("\(what()) \(raw) is impossibly large")) }
        return n
    }

    private mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        let length = try readCount("length of \(what())")
        try need(length, what())
        let bytes = UnsafeRawBufferPointer(start: base + cursor, count: length)
        cursor += length
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func parse() throws -> Parsed {
        let magic = try read(UInt32.self, "magic")
        guard magic == Self.magic else { throw fail(.badMagic) }
        let version = try read(UInt32.self, "version")
        guard version == 2 || version == 3 else { throw fail(.unsupportedVersion(version)) }
        let tensorCount = try readCount("tensor count")
        let metadataCount = try readCount("metadata count")

        var metadata: [String: GGUFValue] = [:]
        var keys: [String] = []
        for i in 0..<metadataCount {
            let key = try readString("metadata key #\(i)")
            let type = try read(UInt32.self, "type of '\(key)'")
            let value = try readValue(type: type, key: key, depth: 0)
            if metadata.updateValue(value, forKey: key) != nil { throw fail(.malformed("duplicate metadata key '\(key)'")) }
            keys.append(key)
        }

        var alignment = 32
        if let value = metadata["general.alignment"] {
            guard let a = value.int, a > 0, a & (a - 1) == 0 else {
                throw fail(.malformed("general.alignment must be a power of two"))
            }
            alignment = a
        }

        // Each tensor info is at least 4 + 8 + 4 + 4 + 8 bytes; reject counts the file cannot hold before reserving memory.
        guard tensorCount <= (size - cursor) / 24 else {
            throw fail(.truncated("tensor table of \(tensorCount) entries does not fit in the file"))
        }
        var raw: [(name: String, type: GGMLType, dims: [Int], offset: Int, bytes: Int)] = []
        raw.reserveCapacity(tensorCount)
        for i in 0..<tensorCount {
            let name = try readString("name of tensor #\(i)")
            let dimCount = try read(UInt32.self, "dimension count of '\(name)'")
            guard (1...4).contains(dimCount) else {
                throw fail(.malformed("tensor '\(name)' has \(dimCount) dimensions (1...4 allowed)"))
            }
            var dims: [Int] = []
            var elements = 1
            for _ in 0..<dimCount {
                let d = try readCount("dimension of '\(name)'")
                guard d > 0 else { throw fail(.malformed("tensor '\(name)' has a zero dimension")) }
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow, product <= size * 2 else { throw fail(.malformed("tensor '\(name)' is impossibly large")) }
                elements = product
                dims.append(d)
            }
            let typeID = try read(UInt32.self, "type of '\(name)'")
            guard let type = GGMLType(rawValue: typeID) else {
                throw fail(.unsupportedTensorType(tensor: name, typeID: typeID))
            }
            guard let rowBytes = type.rowBytes(dims[0]) else {
                throw fail(.malformed("tensor '\(name)' row length \(dims[0]) is not a multiple of \(type.blockLength)"))
            }
            let offset = try readCount("data offset of '\(name)'")
            guard offset % alignment == 0 else {
                throw fail(.malformed("tensor '\(name)' data offset \(offset) is not aligned to \(alignment)"))
            }
            raw.append((name, type, dims, offset, rowBytes * (elements / dims[0])))
        }

        let dataOffset = (cursor + alignment - 1) / alignment * alignment
        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(raw.count)
        var names = Set<String>()
        for t in raw {
            guard names.insert(t.name).inserted else { throw fail(.malformed("duplicate tensor '\(t.name)'")) }
            let start = dataOffset + t.offset
            guard start <= size, t.bytes <= size - start else {
                throw fail(.truncated("tensor data of '\(t.name)' (\(t.bytes) bytes at offset \(start)) runs past the end of the file (\(size) bytes)"))
            }
            tensors.append(GGUFTensorInfo(name: t.name, type: t.type, dimensions: t.dims, fileOffset: start, byteCount: t.bytes))
        }
        return Parsed(version: version, metadata: metadata, metadataKeys: keys, tensors: tensors,
                      alignment: alignment, dataOffset: dataOffset)
    }

    private mutating func readValue(type: UInt32, key: String, depth: Int) throws -> GGUFValue {
        switch type {
        case 0: return .uint8(try read(UInt8.self, "value of '\(key)'"))
        case 1: return .int8(try read(Int8.self, "value of '\(key)'"))
        case 2: return .uint16(try read(UInt16.self, "value of '\(key)'"))
        case 3: return .int16(try read(Int16.self, "value of '\(key)'"))
        case 4: return .uint32(try read(UInt32.self, "value of '\(key)'"))
        case 5: return .int32(try read(Int32.self, "value of '\(key)'"))
        case 6: return .float32(Float(bitPattern: try read(UInt32.self, "value of '\(key)'")))
        case 7:
            let b = try read(UInt8.self, "value of '\(key)'")
            guard b <= 1 else { throw fail(.malformed("bool value \(b) for '\(key)'")) }
            return .bool(b == 1)
        case 8: return .string(try readString("value of '\(key)'"))
        case 9:
            guard depth < 4 else { throw fail(.malformed("arrays nested too deeply in '\(key)'")) }
            let elementType = try read(UInt32.self, "array type of '\(key)'")
            let count = try readCount("array length of '\(key)'")
            guard count <= size - cursor else {
                throw fail(.truncated("array '\(key)' of \(count) elements does not fit in the file"))
            }
            var items: [GGUFValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                items.append(try readValue(type: elementType, key: key, depth: depth + 1))
            }
            return .array(items)
        case 10: return .uint64(try read(UInt64.self, "value of '\(key)'"))
        case 11: return .int64(try read(Int64.self, "value of '\(key)'"))
        case 12: return .float64(Double(bitPattern: try read(UInt64.self, "value of '\(key)'")))
        default: throw fail(.malformed("unknown metadata value type \(type) for '\(key)'"))
        }
    }
}
