#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation  // NSLock

/// One tensor's description; its bytes stay in the file mapping (see `GGUFFile.bytes(of:)`).
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    public let type: GGMLType
    /// ggml order: `dimensions[0]` is the row length (contiguous), `dimensions[1]` the number of rows.
    public let dimensions: [Int]
    /// Absolute offset of the first byte in the file.
    public let fileOffset: Int
    public let byteCount: Int

    public var elementCount: Int { dimensions.reduce(1, *) }
    public var rowLength: Int { dimensions.first ?? 1 }
    public var rowCount: Int { elementCount / max(rowLength, 1) }
}

/// A GGUF model file (versions 2 and 3), memory-mapped read-only. Metadata is parsed eagerly; tensor data is never copied.
///
///     let file = try GGUFFile(path: "model.gguf")
///     let tokens = file.metadata["tokenizer.ggml.tokens"]?.stringArray
///     let width = try file.requireInt("llama.embedding_length")
///
/// Every read is bounds-checked: a missing, truncated or malformed file throws a `GGUFError` naming the file.
public final class GGUFFile: @unchecked Sendable {  // immutable after init but for `releaseArrays` (locked); the mapping is read-only
    public let path: String
    public let version: UInt32
    /// Metadata by key; without its arrays once `releaseArrays()` has run.
    public var metadata: [String: GGUFValue] { metadataLock.withLock { storedMetadata } }
    /// Metadata keys in file order.
    public let metadataKeys: [String]
    public let tensors: [GGUFTensorInfo]
    public let alignment: Int
    /// Offset of the tensor data section (tensor offsets are relative to it in the file, absolute in `GGUFTensorInfo`).
    public let dataOffset: Int
    public let fileSize: Int

    private let base: UnsafeRawPointer
    private let tensorIndex: [String: Int]
    private var storedMetadata: [String: GGUFValue]
    private let metadataLock = NSLock()

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw GGUFError(path: path, problem: .cannotOpen(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw GGUFError(path: path, problem: .cannotOpen(String(cString: strerror(errno))))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw GGUFError(path: path, problem: .cannotOpen("not a regular file"))
        }
        let size = Int(info.st_size)
        guard size >= 24 else {
            if size >= 4 { try Self.checkMagic(fd: fd, path: path) }
            throw GGUFError(path: path, problem: .truncated("header needs 24 bytes, file has \(size)"))
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw GGUFError(path: path, problem: .cannotOpen("mmap failed: \(String(cString: strerror(errno)))"))
        }
        let base = UnsafeRawPointer(mapped)
        do {
            var parser = GGUFParser(base: base, size: size, path: path)
            let parsed = try parser.parse()
            Self.releaseHeaderPages(base: mapped, dataOffset: parsed.dataOffset)
            self.base = base
            self.fileSize = size
            self.version = parsed.version
            self.storedMetadata = parsed.metadata
            self.metadataKeys = parsed.metadataKeys
            self.tensors = parsed.tensors
            self.alignment = parsed.alignment
            self.dataOffset = parsed.dataOffset
            var index: [String: Int] = [:]
            for (i, t) in parsed.tensors.enumerated() { index[t.name] = i }
            self.tensorIndex = index
        } catch {
            munmap(mapped, size)
            throw error
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), fileSize)
    }

    /// The metadata is parsed into Swift values once: the pages that held it (1.7 MB of tokenizer strings for
    /// SmolLM2) leave the process's resident set. They stay in the page cache, and a private read-only mapping refaults
    /// them from the file if they are ever read again.
    private static func releaseHeaderPages(base: UnsafeMutableRawPointer, dataOffset: Int) {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let headerPages = dataOffset / pageSize * pageSize  // the page holding the first tensor bytes stays
        if headerPages > 0 { _ = madvise(base, headerPages, MADV_DONTNEED) }
    }

    /// Forgets the array values — the tokenizer's tokens, merges and types, ~4 MB as Swift values for a 49,152-token
    /// vocabulary — once the model and tokenizer are built from them; scalars stay. A served model lives on its
    /// tensors (issue 16: resident memory).
    public func releaseArrays() {
        metadataLock.withLock {
            storedMetadata = storedMetadata.filter { if case .array = $0.value { false } else { true } }
        }
    }

    private static func checkMagic(fd: Int32, path: String) throws {
        var magic: UInt32 = 0
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 4, 0) }
        if n == 4 && magic != GGUFParser.magic {
            throw GGUFError(path: path, problem: .badMagic)
        }
    }

    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// The tensor's bytes inside the mapping; valid for the lifetime of this `GGUFFile`.
    public func bytes(of tensor: GGUFTensorInfo) -> UnsafeRawPointer {
        base + tensor.fileOffset
    }

    /// A tensor that must exist with the given type-agnostic shape (ggml order).
    public func requireTensor(_ name: String, shape: [Int]? = nil) throws -> GGUFTensorInfo {
        guard let t = tensor(named: name) else { throw GGUFError(path: path, problem: .missingTensor(name)) }
        if let shape, shape != t.dimensions {
            throw GGUFError(path: path, problem: .wrongTensorShape(tensor: name, expected: shape, found: t.dimensions))
        }
        return t
    }

    public func requireInt(_ key: String) throws -> Int {
        guard let value = metadata[key] else { throw GGUFError(path: path, problem: .missingKey(key)) }
        guard let v = value.int else { throw GGUFError(path: path, problem: .wrongKeyType(key: key, expected: "an integer")) }
        return v
    }

    public func requireFloat(_ key: String) throws -> Double {
        guard let value = metadata[key] else { throw GGUFError(path: path, problem: .missingKey(key)) }
        guard let v = value.float else { throw GGUFError(path: path, problem: .wrongKeyType(key: key, expected: "a number")) }
        return v
    }

    public func requireString(_ key: String) throws -> String {
        guard let value = metadata[key] else { throw GGUFError(path: path, problem: .missingKey(key)) }
        guard let v = value.string else { throw GGUFError(path: path, problem: .wrongKeyType(key: key, expected: "a string")) }
        return v
    }

    public func requireStringArray(_ key: String) throws -> [String] {
        guard let value = metadata[key] else { throw GGUFError(path: path, problem: .missingKey(key)) }
        guard let v = value.stringArray else {
            throw GGUFError(path: path, problem: .wrongKeyType(key: key, expected: "an array of strings"))
        }
        return v
    }

    public func requireIntArray(_ key: String) throws -> [Int] {
        guard let value = metadata[key] else { throw GGUFError(path: path, problem: .missingKey(key)) }
        guard let v = value.intArray else {
            throw GGUFError(path: path, problem: .wrongKeyType(key: key, expected: "an array of integers"))
        }
        return v
    }
}
