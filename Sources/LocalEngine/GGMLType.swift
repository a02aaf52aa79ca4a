// The tensor element formats this engine reads, with ggml's type ids and block layouts.
// A quantized row is a sequence of blocks; each block holds `blockLength` weights in `blockBytes` bytes.
//   Q8_0: f16 scale d, 32 x int8 q                          -> w = d * q
//   Q4_0: f16 scale d, 16 bytes of 4-bit pairs              -> w = d * (nibble - 8)
//   Q4_1: f16 scale d, f16 min m, 16 bytes                  -> w = d * nibble + m
//   Q5_0: f16 d, 32 fifth bits (u32), 16 bytes of nibbles   -> w = d * (nibble | bit << 4) - 16 d
//   Q5_1: f16 d, f16 m, 32 fifth bits, 16 bytes             -> w = d * (nibble | bit << 4) + m
//   Q4_K / Q5_K / Q6_K: super-blocks of 256 in sub-blocks of 32 (16 for Q6_K) with 6- or 8-bit sub-scales; their
//   decoding is in SliceKernels.swift.
//   BF16: the top half of an f32.
// Nibble order: byte j holds weight j in its low half and weight j+16 in its high half.

public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q5_0 = 6
    case q5_1 = 7
    case q8_0 = 8
    case q4_K = 12
    case q5_K = 13
    case q6_K = 14
    case bf16 = 30

    /// Weights per block (1 for the plain float formats).
    public var blockLength: Int {
        switch self {
        case .f32, .f16, .bf16: return 1
        case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0: return 32
        case .q4_K, .q5_K, .q6_K: return 256
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16, .bf16: return 2
        case .q4_0: return 18
        case .q4_1: return 20
        case .q5_0: return 22
        case .q5_1: return 24
        case .q8_0: return 34
        case .q4_K: return 144
        case .q5_K: return 176
        case .q6_K: return 210
        }
    }

    /// Bytes taken by a row of `count` weights, or nil if `count` is not a whole number of blocks.
    public func rowBytes(_ count: Int) -> Int? {
        guard count % blockLength == 0 else { return nil }
        return count / blockLength * blockBytes
    }

    public var description: String {
        Self.names[rawValue] ?? "type \(rawValue)"
    }

    /// ggml's names for its type ids, the ones this engine cannot read included (for error messages).
    static let names: [UInt32: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1", 10: "Q2_K", 11: "Q3_K",
        12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S",
        20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS", 24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64",
        29: "IQ1_M", 30: "BF16", 34: "TQ1_0", 35: "TQ2_0", 39: "MXFP4",
    ]
}
