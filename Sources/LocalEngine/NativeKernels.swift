// The instruction-set-specific matmul kernels (CKernels, C with x86 intrinsics) and the choice among them.
// The portable Swift kernels in MatmulKernels.swift stay the fallback and the reference the native ones are
// tested against (KernelTests); a model picks its level once, from what the CPU reports.

import CKernels

/// Which implementation runs the quantized matmuls.
public enum MatmulKernelLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Swift SIMD code for any CPU.
    case portable = 0
    /// AVX2, FMA and F16C (x86-64 since ~2013).
    case avx2 = 1
    /// AVX-512 VNNI on 256-bit vectors: one instruction per byte dot product.
    case avx512VNNI = 2

    /// The fastest level this CPU and OS support.
    public static let detected: MatmulKernelLevel = MatmulKernelLevel(rawValue: Int(synth_cpu_kernel_level())) ?? .portable

    /// The levels this machine can run, portable first.
    public static var available: [MatmulKernelLevel] { allCases.filter { $0 <= detected } }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "avx2"
        case .avx512VNNI: "avx512-vnni"
        }
    }
}

extension WeightMatrix {
    /// Runs the native kernel for this type at `input.kernels`; false when there is none (then the caller runs the
    /// portable one).
    func multiplyNative(_ input: MatmulInput, outputs: Range<Int>, into out: UnsafeMutablePointer<Float>,
                        outStride: Int) -> Bool {
        precondition(input.kernels <= MatmulKernelLevel.detected, "\(input.kernels) kernels on a CPU without them")
        typealias Kernel = @convention(c) (SynthWeightRows, SynthActivations, UnsafeMutablePointer<Float>?, Int) -> Void
        let kernel: Kernel
        #if arch(x86_64)
        switch (type, input.kernels) {
        case (.q4_0, .avx2): kernel = synth_matmul_q4_0_avx2
        case (.q4_1, .avx2): kernel = synth_matmul_q4_1_avx2
        case (.q8_0, .avx2): kernel = synth_matmul_q8_0_avx2
        case (.q5_0, .avx2): kernel = synth_matmul_q5_0_avx2
        case (.q5_1, .avx2): kernel = synth_matmul_q5_1_avx2
        case (.q5_0, .avx512VNNI): kernel = synth_matmul_q5_0_vnni
        case (.q5_1, .avx512VNNI): kernel = synth_matmul_q5_1_vnni
        case (.q4_0, .avx512VNNI): kernel = synth_matmul_q4_0_vnni
        case (.q4_1, .avx512VNNI): kernel = synth_matmul_q4_1_vnni
        case (.q8_0, .avx512VNNI): kernel = synth_matmul_q8_0_vnni
        case (.q4_K, .avx2): kernel = synth_matmul_q4_k_avx2
        case (.q5_K, .avx2): kernel = synth_matmul_q5_k_avx2
        case (.q6_K, .avx2): kernel = synth_matmul_q6_k_avx2
        case (.q4_K, .avx512VNNI): kernel = synth_matmul_q4_k_vnni
        case (.q5_K, .avx512VNNI): kernel = synth_matmul_q5_k_vnni
        case (.q6_K, .avx512VNNI): kernel = synth_matmul_q6_k_vnni
        default: return false
        }
        #else
        return false
        #endif
        let weights = SynthWeightRows(weights: data.assumingMemoryBound(to: UInt8.self), row_bytes: rowBytes,
                                      first_row: outputs.lowerBound, end_row: outputs.upperBound)
        let activations = SynthActivations(values: input.bytes, scales: input.scales, scaled_sums: input.scaledSums,
                                           rows: input.rows, blocks_per_row: input.blocksPerRow)
        kernel(weights, activations, out, outStride)
        return true
    }
}

/// Attention's dot-product loops in CKernels (AVX2 + FMA); callers check the level and a head width that is a
/// multiple of 8.
enum NativeAttention {
    static func scores(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, stride: Int, headDimension: Int,
                       count: Int, scale: Float, into scores: UnsafeMutablePointer<Float>) {
        precondition(MatmulKernelLevel.detected >= .avx2 && headDimension % 8 == 0)
        #if arch(x86_64)
        synth_attention_scores_avx2(query, keys, stride, headDimension, count, scale, scores)
        #endif
    }

    static func mix(weights: UnsafePointer<Float>, values: UnsafePointer<Float>, stride: Int, headDimension: Int,
                    count: Int, scale: Float, into out: UnsafeMutablePointer<Float>) {
        precondition(MatmulKernelLevel.detected >= .avx2 && headDimension % 8 == 0)
        #if arch(x86_64)
        synth_attention_mix_avx2(weights, values, stride, headDimension, count, scale, out)
        #endif
    }
}

/// Activation rounding in CKernels (AVX2), bytes in element order only.
enum NativeQuantize {
    static func blocks(_ x: UnsafePointer<Float>, count: Int, bytes: UnsafeMutablePointer<Int8>,
                       scales: UnsafeMutablePointer<Float>, scaledSums: UnsafeMutablePointer<Float>) {
        precondition(MatmulKernelLevel.detected >= .avx2)
        #if arch(x86_64)
        synth_quantize_blocks_avx2(x, count, bytes, scales, scaledSums)
        #endif
    }
}
