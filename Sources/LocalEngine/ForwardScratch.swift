// Working memory for one forward pass over up to `rows` token rows, allocated once per model.

final class ForwardScratch {
    let rows: Int
    let residual: UnsafeMutablePointer<Float>      // rows × D: the hidden state x
    let normed: UnsafeMutablePointer<Float>        // rows × D: rmsnorm(x), input of the matmuls
    let query: UnsafeMutablePointer<Float>         // rows × qD (all query heads; qD = D for llama)
    let key: UnsafeMutablePointer<Float>           // rows × kvD
    let value: UnsafeMutablePointer<Float>         // rows × kvD
    let attention: UnsafeMutablePointer<Float>     // rows × qD: concatenated head outputs
    let projected: UnsafeMutablePointer<Float>     // rows × D: a matmul's output before it joins the residual
    let gate: UnsafeMutablePointer<Float>          // rows × F
    let up: UnsafeMutablePointer<Float>            // rows × F
    let logits: UnsafeMutablePointer<Float>        // logitRows × V
    let scores: UnsafeMutablePointer<Float>        // threads × context: attention weights, one strip per worker
    let quantizedWidth: QuantizedActivations       // rows × D
    let quantizedHidden: QuantizedActivations      // rows × F
    let quantizedAttention: QuantizedActivations   // rows × qD
    let logitRows: Int
    let contextLength: Int

    init(config c: LlamaConfig, rows: Int, logitRows: Int, threads: Int) {
        self.rows = rows
        self.logitRows = logitRows
        contextLength = c.contextLength
        let d = c.embeddingLength, kv = c.kvDimension, f = c.feedForwardLength, qD = c.queryDimension
        residual = .allocate(capacity: rows * d)
        normed = .allocate(capacity: rows * d)
        query = .allocate(capacity: rows * qD)
        key = .allocate(capacity: rows * kv)
        value = .allocate(capacity: rows * kv)
        attention = .allocate(capacity: rows * qD)
        projected = .allocate(capacity: rows * d)
        gate = .allocate(capacity: rows * f)
        up = .allocate(capacity: rows * f)
        logits = .allocate(capacity: logitRows * c.vocabSize)
        scores = .allocate(capacity: threads * c.contextLength)
        // Quantized weights need widths in whole blocks of 32 (WeightMatrix checks); a float-only model may have any
        // width and never rounds its activations, so it gets a placeholder.
        quantizedWidth = QuantizedActivations(rows: rows, width: d % 32 == 0 ? d : 32)
        quantizedHidden = QuantizedActivations(rows: rows, width: f % 32 == 0 ? f : 32)
        quantizedAttention = QuantizedActivations(rows: rows, width: qD % 32 == 0 ? qD : 32)
    }

    deinit {
        for p in [residual, normed, query, key, value, attention, projected, gate, up, logits, scores] { p.deallocate() }
    }
}
