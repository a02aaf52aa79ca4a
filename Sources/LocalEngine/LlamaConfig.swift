// The shape of a decoder-only transformer, read from GGUF metadata (keys are prefixed by `general.architecture`):
// llama; qwen2 — llama's block with Q/K/V biases and RoPE on halves; or gemma3 — llama's block with per-head Q/K
// norms, norms after attention and feed-forward, GELU gating, embeddings scaled by √D, RoPE on halves, and
// sliding-window layers with their own RoPE base.

/// The architectures this engine runs; any other is refused by name.
public enum ModelFamily: String, Sendable, CaseIterable {
    case llama, gemma3, qwen2

    /// RoPE pairs v[i] with v[i + d/2] (llama.cpp's NEOX mode) rather than adjacent v[2i], v[2i+1]: the llama
    /// converter permutes Q/K weights into adjacent pairs, the others keep Hugging Face's layout.
    var ropeRotatesHalves: Bool { self != .llama }
}

public struct LlamaConfig: Sendable, Equatable {
    public let architecture: String
    public let family: ModelFamily
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
    /// Keys a sliding-window layer attends to (itself and the ones before it); nil: every layer sees everything.
    public let slidingWindow: Int?
    /// The RoPE base of sliding-window layers (gemma3: 10,000, the global layers `ropeFrequencyBase`).
    public let slidingRopeFrequencyBase: Float
    /// Multiplies the query before the usual 1/√headDimension (gemma3 27B scales by D/heads instead).
    public let queryScale: Float

    public var kvDimension: Int { kvHeadCount * headDimension }
    /// Width of all query heads together (differs from the embedding when `<arch>.attention.key_length` is set).
    public var queryDimension: Int { headCount * headDimension }

    /// gemma3: five sliding-window layers, then a global one (llama.cpp's pattern 6).
    public func isSlidingWindowLayer(_ layer: Int) -> Bool {
        slidingWindow != nil && layer % 6 < 5
    }

    /// Reads the config; `contextLength` (if given) caps the cache size below the trained context.
    public init(file: GGUFFile, contextLength: Int? = nil) throws {
        let arch = try file.requireString("general.architecture")
        guard let family = ModelFamily(rawValue: arch) else {
            let supported = ModelFamily.allCases.map(\.rawValue).joined(separator: ", ")
            throw GGUFError(path: file.path, problem: .unsupportedModel("architecture '\(arch)' (supported: \(supported))"))
        }
        architecture = arch
        self.family = family
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
        guard headCount % kvHeadCount == 0 else { throw invalid("head count not divisible by KV head count") }
        if let keyLength = file.metadata["\(arch).attention.key_length"]?.int {
            guard keyLength == file.metadata["\(arch).attention.value_length"]?.int ?? keyLength else {
                throw invalid("key and value head lengths differ")
            }
            headDimension = keyLength
        } else {
            guard embeddingLength % headCount == 0 else { throw invalid("embedding length not divisible by head count") }
            headDimension = embeddingLength / headCount
        }
        guard headDimension > 0, headDimension % 2 == 0 else { throw invalid("head dimension \(headDimension)") }
        ropeDimensionCount = file.metadata["\(arch).rope.dimension_count"]?.int ?? headDimension
        guard ropeDimensionCount > 0, ropeDimensionCount <= headDimension, ropeDimensionCount % 2 == 0 else {
            throw invalid("rope dimension count \(ropeDimensionCount)")
        }

        if family == .gemma3, let window = file.metadata["\(arch).attention.sliding_window"]?.int, window > 0 {
            slidingWindow = window
        } else {
            slidingWindow = nil
        }
        slidingRopeFrequencyBase = Float(file.metadata["\(arch).rope.freq_base_swa"]?.float ?? 10000)
        // gemma_pytorch: 1/√(D/heads) for the 27B (62 layers), else 1/√headDimension, the usual scale.
        let gemmaScale = family == .gemma3 && layerCount == 62
        queryScale = gemmaScale ? (Float(headDimension) / Float(embeddingLength / headCount)).squareRoot() : 1

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
