// The model's tensors, located in the GGUF mapping by their llama.cpp names. Nothing is copied except the small
// norm and bias vectors (converted to Float so any float format works).

struct LlamaLayerWeights {
    let attentionNorm: [Float]
    let query: WeightMatrix
    let key: WeightMatrix
    let value: WeightMatrix
    let attentionOutput: WeightMatrix
    let feedForwardNorm: [Float]
    let gate: WeightMatrix
    let up: WeightMatrix
    let down: WeightMatrix
    // Added to the Q/K/V projections when the file has them (qwen2 does; llama.cpp reads them for llama too).
    let queryBias: [Float]?
    let keyBias: [Float]?
    let valueBias: [Float]?
    // gemma3 only (nil for llama): RMS norms of each query and key head, and of each block's output.
    let queryNorm: [Float]?
    let keyNorm: [Float]?
    let postAttentionNorm: [Float]?
    let postFeedForwardNorm: [Float]?
}

struct LlamaWeights {
    let tokenEmbedding: WeightMatrix
    let layers: [LlamaLayerWeights]
    let outputNorm: [Float]
    /// `output.weight`, or the token embedding when the model ties them.
    let output: WeightMatrix

    init(file: GGUFFile, config c: LlamaConfig) throws {
        let d = c.embeddingLength, qD = c.queryDimension
        // Q/K/V biases are added; any other bias would be silently left out, giving wrong text: refuse it by name.
        let isProjectionBias = { (name: String) in
            name.hasPrefix("blk.") && ["attn_q.bias", "attn_k.bias", "attn_v.bias"].contains { name.hasSuffix("." + $0) }
        }
        if let bias = file.tensors.first(where: { $0.name.hasSuffix(".bias") && !isProjectionBias($0.name) }) {
            throw GGUFError(path: file.path, problem: .unsupportedModel("tensor '\(bias.name)': biases are not implemented"))
        }
        tokenEmbedding = try WeightMatrix(file: file, name: "token_embd.weight", columns: d, rows: c.vocabSize)
        func vector(_ name: String, _ width: Int) throws -> [Float] {
            let m = try WeightMatrix(file: file, name: name, columns: width, rows: 1)
            var v = [Float](repeating: 0, count: width)
            v.withUnsafeMutableBufferPointer { m.dequantizeRow(0, into: $0.baseAddress!) }
            return v
        }
        func optionalVector(_ name: String, _ width: Int) throws -> [Float]? {
            file.tensor(named: name) == nil ? nil : try vector(name, width)
        }
        let gemma = c.family == .gemma3
        layers = try (0..<c.layerCount).map { i in
            let p = "blk.\(i)."
            return LlamaLayerWeights(
                attentionNorm: try vector(p + "attn_norm.weight", d),
                query: try WeightMatrix(file: file, name: p + "attn_q.weight", columns: d, rows: qD),
                key: try WeightMatrix(file: file, name: p + "attn_k.weight", columns: d, rows: c.kvDimension),
                value: try WeightMatrix(file: file, name: p + "attn_v.weight", columns: d, rows: c.kvDimension),
                attentionOutput: try WeightMatrix(file: file, name: p + "attn_output.weight", columns: qD, rows: d),
                feedForwardNorm: try vector(p + "ffn_norm.weight", d),
                gate: try WeightMatrix(file: file, name: p + "ffn_gate.weight", columns: d, rows: c.feedForwardLength),
                up: try WeightMatrix(file: file, name: p + "ffn_up.weight", columns: d, rows: c.feedForwardLength),
                down: try WeightMatrix(file: file, name: p + "ffn_down.weight", columns: c.feedForwardLength, rows: d),
                queryBias: try optionalVector(p + "attn_q.bias", qD),
                keyBias: try optionalVector(p + "attn_k.bias", c.kvDimension),
                valueBias: try optionalVector(p + "attn_v.bias", c.kvDimension),
                queryNorm: gemma ? try vector(p + "attn_q_norm.weight", c.headDimension) : nil,
                keyNorm: gemma ? try vector(p + "attn_k_norm.weight", c.headDimension) : nil,
                postAttentionNorm: gemma ? try vector(p + "post_attention_norm.weight", d) : nil,
                postFeedForwardNorm: gemma ? try vector(p + "post_ffw_norm.weight", d) : nil)
        }
        outputNorm = try vector("output_norm.weight", d)
        if file.tensor(named: "output.weight") != nil {
            output = try WeightMatrix(file: file, name: "output.weight", columns: d, rows: c.vocabSize)
        } else {
            output = tokenEmbedding
        }
    }
}
