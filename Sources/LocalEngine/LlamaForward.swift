// One pass of the transformer over a batch of token rows (at most `maxBatchRows`), llama2.c style:
//   x = embed(token)
//   per layer:  x += Wo · attention(rope(Wq·norm(x)), rope(Wk·norm(x)), Wv·norm(x))
//               x += Wdown · (silu(Wgate·norm(x)) ⊙ Wup·norm(x))
//   logits = Wout · norm(x)          (only for rows that want them)
// Matmuls run over all rows at once and are split by output rows across the worker pool.

extension LlamaModel {
    static let outputRowsPerChunk = 32

    func runPass(_ rows: [BatchRow], into results: inout [[[Float]]]) {
        let c = config, s = scratch, count = rows.count
        let d = c.embeddingLength, kvD = c.kvDimension, f = c.feedForwardLength, hd = c.headDimension
        let eps = c.rmsNormEpsilon

        for (r, row) in rows.enumerated() {
            weights.tokenEmbedding.dequantizeRow(row.token, into: s.residual + r * d)
        }

        for (l, layer) in weights.layers.enumerated() {
            // Attention block.
            for r in 0..<count {
                TransformerMath.rmsNorm(s.residual + r * d, weight: layer.attentionNorm, epsilon: eps, into: s.normed + r * d)
            }
            multiply([(layer.query, s.query), (layer.key, s.key), (layer.value, s.value)],
                     input: s.normed, rows: count, quantized: s.quantizedWidth)
            for (r, row) in rows.enumerated() {
                TransformerMath.rope(s.query + r * d, heads: c.headCount, headDimension: hd,
                                     ropeDimensions: c.ropeDimensionCount, position: row.position, frequencies: ropeFrequencies)
                TransformerMath.rope(s.key + r * kvD, heads: c.kvHeadCount, headDimension: hd,
                                     ropeDimensions: c.ropeDimensionCount, position: row.position, frequencies: ropeFrequencies)
                row.cache.key(layer: l, position: row.position).update(from: s.key + r * kvD, count: kvD)
                row.cache.value(layer: l, position: row.position).update(from: s.value + r * kvD, count: kvD)
            }
            attend(rows, layer: l)
            multiply([(layer.attentionOutput, s.projected)], input: s.attention, rows: count, quantized: s.quantizedWidth)
            for i in 0..<(count * d) { s.residual[i] += s.projected[i] }

            // Feed-forward block.
            for r in 0..<count {
                TransformerMath.rmsNorm(s.residual + r * d, weight: layer.feedForwardNorm, epsilon: eps, into: s.normed + r * d)
            }
            multiply([(layer.gate, s.gate), (layer.up, s.up)], input: s.normed, rows: count, quantized: s.quantizedWidth)
            TransformerMath.swiGLU(s.gate, s.up, count: count * f)
            multiply([(layer.down, s.projected)], input: s.gate, rows: count, quantized: s.quantizedHidden)
            for i in 0..<(count * d) { s.residual[i] += s.projected[i] }
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

    /// outputs[i] = matrices[i] · input rows, all matrices' output rows shared out to the pool in chunks.
    func multiply(_ jobs: [(WeightMatrix, UnsafeMutablePointer<Float>)], input: UnsafeMutablePointer<Float>,
                  rows: Int, quantized: QuantizedActivations) {
        let round = roundsActivations && jobs.contains(where: { $0.0.isQuantized })
        if round { quantized.quantize(input, rows: rows) }
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

    /// Causal attention of every row's query heads against its own sequence's cache, one (row, head) per chunk.
    func attend(_ rows: [BatchRow], layer l: Int) {
        let c = config, s = scratch
        let d = c.embeddingLength, hd = c.headDimension
        let headsPerKV = c.headCount / c.kvHeadCount
        pool.run(chunks: rows.count * c.headCount) { chunk, worker in
            let r = chunk / c.headCount, h = chunk % c.headCount
            let row = rows[r]
            let kvOffset = (h / headsPerKV) * hd
            TransformerMath.attend(
                query: s.query + r * d + h * hd, headDimension: hd, lastPosition: row.position,
                keyBase: row.cache.key(layer: l, position: 0) + kvOffset,
                valueBase: row.cache.value(layer: l, position: 0) + kvOffset, positionStride: c.kvDimension,
                scores: s.scores + worker * s.contextLength,
                into: s.attention + r * d + h * hd)
        }
    }
}
