// The pre-tokenizer: cuts text into the words BPE runs on, exactly as llama.cpp does for
// byte-level vocabularies. SmolLM2 ("smollm") first isolates every \p{N} character, then applies
// GPT-2's pattern  's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// to each remaining piece; Qwen2's pattern is in TokenizerPreSplitQwen2.swift. Hand-written over Unicode scalars:
// no regex engine on the hot path.

/// Which split rules a vocabulary uses (GGUF `tokenizer.ggml.pre`).
public enum PreTokenizerKind: Sendable, Equatable {
    /// The GPT-2 pattern alone.
    case gpt2
    /// Every number character on its own, then the GPT-2 pattern ("smollm", "starcoder", "refact", …).
    case digitsThenGPT2
    /// Qwen2's pattern (also DeepSeek-R1's Qwen distills): see TokenizerPreSplitQwen2.swift.
    case qwen2

    /// The kind for a GGUF `tokenizer.ggml.pre` name, or nil for one this tokenizer does not implement.
    public init?(ggufName: String) {
        switch ggufName {
        case "gpt-2", "mpt", "olmo", "jais": self = .gpt2
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b": self = .digitsThenGPT2
        case "qwen2", "deepseek-r1-qwen": self = .qwen2
        default: return nil
        }
    }
}

/// The character classes the split pattern distinguishes.
enum ScalarClass: UInt8 {
    case letter, number, whitespace, other
}

struct TokenizerPreSplitter: Sendable {
    let kind: PreTokenizerKind

    private static let asciiClasses: [ScalarClass] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return classify(nonASCII: scalar)
    }

    private static func classify(nonASCII scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        default:
            return .other
        }
    }

    @inline(__always)
    static func classify(_ value: UInt32) -> ScalarClass {
        if value < 128 { return asciiClasses[Int(value)] }
        return classify(nonASCII: Unicode.Scalar(value) ?? "\u{FFFD}")
    }

    /// Appends to `pieces` the byte ranges (relative to `bytes`) of the words of valid UTF-8 `bytes`.
    func split(_ bytes: UnsafeBufferPointer<UInt8>, into pieces: inout [Range<Int>]) {
        var scalars = ScalarRun(bytes)
        guard scalars.count > 0 else { return }
        switch kind {
        case .gpt2:
            splitGPT2(scalars: &scalars, from: 0, to: scalars.count, into: &pieces)
        case .digitsThenGPT2:
            var segmentStart = 0
            for index in 0..<scalars.count where scalars.classes[index] == .number {
                if segmentStart < index {
                    splitGPT2(scalars: &scalars, from: segmentStart, to: index, into: &pieces)
                }
                pieces.append(scalars.offsets[index]..<scalars.offsets[index + 1])
                segmentStart = index + 1
            }
            if segmentStart < scalars.count {
                splitGPT2(scalars: &scalars, from: segmentStart, to: scalars.count, into: &pieces)
            }
        case .qwen2:
            splitQwen2(scalars, into: &pieces)
        }
    }

    /// The GPT-2 pattern over scalars start..<end; characters past `end` do not exist for it.
    private func splitGPT2(scalars: inout ScalarRun, from start: Int, to end: Int, into pieces: inout [Range<Int>]) {
        let values = scalars.values
        let classes = scalars.classes
        let offsets = scalars.offsets
        var position = start
        var pieceStart = start

        @inline(__always) func value(_ index: Int) -> UInt32 { index < end ? values[index] : UInt32.max }
        @inline(__always) func classAt(_ index: Int) -> ScalarClass? { index < end ? classes[index] : nil }
        @inline(__always) func emit(until index: Int) {
            pieces.append(offsets[pieceStart]..<offsets[index])
            pieceStart = index
            position = index
        }

        let apostrophe = UInt32(UInt8(ascii: "'")), space = UInt32(UInt8(ascii: " "))
        while position < end {
            let current = values[position]
            // 's|'t|'re|'ve|'m|'ll|'d (case-sensitive, as GPT-2's pattern)
            if current == apostrophe {
                let next = value(position + 1)
                if next == 0x73 || next == 0x74 || next == 0x6D || next == 0x64 {  // s t m d
                    emit(until: position + 2); continue
                }
                let afterNext = value(position + 2)
                if (next == 0x72 && afterNext == 0x65) || (next == 0x76 && afterNext == 0x65)
                    || (next == 0x6C && afterNext == 0x6C) {  // re ve ll
                    emit(until: position + 3); continue
                }
            }
            // An optional single leading space, then a run of one class.
            let leadsWithSpace = current == space
            let headIndex = leadsWithSpace ? position + 1 : position
            if let head = classAt(headIndex), head != .whitespace {
                var index = headIndex + 1
                switch head {
                case .letter, .number:
                    while classAt(index) == head { index += 1 }
                default:
                    while let next = classAt(index), next == .other { index += 1 }
                }
                emit(until: index); continue
            }
            // Whitespace: \s+(?!\S) leaves the last space to the following word; \s+ takes the rest.
            var run = 0
            while classAt(position + run) == .whitespace { run += 1 }
            if run > 1 && position + run < end {
                emit(until: position + run - 1); continue
            }
            if run > 0 {
                emit(until: position + run); continue
            }
            emit(until: position + 1)
        }
    }
}

/// The scalars of a UTF-8 buffer: values, classes and byte offsets (with an end sentinel).
struct ScalarRun {
    var values: [UInt32] = []
    var classes: [ScalarClass] = []
    var offsets: [Int] = []
    var count: Int { values.count }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        values.reserveCapacity(bytes.count)
        classes.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var index = 0
        let total = bytes.count
        while index < total {
            let lead = UInt32(bytes[index])
            var value: UInt32
            var length: Int
            if lead < 0x80 {
                value = lead; length = 1
            } else if lead < 0xE0 {
                value = lead & 0x1F; length = 2
            } else if lead < 0xF0 {
                value = lead & 0x0F; length = 3
            } else {
                value = lead & 0x07; length = 4
            }
            length = min(length, total - index)
            if length > 1 {
                for continuation in 1..<length { value = (value << 6) | (UInt32(bytes[index + continuation]) & 0x3F) }
            }
            values.append(value)
            classes.append(TokenizerPreSplitter.classify(value))
            offsets.append(index)
            index += length
        }
        offsets.append(total)
    }
}
