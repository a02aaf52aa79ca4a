import Foundation

/// The kind of a vocabulary entry (GGUF `tokenizer.ggml.token_type`, llama.cpp's numbering).
public enum TokenKind: Int32, Sendable {
    case undefined = 0, normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
}

public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    case emptyVocabulary
    case mismatchedTokenTypes(tokens: Int, types: Int)
    case unsupportedModel(String)
    case unsupportedPreTokenizer(String)
    case missingMetadata(String)

    public var description: String {
        switch self {
        case .emptyVocabulary: "the vocabulary is empty"
        case let .mismatchedTokenTypes(tokens, types): "\(tokens) tokens but \(types) token types"
        case let .unsupportedModel(name): "tokenizer model \"\(name)\" is not implemented (supported: gpt2, llama)"
        case let .unsupportedPreTokenizer(name): "pre-tokenizer \"\(name)\" is not implemented"
        case let .missingMetadata(key): "GGUF metadata \"\(key)\" is missing or has the wrong type"
        }
    }
}

/// Byte-level BPE (GPT-2 style) or SentencePiece-style BPE tokenizer, matching llama.cpp's tokenization of the same
/// vocabulary. Immutable apart from an internal, locked cache of word encodings: safe to share between threads.
public final class Tokenizer: @unchecked Sendable {
    public let tokens: [String]
    public let kinds: [TokenKind]
    /// How byte-level BPE splits text into words first; nil for SentencePiece, which does not.
    public let preTokenizer: PreTokenizerKind?
    public let bosID: Int32?
    public let eosID: Int32?
    /// Tokens that end a generation (EOS, end-of-turn markers such as <|im_end|>, <|endoftext|>).
    public let endOfGenerationIDs: Set<Int32>
    public var vocabularySize: Int { tokens.count }

    private let idsByToken: [String: Int32]
    private let encoding: TextEncoding
    private let byteTokenIDs: [Int32]
    /// Bytes of every token, flattened: token i spans byteStarts[i]..<byteStarts[i+1].
    private let allTokenBytes: [UInt8]
    private let byteStarts: [Int]
    /// Special tokens matched in text before pre-tokenization, longest first (as llama.cpp).
    private let specialTokens: [(id: Int32, bytes: [UInt8], kind: TokenKind)]
    private let cache = WordCache()

    /// How plain text (between special tokens) becomes tokens.
    private enum TextEncoding {
        case byteLevel(merges: TokenizerMergeTable, splitter: TokenizerPreSplitter)
        case sentencePiece(SentencePieceEncoder)
    }

    private enum Scheme {
        case byteLevel(merges: [String], preTokenizer: PreTokenizerKind)
        case sentencePiece(scores: [Float], addSpacePrefix: Bool)
    }

    /// Byte-level BPE.
    /// - Parameters:
    ///   - tokens: vocabulary spellings (byte-level: "Ġthe" for " the"); index = token id.
    ///   - merges: BPE merges "left right", best first.
    ///   - tokenTypes: llama.cpp token types per token (1 normal, 3 control, 4 user defined, …).
    public convenience init(tokens: [String], merges mergeRules: [String], tokenTypes: [Int32],
                            preTokenizer: PreTokenizerKind = .digitsThenGPT2,
                            bosID: Int32? = nil, eosID: Int32? = nil,
                            additionalEndOfGenerationIDs: Set<Int32> = []) throws {
        try self.init(tokens: tokens, tokenTypes: tokenTypes,
                      scheme: .byteLevel(merges: mergeRules, preTokenizer: preTokenizer),
                      bosID: bosID, eosID: eosID, additionalEndOfGenerationIDs: additionalEndOfGenerationIDs)
    }

    /// SentencePiece-style BPE: `tokens` spell spaces "▁" and bytes "<0xNN>" (type 6); `scores` rank merges.
    public convenience init(sentencePieceTokens tokens: [String], scores: [Float], tokenTypes: [Int32],
                            addSpacePrefix: Bool, bosID: Int32? = nil, eosID: Int32? = nil,
                            additionalEndOfGenerationIDs: Set<Int32> = []) throws {
        guard scores.count == tokens.count else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.scores (\(scores.count) for \(tokens.count) tokens)")
        }
        try self.init(tokens: tokens, tokenTypes: tokenTypes,
                      scheme: .sentencePiece(scores: scores, addSpacePrefix: addSpacePrefix),
                      bosID: bosID, eosID: eosID, additionalEndOfGenerationIDs: additionalEndOfGenerationIDs)
    }

    private init(tokens: [String], tokenTypes: [Int32], scheme: Scheme, bosID: Int32?, eosID: Int32?,
                 additionalEndOfGenerationIDs: Set<Int32>) throws {
        guard !tokens.isEmpty else { throw TokenizerError.emptyVocabulary }
        guard tokens.count == tokenTypes.count else {
            throw TokenizerError.mismatchedTokenTypes(tokens: tokens.count, types: tokenTypes.count)
        }
        self.tokens = tokens
        self.kinds = tokenTypes.map { TokenKind(rawValue: $0) ?? .undefined }
        self.bosID = bosID
        self.eosID = eosID

        var idsByToken = [String: Int32](minimumCapacity: tokens.count)
        for (index, token) in tokens.enumerated() where idsByToken[token] == nil {
            idsByToken[token] = Int32(index)
        }
        self.idsByToken = idsByToken

        // Some vocabularies lack a few bytes (SmolLM2: the controls U+0004, U+0006, U+0013, U+0014,
        // U+0016, U+001D). Such bytes stay as -1: they block merges and are then dropped, as llama.cpp does.
        var byteTokenIDs = [Int32](repeating: -1, count: 256)
        switch scheme {
        case let .byteLevel(mergeRules, preTokenizer):
            for byte in 0..<256 {
                byteTokenIDs[byte] = idsByToken[TokenizerByteMapping.encode([UInt8(byte)])] ?? -1
            }
            guard byteTokenIDs.contains(where: { $0 >= 0 }) else { throw TokenizerError.emptyVocabulary }
            var table = TokenizerMergeTable()
            for (rank, rule) in mergeRules.enumerated() {
                guard let space = rule.firstIndex(of: " ") else { continue }
                let left = String(rule[..<space]), right = String(rule[rule.index(after: space)...])
                guard let leftID = idsByToken[left], let rightID = idsByToken[right],
                      let mergedID = idsByToken[left + right] else { continue }
                table.add(left: leftID, right: rightID, merged: mergedID, rank: rank)
            }
            self.preTokenizer = preTokenizer
            encoding = .byteLevel(merges: table, splitter: TokenizerPreSplitter(kind: preTokenizer))
        case let .sentencePiece(scores, addSpacePrefix):
            for (index, token) in tokens.enumerated() where kinds[index] == .byte {
                if let byte = SentencePieceEncoder.byteValue(of: token) { byteTokenIDs[Int(byte)] = Int32(index) }
            }
            self.preTokenizer = nil
            encoding = .sentencePiece(SentencePieceEncoder(scores: scores, byteTokenIDs: byteTokenIDs,
                                                           addSpacePrefix: addSpacePrefix))
        }
        self.byteTokenIDs = byteTokenIDs

        var allBytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(tokens.count + 1)
        var specials: [(id: Int32, bytes: [UInt8], kind: TokenKind)] = []
        for (index, token) in tokens.enumerated() {
            let kind = kinds[index]
            let bytes: [UInt8]
            switch kind {
            case .normal, .byte, .undefined, .unused:
                bytes = Self.textBytes(of: token, kind: kind, encoding: encoding)
            case .control, .userDefined, .unknown:
                bytes = Array(token.utf8)
                if !bytes.isEmpty { specials.append((Int32(index), bytes, kind)) }
            }
            allBytes.append(contentsOf: bytes)
            starts.append(allBytes.count)
        }
        self.allTokenBytes = allBytes
        self.byteStarts = starts
        specials.sort { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.id < $1.id }
        self.specialTokens = specials

        // llama.cpp's end-of-generation set: EOS plus well-known end-of-turn spellings.
        var ends = additionalEndOfGenerationIDs.filter { $0 >= 0 && Int($0) < tokens.count }
        if let eosID { ends.insert(eosID) }
        for name in ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<EOT>"] {
            if let id = idsByToken[name], kinds[Int(id)] == .control || kinds[Int(id)] == .userDefined {
                ends.insert(id)
            }
        }
        self.endOfGenerationIDs = ends
    }

    /// What an ordinary token stands for: GPT-2's byte alphabet decoded, or SentencePiece's "▁" as a space and
    /// <0xNN> as its byte.
    private static func textBytes(of token: String, kind: TokenKind, encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .byteLevel:
            return TokenizerByteMapping.decode(token) ?? Array(token.utf8)
        case .sentencePiece:
            if kind == .byte, let byte = SentencePieceEncoder.byteValue(of: token) { return [byte] }
            return Array(token.replacingOccurrences(of: SentencePieceEncoder.space, with: " ").utf8)
        }
    }

    // MARK: - Looking up tokens

    /// The id of a vocabulary spelling (e.g. "<|im_start|>", "ĠParis").
    public func id(of token: String) -> Int32? { idsByToken[token] }

    public func kind(of id: Int32) -> TokenKind {
        kinds.indices.contains(Int(id)) ? kinds[Int(id)] : .undefined
    }

    /// Whether the token is a control marker (not text): <|im_start|>, <|endoftext|>, …
    public func isControl(_ id: Int32) -> Bool { kind(of: id) == .control }

    /// The raw bytes a token stands for; special tokens give their text. Empty for an unknown id.
    public func tokenBytes(_ id: Int32) -> [UInt8] {
        guard id >= 0, Int(id) < tokens.count else { return [] }
        return Array(allTokenBytes[byteStarts[Int(id)]..<byteStarts[Int(id) + 1]])
    }

    /// Appends a token's bytes without allocating an intermediate array.
    public func appendBytes(of id: Int32, to bytes: inout [UInt8]) {
        guard id >= 0, Int(id) < tokens.count else { return }
        bytes.append(contentsOf: allTokenBytes[byteStarts[Int(id)]..<byteStarts[Int(id) + 1]])
    }

    // MARK: - Decoding

    /// The text of a token sequence. Control tokens are spelled out unless `skippingControlTokens`.
    /// Invalid UTF-8 (a sequence cut inside a character) decodes to U+FFFD.
    public func decode(_ ids: [Int32], skippingControlTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids where !(skippingControlTokens && isControl(id)) { appendBytes(of: id, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Encoding

    /// Token ids of `text` (no BOS added). With `parseSpecial`, the text of control tokens such as
    /// "<|im_start|>" becomes their id; without it only user-defined tokens are matched whole.
    public func encode(_ text: String, parseSpecial: Bool = false) -> [Int32] {
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { return [] }
        return utf8.withUnsafeMutableBufferPointer { mutable in
            let bytes = UnsafeBufferPointer(mutable)
            var output: [Int32] = []
            output.reserveCapacity(bytes.count / 3 + 4)
            var afterSpecial = true  // the start of the text counts as one (SentencePiece's space prefix)
            for fragment in partitionSpecial(bytes, parseSpecial: parseSpecial) {
                switch fragment {
                case let .special(id):
                    output.append(id)
                    afterSpecial = true
                case let .text(range):
                    encodePlain(UnsafeBufferPointer(rebasing: bytes[range]), afterSpecial: afterSpecial, into: &output)
                    afterSpecial = false
                }
            }
            return output
        }
    }

    private enum Fragment { case text(Range<Int>), special(Int32) }

    /// Cuts special-token text out of the input, longest special token first (llama.cpp's order).
    private func partitionSpecial(_ bytes: UnsafeBufferPointer<UInt8>, parseSpecial: Bool) -> [Fragment] {
        var fragments: [Fragment] = [.text(0..<bytes.count)]
        for special in specialTokens {
            if !parseSpecial && (special.kind == .control || special.kind == .unknown) { continue }
            let needle = special.bytes
            var result: [Fragment] = []
            var changed = false
            for fragment in fragments {
                guard case let .text(range) = fragment else { result.append(fragment); continue }
                var start = range.lowerBound
                var cursor = range.lowerBound
                while cursor + needle.count <= range.upperBound {
                    if bytes[cursor] == needle[0] && matches(needle, in: bytes, at: cursor) {
                        if start < cursor { result.append(.text(start..<cursor)) }
                        result.append(.special(special.id))
                        cursor += needle.count
                        start = cursor
                        changed = true
                    } else {
                        cursor += 1
                    }
                }
                if start < range.upperBound { result.append(.text(start..<range.upperBound)) }
            }
            if changed { fragments = result }
        }
        return fragments
    }

    @inline(__always)
    private func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        for index in 1..<needle.count where bytes[offset + index] != needle[index] { return false }
        return true
    }

    private func encodePlain(_ bytes: UnsafeBufferPointer<UInt8>, afterSpecial: Bool, into output: inout [Int32]) {
        switch encoding {
        case let .byteLevel(merges, splitter):
            encodeByteLevel(bytes, merges: merges, splitter: splitter, into: &output)
        case let .sentencePiece(encoder):
            let text = String(decoding: bytes, as: UTF8.self)
            encoder.encode(encoder.addSpacePrefix && afterSpecial ? " " + text : text,
                           lookup: { idsByToken[String(decoding: $0, as: UTF8.self)] }, into: &output)
        }
    }

    private func encodeByteLevel(_ bytes: UnsafeBufferPointer<UInt8>, merges: TokenizerMergeTable,
                                 splitter: TokenizerPreSplitter, into output: inout [Int32]) {
        var pieces: [Range<Int>] = []
        splitter.split(bytes, into: &pieces)
        for piece in pieces {
            let word = UnsafeBufferPointer(rebasing: bytes[piece])
            if word.count == 1 {
                let id = byteTokenIDs[Int(word[0])]
                if id >= 0 { output.append(id) }
                continue
            }
            let key = Array(word)
            if let cached = cache.lookup(key) {
                output.append(contentsOf: cached)
                continue
            }
            var encoded = merges.merge(key.map { byteTokenIDs[Int($0)] })
            if encoded.contains(-1) { encoded.removeAll { $0 < 0 } }
            cache.store(key, encoded)
            output.append(contentsOf: encoded)
        }
    }
}

/// Encodings of recently seen words, shared between threads behind a lock.
private final class WordCache: @unchecked Sendable {
    private var entries: [[UInt8]: [Int32]] = [:]
    private let lock = NSLock()
    private let capacity = 200_000

    func lookup(_ word: [UInt8]) -> [Int32]? {
        lock.lock(); defer { lock.unlock() }
        return entries[word]
    }

    func store(_ word: [UInt8], _ ids: [Int32]) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[word] = ids
    }
}
