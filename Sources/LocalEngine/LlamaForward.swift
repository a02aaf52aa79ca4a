// One pass of the transformer over a batch of token rows (at most `maxBatchRows`), llama2.c style:
//   x = embed(token)                                             (gemma3: · √D)
//   per layer:  x += Wo · attention(rope(Wq·norm(x) + bq), rope(Wk·norm(x) + bk), Wv·norm(x) + bv)
//               x += Wdown · (silu(Wgate·norm(x)) ⊙ Wup·norm(x))
//   logits = Wout · norm(x)          (only for rows that want them)
// The Q/K/V biases are qwen2's (a llama file that has them gets them too, as in llama.cpp); qwen2 also rotates halves.
// gemma3 also norms each query and key head before RoPE, norms each block's output before it joins x, gates with
// GELU, rotates halves, and lets its sliding-window layers see only the last `slidingWindow` keys.
// Matmuls run over all rows at once and are split by output rows across the worker pool.

extension LlamaModel {
    static let outputRowsPerChunk = 32

    func runPass(_ rows: [BatchRow], into results: inout [[[Float]]]) {
        let c = config, s = scratch, count = rows.count
        let d = c.embeddingLength, kvD = c.kvDimension, qD = c.queryDimension, f = c.feedForwardLength
        let hd = c.headDimension, eps = c.rmsNormEpsilon

        let embeddingScale: Float = c.family == .gemma3 ? Float(d).squareRoot() : 1
        for (r, row) in rows.enumerated() {
            weights.tokenEmbedding.dequantizeRow(row.token, into: s.residual + r * d)
            if embeddingScale != 1 { for i in 0..<d { s.residual[r * d + i] *= embeddingScale } }
        }

        for (l, layer) in weights.layers.enumerated() {
            // Attention block.
            for r in 0..<count {
                TransformerMath.rmsNorm(s.residual + r * d, weight: layer.attentionNorm, epsilon: eps, into: s.normed + r * d)
            }
            multiply([(layer.query, s.query), (layer.key, s.key), (layer.value, s.value)],
                     input: s.normed, rows: count, quantized: s.quantizedWidth)
            let frequencies = c.isSlidingWindowLayer(l) ? slidingRopeFrequencies : ropeFrequencies
            for (r, row) in rows.enumerated() {
                let query = s.query + r * qD, key = s.key + r * kvD, value = s.value + r * kvD
                if let bias = layer.queryBias { TransformerMath.add(bias, to: query) }
                if let bias = layer.keyBias { TransformerMath.add(bias, to: key) }
                if let bias = layer.valueBias { TransformerMath.add(bias, to: value) }
                if let queryNorm = layer.queryNorm, let keyNorm = layer.keyNorm {
                    for h in 0..<c.headCount { TransformerMath.rmsNorm(query + h * hd, weight: queryNorm, epsilon: eps, into: query + h * hd) }
                    for h in 0..<c.kvHeadCount { TransformerMath.rmsNorm(key + h * hd, weight: keyNorm, epsilon: eps, into: key + h * hd) }
                }
                if c.queryScale != 1 { for i in 0..<qD { query[i] *= c.queryScale } }
                let rope = c.family.ropeRotatesHalves ? TransformerMath.ropeHalves : TransformerMath.rope
                rope(query, c.headCount, hd, c.ropeDimensionCount, row.position, frequencies)
                rope(key, c.kvHeadCount, hd, c.ropeDimensionCount, row.position, frequencies)
                row.cache.key(layer: l, position: row.position).update(from: key, count: kvD)
                row.cache.value(layer: l, position: row.position).update(from: value, count: kvD)
            }
            attend(rows, layer: l)
            multiply([(layer.attentionOutput, s.projected)], input: s.attention, rows: count, quantized: s.quantizedAttention)
            addToResidual(rows: count, normedBy: layer.postAttentionNorm)

            // Feed-forward block.
            for r in 0..<count {
                TransformerMath.rmsNorm(s.residual + r * d, weight: layer.feedForwardNorm, epsilon: eps, into: s.normed + r * d)
            }
            multiply([(layer.gate, s.gate), (layer.up, s.up)], input: s.normed, rows: count, quantized: s.quantizedWidth)
            if c.family == .gemma3 {
                TransformerMath.geGLU(s.gate, s.up, count: count * f)
            } else {
                TransformerMath.swiGLU(s.gate, s.up, count: count * f)
            }
            multiply([(layer.down, s.projected)], input: s.gate, rows: count, quantized: s.quantizedHidden)
            addToResidual(rows: count, normedBy: layer.postFeedForwardNorm)
        }

        // Output head, for the rows whose logits were asked for, a few rows at a time.
        let wanted = rows.indices.filter { rows[$0].wantsLogits }
        var start = 0
        while start < wanted.count {
            let group = Array(wanted[start..<min(start + s.logitRows, wanted.count)])
            for (g, r) in group.enumerated() {
                TransformerMath.rmsNorm(s.residual + r * d, weight: weights.outputNorm, epsilon: eps, into: s.normed + g * d)
            }
            multiply([(weights.output, s.logits)], input: s.normed, rows: group.count, quantized: s.quantizedWidth)
            for (g, r) in group.enumerated() {
                let logits = s.logits + g * c.vocabSize
                results[rows[r].entry].append(Array(UnsafeBufferPointer(start: logits, count: c.vocabSize)))
            }
            start += group.count
        }

        for row in rows { row.cache.count = max(row.cache.count, row.position + 1) }
    }

    /// x += projected, each row of it first RMS-normed by `norm` when the model has one there (gemma3).
    private func addToResidual(rows count: Int, normedBy norm: [Float]?) {
        let s = scratch, d = config.embeddingLength
        if let norm {
            for r in 0..<count {
                TransformerMath.rmsNorm(s.projected + r * d, weight: norm, epsilon: config.rmsNormEpsilon, into: s.projected + r * d)
            }
        }
        for i in 0..<(count * d) { s.residual[i] += s.projected[i] }
    }

    /// outputs[i] = matrices[i] · input rows, all matrices' output rows shared out to the pool in chunks.
    func multiply(_ jobs: [(WeightMatrix, UnsafeMutablePointer<Float>)], input: UnsafeMutablePointer<Float>,
                  rows: Int, quantized: QuantizedActivations) {
        let round = roundsActivations && jobs.contains(where: { $0.0.isQuantized })
        if round { quantized.quantize(input, rows: rows, kernels: kernels) }
        let matmulInput = MatmulInput(floats: input, rows: rows, quantized: quantized, roundActivations: round,
                                      kernels: kernels)
        let perChunk = Self.outputRowsPerChunk
        var chunkStarts: [(job: Int, firstRow: Int)] = []
        for (j, job) in jobs.enumerated() {
            for first in stride(from: 0, to: job.0.rows, by: perChunk) { chunkStarts.append((j, first)) }
        }
        pool.run(chunks: chunkStarts.count) { chunk, _ in
            let (j, first) = chunkStarts[chunk]
            let (matrix, out) = jobs[j]
            matrix.multiply(matmulInput, outputs: first..<min(first + perChunk, matrix.rows), into: out, outStride: matrix.rows)
        }
    }

    /// Causal attention of every row's query heads against its own sequence's cache, one (row, head) per chunk;
    /// on a sliding-window layer only the last `slidingWindow` positions (the row's own included) are seen.
    func attend(_ rows: [BatchRow], layer l: Int) {
        let c = config, s = scratch
        let qD = c.queryDimension, hd = c.headDimension
        let headsPerKV = c.headCount / c.kvHeadCount
        let window = c.isSlidingWindowLayer(l) ? c.slidingWindow : nil
        pool.run(chunks: rows.count * c.headCount) { chunk, worker in
            let r = chunk / c.headCount, h = chunk % c.headCount
            let row = rows[r]
            let kvOffset = (h / headsPerKV) * hd
            let first = window.map { max(0, row.position - $0 + 1) } ?? 0
            TransformerMath.attend(
                query: s.query + r * qD + h * hd, headDimension: hd, lastPosition: row.position - first,
                keyBase: row.cache.key(layer: l, position: first) + kvOffset,
                valueBase: row.cache.value(layer: l, position: first) + kvOffset, positionStride: c.kvDimension,
                scores: s.scores + worker * s.contextLength,
                into: s.attention + r * qD + h * hd, kernels: kernels)
        }
    }
}
