// A small, portable PRNG so that a non-zero seed gives the same tokens on every run and machine
// (Swift's default generator is neither seedable nor specified).

/// xoshiro256** seeded through SplitMix64.
public struct SamplerRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The seed actually used (drawn from the system when asked for seed 0).
    public let seed: UInt64

    /// Seed 0 picks a fresh seed from the system's random source.
    public init(seed: UInt64) {
        var effective = seed
        if effective == 0 {
            var system = SystemRandomNumberGenerator()
            repeat { effective = system.next() } while effective == 0
        }
        self.seed = effective
        var mixer = effective
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    @inline(__always)
    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
