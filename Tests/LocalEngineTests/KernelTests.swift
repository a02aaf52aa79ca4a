import Foundation
import XCTest
@testable import LocalEngine

/// Each weight format's kernels against a plain float computation on the dequantized weights.
/// Quantized test weights are produced here by straightforward reference quantizers (llama.cpp's formulas).
final class KernelTests: XCTestCase {
    var generator = SystemRandomNumberGenerator()

    func randomFloats(_ n: Int, scale: Float = 1) -> [Float] {
        (0..<n).map { _ in Float.random(in: -scale...scale) }
    }

    func half(_ v: Float) -> [UInt8] {
        let bits = Float16(v).bitPattern
        return [UInt8(bits & 0xFF), UInt8(bits >> 8)]
    }

    /// The formats `quantize` writes (the others come from gguf-py: QuantizationFormatTests).
    static let swiftWrittenTypes: [GGMLType] = [.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1]

    /// Quantizes a row of floats (count a multiple of 32) into the given format's bytes.
    func quantize(_ x: [Float], as type: GGMLType) -> [UInt8] {
        var out: [UInt8] = []
        switch type {
        case .f32:
            for v in x { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        case .f16:
            for v in x { out += half(v) }
        case .bf16:
            for v in x { withUnsafeBytes(of: UInt16(v.bitPattern >> 16).littleEndian) { out += $0 } }
        case .q5_0, .q5_1, .q4_K, .q5_K, .q6_K:
            preconditionFailure("\(type) test rows are written by Reference/quantized_rows.py")
        case .q8_0:
            for b in stride(from: 0, to: x.count, by: 32) {
                let block = x[b..<(b + 32)]
                let d = block.map(abs).max()! / 127
                out += half(d)
                out += block.map { UInt8(bitPattern: Int8(d == 0 ? 0 : ($0 / d).rounded())) }
            }
        case .q4_0:
            for b in stride(from: 0, to: x.count, by: 32) {
                let block = Array(x[b..<(b + 32)])
                let extreme = block.max { abs($0) < abs($1) }!
                let d = extreme / -8
                let inverse: Float = d == 0 ? 0 : 1 / d
                out += half(d)
                let n = block.map { UInt8(min(15, max(0, ($0 * inverse + 8.5).rounded(.down)))) }
                for j in 0..<16 { out.append(n[j] | n[j + 16] << 4) }
            }
        case .q4_1:
            for b in stride(from: 0, to: x.count, by: 32) {
                let block = Array(x[b..<(b + 32)])
                let lo = block.min()!, hi = block.max()!
                let d = (hi - lo) / 15
                let inverse: Float = d == 0 ? 0 : 1 / d
                out += half(d) + half(lo)
                let n = block.map { UInt8(min(15, max(0, (($0 - lo) * inverse + 0.5).rounded(.down)))) }
                for j in 0..<16 { out.append(n[j] | n[j + 16] << 4) }
            }
        }
        return out
    }

    /// A rows × columns weight matrix in `type`, plus its dequantized floats as the engine reads them.
    func matrix(_ type: GGMLType, rows: Int, columns: Int) -> (bytes: [UInt8], floats: [[Float]]) {
        var bytes: [UInt8] = []
        for _ in 0..<rows { bytes += quantize(randomFloats(columns), as: type) }
        let floats: [[Float]] = bytes.withUnsafeBytes { raw in
            let m = WeightMatrix(type: type, rows: rows, columns: columns, data: raw.baseAddress!)
            return (0..<rows).map { r in
                var row = [Float](repeating: 0, count: columns)
                row.withUnsafeMutableBufferPointer { m.dequantizeRow(r, into: $0.baseAddress!) }
                return row
            }
        }
        return (bytes, floats)
    }

    func testDequantizationReproducesTheQuantizedValues() {
        let x = randomFloats(64)
        for type in Self.swiftWrittenTypes {
            let bytes = quantize(x, as: type)
            var y = [Float](repeating: 0, count: 64)
            bytes.withUnsafeBytes { raw in
                let m = WeightMatrix(type: type, rows: 1, columns: 64, data: raw.baseAddress!)
                y.withUnsafeMutableBufferPointer { m.dequantizeRow(0, into: $0.baseAddress!) }
            }
            let bound: Float = switch type {
            case .f32: 0
            case .f16: 1e-3
            case .bf16: 1.0 / 128  // 8 significant bits, truncated
            case .q8_0: 1.0 / 127
            default: 2.0 / 15 + 1e-3  // Q4_0, Q4_1
            }
            XCTAssertLessThanOrEqual(largestDifference(x, y), bound, "\(type)")
        }
    }

    /// The vector exponential of softmax and SwiGLU against expf, over the range where e^x is a normal float and at
    /// its clamped ends.
    func testVectorExponentialMatchesExpf() {
        var worst: Float = 0
        for step in stride(from: -87.0 as Float, through: 88.28, by: 0.0137) {
            let x = SIMD8<Float>((0..<8).map { step + Float($0) * 0.0017 })
            let e = TransformerMath.exp8(x)
            for lane in 0..<8 { worst = max(worst, abs(e[lane] - expf(x[lane])) / expf(x[lane])) }
        }
        XCTAssertLessThan(worst, 3e-7, "largest relative error")
        let ends = TransformerMath.exp8(SIMD8(-1000, -90, 0, 1, -1, 90, 1000, 88.3))
        XCTAssertEqual(ends[0], expf(-87.3), accuracy: 1e-40)
        XCTAssertEqual(ends[2], 1)
        XCTAssertEqual(ends[3], expf(1), accuracy: 3e-7)
        XCTAssertEqual(ends[6], ends[7], "clamped")
        XCTAssertTrue(ends[6].isFinite)
    }

    func testHalfConversionIsExactForEveryFiniteHalf() {
        for bits in UInt16.min...UInt16.max {
            let h = Float16(bitPattern: bits)
            guard h.isFinite else { continue }
            XCTAssertEqual(halfToFloat(bits), Float(h), "bits \(bits)")
        }
    }

    /// The integer kernels are exact apart from float summation: they equal float dot products of the weights with
    /// the 8-bit-rounded activations.
    func testQuantizedKernelsEqualFloatDotOfRoundedActivations() {
        // One input row takes the decoding path (two weight rows at a time, 37 leaves one over); three take one padded
        // 4-row pass; six take 4 + a padded pass for 2.
        // The native kernels tile 4 weight rows × 1 input row below 4 inputs, 2 × 4 from 4 on: 9 leaves one input over.
        for kernels in MatmulKernelLevel.available {
            for inputs in [1, 3, 4, 6, 9] {
                quantizedKernelsEqualFloatDotOfRoundedActivations(inputs: inputs, kernels: kernels)
            }
        }
    }

    func quantizedKernelsEqualFloatDotOfRoundedActivations(inputs: Int, kernels: MatmulKernelLevel) {
        let rows = 37, columns = 96
        for type in [GGMLType.q8_0, .q4_0, .q4_1] {
            let (bytes, floats) = matrix(type, rows: rows, columns: columns)
            let x = randomFloats(inputs * columns, scale: 3)
            let q = QuantizedActivations(rows: inputs, width: columns)
            x.withUnsafeBufferPointer { q.quantize($0.baseAddress!, rows: inputs) }
            // The rounded activations, from the quantized blocks.
            let rounded: [[Float]] = (0..<inputs).map { r in
                (0..<columns).map { j in
                    let block = r * columns / 32 + j / 32
                    return Float(q.values[block * 32 + QuantizedActivations.lane(of: j % 32)]) * q.scales[block]
                }
            }
            let out = engineProduct(type, bytes, rows: rows, columns: columns, x: x, inputs: inputs, quantized: q,
                                    round: true, kernels: kernels)
            for r in 0..<inputs {
                for n in 0..<rows {
                    let expected = zip(floats[n], rounded[r]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                    XCTAssertEqual(out[r * rows + n], expected, accuracy: 1e-4 * max(1, abs(expected)), "\(kernels) \(type) row \(n) input \(r) of \(inputs)")
                }
            }
        }
    }

    /// Every native kernel against the portable one on the same random weights and activations, over a range of
    /// output rows that does not start at 0 (as the worker pool's chunks do); rows outside it stay untouched.
    func testNativeKernelsMatchThePortableKernels() throws {
        let native = MatmulKernelLevel.available.filter { $0 != .portable }
        let rows = 45, columns = 160, outputs = 3..<42
        for type in [GGMLType.q8_0, .q4_0, .q4_1] {
            let (bytes, _) = matrix(type, rows: rows, columns: columns)
            for inputs in [1, 2, 5, 8] {
                let x = randomFloats(inputs * columns, scale: 2)
                let q = QuantizedActivations(rows: inputs, width: columns)
                x.withUnsafeBufferPointer { q.quantize($0.baseAddress!, rows: inputs) }
                func product(_ kernels: MatmulKernelLevel) -> [Float] {
                    engineProduct(type, bytes, rows: rows, columns: columns, x: x, inputs: inputs, quantized: q,
                                  round: true, kernels: kernels, outputs: outputs)
                }
                let reference = product(.portable)
                for kernels in native {
                    let fast = product(kernels)
                    for (index, (a, b)) in zip(fast, reference).enumerated() {
                        if outputs.contains(index % rows) {
                            XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b)), "\(kernels) \(type) \(inputs) inputs, at \(index)")
                        } else {
                            XCTAssertTrue(a.isNaN, "\(kernels) \(type) wrote outside its rows, at \(index)")
                        }
                    }
                }
            }
        }
    }

    /// The level chosen at run time is the one the CPU's flags (as Linux reports them) allow.
    func testDetectedKernelLevelFollowsTheCPUFlags() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try XCTUnwrap(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let expected: MatmulKernelLevel
        if ["avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx2", "fma", "f16c"].allSatisfy(flags.contains) {
            expected = .avx512VNNI
        } else if ["avx2", "fma", "f16c"].allSatisfy(flags.contains) {
            expected = .avx2
        } else {
            expected = .portable
        }
        XCTAssertEqual(MatmulKernelLevel.detected, expected)
        #else
        XCTAssertEqual(MatmulKernelLevel.detected, .portable, "native kernels exist for x86-64 only")
        #endif
    }

    /// Every format, float activations: equal to the float dot product; 8-bit activations: within the rounding error.
    func testEveryFormatMatchesFloatReference() {
        for inputs in [1, 5] {
            everyFormatMatchesFloatReference(inputs: inputs)
        }
    }

    func everyFormatMatchesFloatReference(inputs: Int) {
        let rows = 33, columns = 64
        for type in Self.swiftWrittenTypes {
            let (bytes, floats) = matrix(type, rows: rows, columns: columns)
            let x = randomFloats(inputs * columns)
            let q = QuantizedActivations(rows: inputs, width: columns)
            for round in [false, true] {
                if round { x.withUnsafeBufferPointer { q.quantize($0.baseAddress!, rows: inputs) } }
                let out = engineProduct(type, bytes, rows: rows, columns: columns, x: x, inputs: inputs, quantized: q,
                                        round: round && type.blockLength > 1, kernels: .portable)
                for r in 0..<inputs {
                    for n in 0..<rows {
                        let xr = x[(r * columns)..<((r + 1) * columns)]
                        let expected = zip(floats[n], xr).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                        let magnitude = zip(floats[n], xr).reduce(Float(0)) { $0 + abs($1.0 * $1.1) }
                        // 8-bit activations: each term off by at most half a step of max|x|/127.
                        let bound = round && type.blockLength > 1 ? 0.01 * magnitude : 1e-5 * max(1, magnitude)
                        XCTAssertEqual(out[r * rows + n], expected, accuracy: bound, "\(type) round \(round) row \(n) input \(r) of \(inputs)")
                    }
                }
            }
        }
    }

    /// The native activation rounding gives the same bytes, scales and scaled sums as the Swift one, ties to even
    /// and all-zero blocks included.
    func testNativeQuantizeMatchesPortable() throws {
        try XCTSkipIf(MatmulKernelLevel.detected < .avx2, "this CPU has no AVX2: the portable path is the only one")
        var generator = SystemRandomNumberGenerator()
        let ties: [Float] = [127, 0.5, 1.5, -0.5, -2.5, 2.5, 126.5, -126.5] + Array(repeating: 3.25, count: 24)
        let zeros = [Float](repeating: 0, count: 32)
        let random = (0..<(32 * 6)).map { _ in Float.random(in: -3...3, using: &generator) }
        let x = ties + zeros + random, rows = 2, width = x.count / rows
        let portable = QuantizedActivations(rows: rows, width: width), native = QuantizedActivations(rows: rows, width: width)
        x.withUnsafeBufferPointer {
            portable.quantize($0.baseAddress!, rows: rows)
            native.quantize($0.baseAddress!, rows: rows, kernels: .avx2)
        }
        let blocks = rows * width / 32
        XCTAssertEqual(Array(UnsafeBufferPointer(start: native.bytes, count: x.count)),
                       Array(UnsafeBufferPointer(start: portable.bytes, count: x.count)))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: native.scales, count: blocks)),
                       Array(UnsafeBufferPointer(start: portable.scales, count: blocks)))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: native.scaledSums, count: blocks)),
                       Array(UnsafeBufferPointer(start: portable.scaledSums, count: blocks)))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: native.bytes, count: 8)), [127, 0, 2, 0, -2, 2, 126, -126])
    }

    /// The native attention loops (AVX2 + FMA) against the portable Swift ones, for head widths that fill a vector
    /// group exactly or not (40) and position counts around the 4-position step.
    func testNativeAttentionMatchesPortable() throws {
        try XCTSkipIf(MatmulKernelLevel.detected < .avx2, "this CPU has no AVX2: the portable path is the only one")
        var generator = SystemRandomNumberGenerator()
        for headDimension in [8, 40, 64, 256] {
            for count in [1, 3, 4, 5, 37] {
                let stride = headDimension * 3  // other heads' keys lie between positions
                let query = (0..<headDimension).map { _ in Float.random(in: -1...1, using: &generator) }
                let keys = (0..<(stride * count)).map { _ in Float.random(in: -1...1, using: &generator) }
                let values = (0..<(stride * count)).map { _ in Float.random(in: -1...1, using: &generator) }
                func run(_ level: MatmulKernelLevel) -> [Float] {
                    var scores = [Float](repeating: 0, count: count)
                    var out = [Float](repeating: .nan, count: headDimension)
                    scores.withUnsafeMutableBufferPointer { sp in
                        out.withUnsafeMutableBufferPointer { op in
                            TransformerMath.attend(query: query, headDimension: headDimension, lastPosition: count - 1,
                                                   keyBase: keys, valueBase: values, positionStride: stride,
                                                   scores: sp.baseAddress!, into: op.baseAddress!, kernels: level)
                        }
                    }
                    return out
                }
                let portable = run(.portable), native = run(.avx2)
                for i in 0..<headDimension {
                    XCTAssertEqual(native[i], portable[i], accuracy: 1e-5, "width \(headDimension) count \(count) lane \(i)")
                }
            }
        }
    }

    /// Each thread runs its own contiguous share front to back; a thread that is held up has its chunks taken from
    /// the back by the others, so the job still finishes and the caller's reads stay sequential.
    func testWorkerPoolSharesAreContiguousAndAHeldUpWorkerIsCoveredFromTheBack() {
        let pool = WorkerPool(threads: 2)
        defer { pool.shutDown() }
        for _ in 0..<20 {
            let order = UnsafeMutablePointer<Int>.allocate(capacity: 8)
            var callerCount = 0
            let ran = UnsafeMutablePointer<Int>.allocate(capacity: 8)
            ran.initialize(repeating: 0, count: 8)
            pool.run(chunks: 8) { chunk, worker in
                if worker == 0 {
                    order[callerCount] = chunk
                    callerCount += 1
                } else {
                    usleep(20_000)  // held up: the caller runs out of its own share meanwhile
                }
                ran[chunk] += 1
            }
            let callers = Array(UnsafeBufferPointer(start: order, count: callerCount))
            XCTAssertEqual(Array(callers.prefix(4)), [0, 1, 2, 3], "the caller's own share, front to back")
            XCTAssertEqual(Array(callers.dropFirst(4)), callers.dropFirst(4).sorted(by: >), "the rest taken from the back")
            XCTAssertEqual(Array(UnsafeBufferPointer(start: ran, count: 8)), Array(repeating: 1, count: 8))
            order.deallocate()
            ran.deallocate()
        }
    }

    func testWorkerPoolRunsEveryChunkExactlyOnce() {
        let pool = WorkerPool(threads: 3)
        defer { pool.shutDown() }
        for chunks in [1, 2, 7, 1000] {
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
            counts.initialize(repeating: 0, count: chunks)
            defer { counts.deallocate() }
            for _ in 0..<50 {
                pool.run(chunks: chunks) { chunk, worker in
                    XCTAssert((0..<3).contains(worker))
                    counts[chunk] += 1  // each chunk is touched by one thread only
                }
            }
            XCTAssertEqual(Set(UnsafeBufferPointer(start: counts, count: chunks)), [50], "chunks \(chunks)")
        }
    }
}
