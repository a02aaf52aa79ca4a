// A seed-locked sweep: one parameter stepped evenly across the columns, everything else (seed included) held fixed.
import SynthKit

public struct ParameterSweep: Sendable, Equatable {
    public var spec: ParameterSpec
    public var from: Double
    public var to: Double
    /// How many columns to fill (2…6).
    public var count: Int
    /// The seed every column uses; 0 would draw a new one per request, so it is replaced by 1.
    public var seed: Int

    public init(spec: ParameterSpec, from: Double, to: Double, count: Int, seed: Int) {
        self.spec = spec
        self.from = from
        self.to = to
        self.count = min(max(count, CompareState.minColumns), CompareState.maxColumns)
        self.seed = seed
    }

    /// The seed actually used: never 0, since 0 means "random" and would make the columns differ by chance.
    public var lockedSeed: Int { seed > 0 ? seed : 1 }

    /// Evenly spaced values from `from` to `to`, clamped to what the parameter allows, integers rounded.
    public var values: [Double] {
        (0..<count).map { i in
            let t = count > 1 ? Double(i) / Double(count - 1) : 0
            return ParameterSweep.clamp(from + (to - from) * t, to: spec)
        }
    }

    /// `value` moved into the spec's allowed range. An open end is approached by one fine step
    /// (repetition_penalty > 0 becomes its fine step); integers are rounded, staying inside the range.
    public static func clamp(_ value: Double, to spec: ParameterSpec) -> Double {
        var v = value.isFinite ? value : spec.defaultValue
        var low = -Double.infinity, high = Double.infinity
        switch spec.lower {
        case .inclusive(let l): low = l
        case .exclusive(let l): low = l + spec.fineStep
        case .none: break
        }
        switch spec.upper {
        case .inclusive(let h): high = h
        case .exclusive(let h): high = h - spec.fineStep
        case .none: break
        }
        v = min(max(v, low), high)
        if spec.isInteger {
            v = v.rounded()
            if v < low { v = low.rounded(.up) }
            if v > high { v = high.rounded(.down) }
        }
        return v
    }

    /// The variants of a sweep: copies of `base` differing only in the swept parameter, all with the locked seed
    /// and a single completion each.
    public func variants(from base: CompareVariant) -> [CompareVariant] {
        values.map { value in
            var v = base
            v.parameters.n = 1
            v.parameters.seed = lockedSeed
            v.parameters.set(spec, to: value)
            if spec.wireName == "seed" { v.parameters.seed = max(1, v.parameters.seed) }
            return v
        }
    }
}
