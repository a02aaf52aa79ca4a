// The shape of a llama-architecture model, read from GGUF metadata (keys are prefixed by `general.architecture`).

public struct LlamaConfig: Sendable, Equatable {
    public let architecture: String
    public let vocabSize: Int
    /// The context the model was trained for (`<arch>.context_length`).
    public let trainedContextLength: Int
    /// Tokens a KVCache of this model holds: the trained context, or less if the model was loaded with a smaller one.
    public let contextLength: Int
    public let embeddingLength: Int
    public let layerCount: Int
    public let headCount: Int
    public let kvHeadCount: Int
    public let headDimension: Int
    public let feedForwardLength: Int
    public let rmsNormEpsilon: Float
    public let ropeFrequencyBase: Float
    /// Leading dimensions of each head that RoPE rotates (all of them unless `<arch>.rope.dimension_count` says less).
    public let ropeDimensionCount: Int

    public var kvDimension: Int { kvHeadCount * headDimension }

    /// Reads the config; `contextLength` (if given) caps the cache size below the trained context.
    public init(file: GGUFFile, contextLength: Int? = nil) throws {
        let arch = try file.requireString("general.architecture")
        // Architectures that share llama's tensor layout and normal (adjacent-pair) RoPE.
        guard ["llama"].contains(arch) else {
            throw GGUFError(path: file.path, problem: .unsupportedModel("architecture '\(arch)' (supported: llama)"))
        }
        architecture = arch
        embeddingLength = try file.requireInt("\(arch).embedding_length")
        layerCount = try file.requireInt("\(arch).block_count")
        headCount = try file.requireInt("\(arch).attention.head_count")
        kvHeadCount = file.metadata["\(arch).attention.head_count_kv"]?.int ?? headCount
        feedForwardLength = try file.requireInt("\(arch).feed_forward_length")
        trainedContextLength = try file.requireInt("\(arch).context_length")
        rmsNormEpsilon = Float(try file.requireFloat("\(arch).attention.layer_norm_rms_epsilon"))
        ropeFrequencyBase = Float(file.metadata["\(arch).rope.freq_base"]?.float ?? 10000)

        func invalid(_ what: String) -> GGUFError { GGUFError(path: file.path, problem: .malformed(what)) }
        guard embeddingLength > 0, layerCount > 0, headCount > 0, kvHeadCount > 0, feedForwardLength > 0,
              trainedContextLength > 0 else { throw invalid("non-positive model dimension") }
        guard embeddingLength % headCount == 0 else { throw invalid("embedding length not divisible by head count") }
        guard headCount % kvHeadCount == 0 else { throw invalid("head count not divisible by KV head count") }
        headDimension = embeddingLength / headCount
        guard headDimension % 2 == 0 else { throw invalid("odd head dimension") }
        ropeDimensionCount = file.metadata["\(arch).rope.dimension_count"]?.int ?? headDimension
        guard ropeDimensionCount > 0, ropeDimensionCount <= headDimension, ropeDimensionCount % 2 == 0 else {
            throw invalid("rope dimension count \(ropeDimensionCount)")
        }

        if let v = file.metadata["\(arch).vocab_size"]?.int {
            vocabSize = v
        } else if let tokens = file.metadata["tokenizer.ggml.tokens"]?.array {
            vocabSize = tokens.count
        } else {
            vocabSize = try file.requireTensor("token_embd.weight").rowCount
        }
        if let requested = contextLength {
            guard requested > 0 else { throw invalid("requested context length \(requested)") }
            self.contextLength = min(requested, trainedContextLength)
        } else {
            self.contextLength = trainedContextLength
        }
    }
}
