// Building the tokenizer from a GGUF file's `tokenizer.ggml.*` metadata.

extension Tokenizer {
    /// The byte-level BPE tokenizer stored in a GGUF file (`tokenizer.ggml.model` = "gpt2").
    public convenience init(gguf file: GGUFFile) throws {
        let model = file.metadata["tokenizer.ggml.model"]?.string ?? "gpt2"
        guard model == "gpt2" else { throw TokenizerError.unsupportedModel(model) }
        // Without a name llama.cpp uses its "default" split, which is not implemented here.
        let preName = file.metadata["tokenizer.ggml.pre"]?.string ?? "default"
        guard let preTokenizer = PreTokenizerKind(ggufName: preName) else {
            throw TokenizerError.unsupportedPreTokenizer(preName)
        }
        guard let tokens = file.metadata["tokenizer.ggml.tokens"]?.stringArray else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.tokens")
        }
        guard let merges = file.metadata["tokenizer.ggml.merges"]?.stringArray else {
            throw TokenizerError.missingMetadata("tokenizer.ggml.merges")
        }
        // Without token types every token is ordinary text.
        let types = file.metadata["tokenizer.ggml.token_type"]?.intArray.map { $0.map { Int32(truncatingIfNeeded: $0) } }
            ?? [Int32](repeating: TokenKind.normal.rawValue, count: tokens.count)
        let bos = file.metadata["tokenizer.ggml.bos_token_id"]?.int.flatMap { Int32(exactly: $0) }
        let eos = file.metadata["tokenizer.ggml.eos_token_id"]?.int.flatMap { Int32(exactly: $0) }
        // An explicit end-of-turn / end-of-message id also ends generation (llama.cpp's EOG set).
        let extraEnds = ["tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"].compactMap {
            file.metadata[$0]?.int.flatMap { Int32(exactly: $0) }
        }
        try self.init(tokens: tokens, merges: merges, tokenTypes: types, preTokenizer: preTokenizer,
                      bosID: bos, eosID: eos, additionalEndOfGenerationIDs: Set(extraEnds))
    }
}
