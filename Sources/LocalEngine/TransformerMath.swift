import Foundation

// The small per-row operations of a llama block (everything that is not a matmul), written plainly.

enum TransformerMath {
    /// out = x / sqrt(mean(x²) + ε) · weight
    static func rmsNorm(_ x: UnsafePointer<Float>, weight: [Float], epsilon: Float, into out: UnsafeMutablePointer<Float>) {
        let n = weight.count
        var sumSquares: Float = 0
        for i in 0..<n { sumSquares += x[i] * x[i] }
        let scale = 1 / (sumSquares / Float(n) + epsilon).squareRoot()
        weight.withUnsafeBufferPointer { w in
            for i in 0..<n { out[i] = x[i] * scale * w[i] }
        }
    }

    /// Rotary position embedding, llama.cpp's "normal" mode: within each head, adjacent pairs (v[2i], v[2i+1]) are
    /// rotated by position · base^(−2i/ropeDimensions). (GGUF converters permute Q/K weights to suit this pairing.)
    static func rope(_ v: UnsafeMutablePointer<Float>, heads: Int, headDimension: Int, ropeDimensions: Int,
                     position: Int, frequencies: [Float]) {
        for i in 0..<(ropeDimensions / 2) {
            let angle = Double(position) * Double(frequencies[i])
            let c = Float(cos(angle)), s = Float(sin(angle))
            for h in 0..<heads {
                let p = v + h * headDimension + 2 * i
                let a = p[0], b = p[1]
                p[0] = a * c - b * s
                p[1] = a * s + b * c
            }
        }
    }

    static func ropeFrequencies(base: Float, ropeDimensions: Int) -> [Float] {
        (0..<(ropeDimensions / 2)).map { i in Float(pow(Double(base), -2 * Double(i) / Double(ropeDimensions))) }
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        KernelFloat.dotF32(UnsafeRawPointer(a), b, count: count)
    }

    /// One head of causal attention for one query row: softmax(q·K[0...last] / √d) · V[0...last].
    /// `keys(t)` / `values(t)` give position t's vectors for this head; `scores` holds at least last+1 floats.
    @inline(__always)
    static func attend(query: UnsafePointer<Float>, headDimension: Int, lastPosition: Int,
                       keys: (Int) -> UnsafePointer<Float>, values: (Int) -> UnsafePointer<Float>,
                       scores: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(headDimension).squareRoot()
        var maxScore = -Float.infinity
        for t in 0...lastPosition {
            let s = dot(query, keys(t), count: headDimension) * scale
            scores[t] = s
            maxScore = max(maxScore, s)
        }
        var total: Float = 0
        for t in 0...lastPosition {
            let e = expf(scores[t] - maxScore)
            scores[t] = e
            total += e
        }
        out.initialize(repeating: 0, count: headDimension)
        for t in 0...lastPosition {
            axpy(scores[t] / total, values(t), out, count: headDimension)
        }
    }

    /// y += a · x
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let xr = UnsafeRawPointer(x), yr = UnsafeMutableRawPointer(y)
        while i + 8 <= count {
            let v = yr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                + a * xr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            yr.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] += a * x[i]
            i += 1
        }
    }

    /// gate = silu(gate) · up   (SwiGLU)
    static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let g = gate[i]
            gate[i] = g / (1 + expf(-g)) * up[i]
        }
    }
}
