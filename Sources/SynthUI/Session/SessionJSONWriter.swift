// Writes a session as JSON in pieces. The outputs (the last run's whole completions: megabytes after a long
// stream) go from their strings to the file through one small buffer. JSONEncoder would build the whole document
// as a growing byte array and then copy it into Data: three to four copies of the outputs in memory on every
// autosave, which is what the playground's peak memory was made of once a long stream ended.
import Foundation

public struct SessionJSONWriter {
    /// Bytes gathered before they are handed on: big enough that writes are few, small enough not to count.
    static let bufferSize = 64 * 1024

    private var buffer: [UInt8] = []
    private let emit: (UnsafeRawBufferPointer) throws -> Void

    /// `emit` receives the JSON in order, in pieces of up to `bufferSize` bytes (plus the last, shorter one).
    private init(emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.emit = emit
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Writes `session` exactly as `JSONEncoder` with `.prettyPrinted, .sortedKeys` would: every field but the
    /// outputs is encoded by JSONEncoder (they are small), and the outputs are spliced into its empty array.
    public static func write(_ session: Session, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        var writer = SessionJSONWriter(emit: emit)
        try writer.write(session)
        try writer.flush()
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    private mutating func write(_ session: Session) throws {
        var skeleton = session
        skeleton.outputs = []
        let bytes = [UInt8](try Self.encoder().encode(skeleton))
        guard !session.outputs.isEmpty else { return append(bytes[...]) }
        guard let (open, close) = Self.emptyOutputsArray(in: bytes) else {
            // Not the layout this splices into (a future encoder may space keys differently): encode it whole.
            return append([UInt8](try Self.encoder().encode(session))[...])
        }
        append(bytes[...open])
        for (index, output) in session.outputs.enumerated() {
            append(Array((index == 0 ? "\n    " : ",\n    ").utf8)[...])
            try appendQuoted(output)
        }
        append(Array("\n  ".utf8)[...])
        append(bytes[close...])
    }

    /// Positions of the `[` and `]` of the top-level `"outputs" : [ ]` in the skeleton. The key cannot be matched
    /// inside a string value: there every `"` is escaped, and the pattern has an unescaped one after `outputs`.
    static func emptyOutputsArray(in bytes: [UInt8]) -> (open: Int, close: Int)? {
        let key = Array("\"outputs\" : [".utf8)
        guard bytes.count >= key.count else { return nil }
        for start in 0...(bytes.count - key.count) where bytes[start] == key[0] {
            guard bytes[start..<start + key.count].elementsEqual(key) else { continue }
            let open = start + key.count - 1
            guard let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "]")),
                  bytes[(open + 1)..<close].allSatisfy({ $0 == 0x20 || $0 == 0x0A }) else { return nil }
            return (open, close)
        }
        return nil
    }

    /// `text` as a JSON string, escaped as JSONEncoder escapes (`/` too, and `\u00xx` in lower case).
    private mutating func appendQuoted(_ text: String) throws {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        // Native strings are contiguous already; this only copies a bridged or shared one.
        try text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
                else { continue }
                try appendRaw(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(for: byte)
                runStart = index + 1
            }
            try appendRaw(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        buffer.append(UInt8(ascii: "\""))
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private mutating func appendEscape(for byte: UInt8) {
        let escaped: String
        switch byte {
        case UInt8(ascii: "\""): escaped = "\\\""
        case UInt8(ascii: "\\"): escaped = "\\\\"
        case UInt8(ascii: "/"): escaped = "\\/"
        case 0x08: escaped = "\\b"
        case 0x0C: escaped = "\\f"
        case 0x0A: escaped = "\\n"
        case 0x0D: escaped = "\\r"
        case 0x09: escaped = "\\t"
        default:
            let hex = String(byte, radix: 16)
            escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        buffer.append(contentsOf: escaped.utf8)
    }

    /// Copies a run of bytes that need no escaping, handing the buffer on whenever it fills.
    private mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let room = max(0, Self.bufferSize - buffer.count)
            if room == 0 {
                try flush()
                continue
            }
            let piece = rest.prefix(room)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: piece))
            rest = rest.dropFirst(piece.count)
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try emit($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
