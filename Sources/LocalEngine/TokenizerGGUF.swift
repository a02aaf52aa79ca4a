// Building the tokenizer from a GGUF file's `tokenizer.ggml.*` metadata.

extension Tokenizer {
    /// The tokenizer stored in a GGUF file: byte-level BPE (`tokenizer.ggml.model` = "gpt2") or SentencePiece-style
    /// BPE ("llama").
    public convenience init(gguf file: GGUFFile) throws {
        let model = file.metadata["tokenizer.ggml.model"]?.string ?? "gpt2"
        if model == "llama" {
            try self.init(sentencePieceGGUF: file)
            return
        }
        guard model == "gpt2" else { throw TokenizerError.unsupportedModel(model) }
        // Without a name llama.cpp uses its "default" split, which is not implemented here.
        let preName = file.metadata["tokenizer.ggml.pre"]?.string ?? "default"
        guard let preTokenizer = PreTokenizerKind(ggufName: preName) else {
            throw TokenizerError.unsupportedPreTokenizer(preName)
        }
        let vocabulary = try GGUFVocabulary(file)
        guard let merges = file.metadata["tokenizer.ggml.merges"]?.stringArray else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.merges")
        }
        try self.init(tokens: vocabulary.tokens, merges: merges, tokenTypes: vocabulary.types, preTokenizer: preTokenizer,
                      bosID: vocabulary.bos, eosID: vocabulary.eos, additionalEndOfGenerationIDs: vocabulary.extraEnds)
    }

    private convenience init(sentencePieceGGUF file: GGUFFile) throws {
        let vocabulary = try GGUFVocabulary(file)
        guard let scores = file.metadata["tokenizer.ggml.scores"]?.floatArray else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.scores")
        }
        // llama.cpp's default for these vocabularies is a space in front; Gemma's files say false.
        let addSpacePrefix = file.metadata["tokenizer.ggml.add_space_prefix"]?.bool ?? true
        try self.init(sentencePieceTokens: vocabulary.tokens, scores: scores.map(Float.init),
                      tokenTypes: vocabulary.types, addSpacePrefix: addSpacePrefix, bosID: vocabulary.bos,
                      eosID: vocabulary.eos, additionalEndOfGenerationIDs: vocabulary.extraEnds)
    }
}

/// What both tokenizer models read alike: spellings, token types, BOS/EOS and end-of-turn ids.
private struct GGUFVocabulary {
    let tokens: [String]
    let types: [Int32]
    let bos: Int32?
    let eos: Int32?
    let extraEnds: Set<Int32>

    init(_ file: GGUFFile) throws {
        guard let tokens = file.metadata["tokenizer.ggml.tokens"]?.stringArray else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.tokens")
        }
        self.tokens = tokens
        // Without token types every token is ordinary text.
        types = file.metadata["tokenizer.ggml.token_type"]?.intArray.map { $0.map { Int32(truncatingIfNeeded: $0) } }
            ?? [Int32](repeating: TokenKind.normal.rawValue, count: tokens.count)
        bos = file.metadata["tokenizer.ggml.bos_token_id"]?.int.flatMap { Int32(exactly: $0) }
        eos = file.metadata["tokenizer.ggml.eos_token_id"]?.int.flatMap { Int32(exactly: $0) }
        // An explicit end-of-turn / end-of-message id also ends generation (llama.cpp's EOG set).
        extraEnds = Set(["tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"].compactMap {
            file.metadata[$0]?.int.flatMap { Int32(exactly: $0) }
        })
    }
}
