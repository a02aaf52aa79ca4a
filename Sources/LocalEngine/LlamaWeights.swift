// The model's tensors, located in the GGUF mapping by their llama.cpp names. Nothing is copied except the small
// norm vectors (converted to Float so any float format works).

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
}

struct LlamaWeights {
    let tokenEmbedding: WeightMatrix
    let layers: [LlamaLayerWeights]
    let outputNorm: [Float]
    /// `output.weight`, or the token embedding when the model ties them.
    let output: WeightMatrix

    init(file: GGUFFile, config c: LlamaConfig) throws {
        let d = c.embeddingLength
        tokenEmbedding = try WeightMatrix(file: file, name: "token_embd.weight", columns: d, rows: c.vocabSize)
        func norm(_ name: String) throws -> [Float] {
            let m = try WeightMatrix(file: file, name: name, columns: d, rows: 1)
            var v = [Float](repeating: 0, count: d)
            v.withUnsafeMutableBufferPointer { m.dequantizeRow(0, into: $0.baseAddress!) }
            return v
        }
        layers = try (0..<c.layerCount).map { i in
            let p = "blk.\(i)."
            return LlamaLayerWeights(
                attentionNorm: try norm(p + "attn_norm.weight"),
                query: try WeightMatrix(file: file, name: p + "attn_q.weight", columns: d, rows: d),
                key: try WeightMatrix(file: file, name: p + "attn_k.weight", columns: d, rows: c.kvDimension),
                value: try WeightMatrix(file: file, name: p + "attn_v.weight", columns: d, rows: c.kvDimension),
                attentionOutput: try WeightMatrix(file: file, name: p + "attn_output.weight", columns: d, rows: d),
                feedForwardNorm: try norm(p + "ffn_norm.weight"),
                gate: try WeightMatrix(file: file, name: p + "ffn_gate.weight", columns: d, rows: c.feedForwardLength),
                up: try WeightMatrix(file: file, name: p + "ffn_up.weight", columns: d, rows: c.feedForwardLength),
                down: try WeightMatrix(file: file, name: p + "ffn_down.weight", columns: c.feedForwardLength, rows: d))
        }
        outputNorm = try norm("output_norm.weight")
        if file.tensor(named: "output.weight") != nil {
            output = try WeightMatrix(file: file, name: "output.weight", columns: d, rows: c.vocabSize)
        } else {
            output = tokenEmbedding
        }
    }
}
