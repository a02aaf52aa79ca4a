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

    /// x += bias (a projection's bias, one per output row).
    static func add(_ bias: [Float], to x: UnsafeMutablePointer<Float>) {
        for i in 0..<bias.count { x[i] += bias[i] }
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

    /// Rotary position embedding, llama.cpp's "NEOX" mode (gemma3, qwen2): within each head, v[i] pairs with
    /// v[i + ropeDimensions/2], rotated by position · base^(−2i/ropeDimensions).
    static func ropeHalves(_ v: UnsafeMutablePointer<Float>, heads: Int, headDimension: Int, ropeDimensions: Int,
                           position: Int, frequencies: [Float]) {
        let half = ropeDimensions / 2
        for i in 0..<half {
            let angle = Double(position) * Double(frequencies[i])
            let c = Float(cos(angle)), s = Float(sin(angle))
            for h in 0..<heads {
                let p = v + h * headDimension
                let a = p[i], b = p[i + half]
                p[i] = a * c - b * s
                p[i + half] = a * s + b * c
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
    /// Position t's key for this head is at `keyBase + t·positionStride` (likewise values); `scores` holds last+1 floats.
    /// With `kernels` at AVX2 or above, the two dot-product loops run in CKernels (the softmax stays here).
    static func attend(query: UnsafePointer<Float>, headDimension: Int, lastPosition: Int,
                       keyBase: UnsafePointer<Float>, valueBase: UnsafePointer<Float>, positionStride: Int,
                       scores: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>,
                       kernels: MatmulKernelLevel = .portable) {
        let scale = 1 / Float(headDimension).squareRoot()
        let count = lastPosition + 1
        let native = kernels >= .avx2 && headDimension % 8 == 0
        if native {
            NativeAttention.scores(query: query, keys: keyBase, stride: positionStride, headDimension: headDimension,
                                   count: count, scale: scale, into: scores)
        } else {
            attentionScores(query: query, keyBase: keyBase, positionStride: positionStride, headDimension: headDimension,
                            count: count, scale: scale, into: scores)
        }
        var maxScore = -Float.infinity
        for t in 0..<count { maxScore = max(maxScore, scores[t]) }
        let inverseTotal = 1 / exponentiate(scores, count: count, shift: maxScore)
        if native {
            NativeAttention.mix(weights: scores, values: valueBase, stride: positionStride, headDimension: headDimension,
                                count: count, scale: inverseTotal, into: out)
        } else {
            attentionMix(weights: scores, valueBase: valueBase, positionStride: positionStride,
                         headDimension: headDimension, count: count, scale: inverseTotal, into: out)
        }
    }

    /// scores[t] = scale · q · key_t (the portable path of `attend`).
    static func attentionScores(query: UnsafePointer<Float>, keyBase: UnsafePointer<Float>, positionStride: Int,
                                headDimension: Int, count: Int, scale: Float, into scores: UnsafeMutablePointer<Float>) {
        @inline(__always) func keys(_ t: Int) -> UnsafePointer<Float> { keyBase + t * positionStride }
        if headDimension % 8 == 0 {
            // Four positions at a time share each load of the query.
            var t = 0
            while t + 4 <= count {
                let s = dot4(query, keys(t), keys(t + 1), keys(t + 2), keys(t + 3), count: headDimension) * scale
                scores[t] = s[0]; scores[t + 1] = s[1]; scores[t + 2] = s[2]; scores[t + 3] = s[3]
                t += 4
            }
            while t < count {
                scores[t] = dot(query, keys(t), count: headDimension) * scale
                t += 1
            }
        } else {
            for t in 0..<count { scores[t] = dot(query, keys(t), count: headDimension) * scale }
        }
    }

    /// out = scale · Σ_t weights[t] · value_t (the portable path of `attend`).
    static func attentionMix(weights: UnsafePointer<Float>, valueBase: UnsafePointer<Float>, positionStride: Int,
                             headDimension: Int, count: Int, scale: Float, into out: UnsafeMutablePointer<Float>) {
        @inline(__always) func values(_ t: Int) -> UnsafePointer<Float> { valueBase + t * positionStride }
        if headDimension % 16 == 0 {
            // The weighted sum of values, 16 output lanes at a time kept in registers across all positions.
            let outRaw = UnsafeMutableRawPointer(out)
            for lane in stride(from: 0, to: headDimension, by: 16) {
                var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
                for t in 0..<count {
                    let v = UnsafeRawPointer(values(t) + lane)
                    let p = weights[t]
                    a0 += p * v.loadUnaligned(as: SIMD8<Float>.self)
                    a1 += p * v.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                }
                outRaw.storeBytes(of: a0 * scale, toByteOffset: lane * 4, as: SIMD8<Float>.self)
                outRaw.storeBytes(of: a1 * scale, toByteOffset: lane * 4 + 32, as: SIMD8<Float>.self)
            }
        } else {
            out.initialize(repeating: 0, count: headDimension)
            for t in 0..<count { axpy(weights[t] * scale, values(t), out, count: headDimension) }
        }
    }

    /// q · k0...k3 for vectors whose length is a multiple of 8.
    @inline(__always)
    static func dot4(_ q: UnsafePointer<Float>, _ k0: UnsafePointer<Float>, _ k1: UnsafePointer<Float>,
                     _ k2: UnsafePointer<Float>, _ k3: UnsafePointer<Float>, count: Int) -> SIMD4<Float> {
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        let qr = UnsafeRawPointer(q)
        let r0 = UnsafeRawPointer(k0), r1 = UnsafeRawPointer(k1), r2 = UnsafeRawPointer(k2), r3 = UnsafeRawPointer(k3)
        for offset in stride(from: 0, to: count * 4, by: 32) {
            let x = qr.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a0 += x * r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a1 += x * r1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a2 += x * r2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a3 += x * r3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        }
        return SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum())
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
        let g = UnsafeMutableRawPointer(gate), u = UnsafeRawPointer(up)
        var i = 0
        while i + 8 <= count {
            let x = g.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let y = x / (1 + exp8(-x)) * u.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            g.storeBytes(of: y, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            gate[i] = gate[i] / (1 + exp8(SIMD8(repeating: -gate[i]))[0]) * up[i]
            i += 1
        }
    }

    /// gate = gelu(gate) · up   (GeGLU, GELU's tanh approximation as llama.cpp and gemma use)
    static func geGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        let sqrtTwoOverPi: Float = 0.797_884_560_802_865_4
        for i in 0..<count {
            let x = gate[i]
            gate[i] = 0.5 * x * (1 + tanh(sqrtTwoOverPi * x * (1 + 0.044715 * x * x))) * up[i]
        }
    }

    /// p[i] = e^(p[i] − shift) for i < count; returns their sum.
    static func exponentiate(_ p: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        let raw = UnsafeMutableRawPointer(p)
        var sums = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            let e = exp8(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - shift)
            raw.storeBytes(of: e, toByteOffset: i * 4, as: SIMD8<Float>.self)
            sums += e
            i += 8
        }
        var total = sums.sum()
        while i < count {
            p[i] = exp8(SIMD8(repeating: p[i] - shift))[0]
            total += p[i]
            i += 1
        }
        return total
    }

    /// e^x in 8 lanes (Cephes' expf): x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by a degree-7 polynomial, 2^n put in
    /// the exponent bits. Within 2 ulp of expf; inputs are clamped to [−87.3, 88.3], where e^x is a normal float.
    @inline(__always)
    static func exp8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let clamped = x.clamped(lowerBound: SIMD8(repeating: -87.3), upperBound: SIMD8(repeating: 88.3))
        // Rounding to the nearest integer by adding and removing 1.5·2^23, whose low mantissa bits then hold n.
        let magic: Float = 0x1.8p23
        let shifted = clamped * 1.44269504088896341 + magic
        let n = shifted - magic
        let r = clamped - n * 0.693359375 + n * 2.12194440e-4
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let polynomial = p * r * r + r + 1
        let exponent = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(SIMD8<Float>(repeating: magic), to: SIMD8<Int32>.self)
            &+ 127) &<< 23
        return polynomial * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    }
}
