// The tensor element formats this engine reads, with ggml's type ids and block layouts.
// A quantized row is a sequence of blocks; each block holds `blockLength` weights in `blockBytes` bytes.
//   Q8_0: f16 scale d, 32 x int8 q              -> w = d * q
//   Q4_0: f16 scale d, 16 bytes of 4-bit pairs   -> w = d * (nibble - 8)
//   Q4_1: f16 scale d, f16 min m, 16 bytes       -> w = d * nibble + m
// Nibble order: byte j holds weight j in its low half and weight j+16 in its high half.

public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q8_0 = 8

    /// Weights per block (1 for the plain float formats).
    public var blockLength: Int {
        switch self {
        case .f32, .f16: return 1
        case .q4_0, .q4_1, .q8_0: return 32
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16: return 2
        case .q4_0: return 18
        case .q4_1: return 20
        case .q8_0: return 34
        }
    }

    /// Bytes taken by a row of `count` weights, or nil if `count` is not a whole number of blocks.
    public func rowBytes(_ count: Int) -> Int? {
        guard count % blockLength == 0 else { return nil }
        return count / blockLength * blockBytes
    }

    public var description: String {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .q4_0: return "Q4_0"
        case .q4_1: return "Q4_1"
        case .q8_0: return "Q8_0"
        }
    }
}
