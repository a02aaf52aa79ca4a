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
    /// Values given one by one (`temperature=0.2,0.7,1.2`) instead of evenly spaced from `from` to `to`.
    public var listed: [Double]?

    public init(spec: ParameterSpec, from: Double, to: Double, count: Int, seed: Int) {
        self.spec = spec
        self.from = from
        self.to = to
        self.count = min(max(count, CompareState.minColumns), CompareState.maxColumns)
        self.seed = seed
    }

    /// A sweep of these values, one column each.
    public init(spec: ParameterSpec, values: [Double], seed: Int) {
        self.init(spec: spec, from: values.first ?? spec.defaultValue, to: values.last ?? spec.defaultValue,
                  count: values.count, seed: seed)
        listed = Array(values.prefix(CompareState.maxColumns))
    }

    /// Reads what a person types: `temperature=0.2,0.7,1.2` (2–6 values) or `top_k=10..50` (evenly spaced over
    /// `columns` columns). Names are wire names or the panel's (`top-k`, `Top-k`). A value outside the parameter's
    /// range is refused with the range; nothing is clamped behind the user's back.
    public static func parse(_ text: String, columns: Int, seed: Int) -> Result<ParameterSweep, SweepError> {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[1].isEmpty else { return .failure(.form(text)) }
        let wanted = parts[0].lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        guard let spec = ParameterSpec.all.first(where: { $0.wireName == wanted || $0.displayName.lowercased() == parts[0].lowercased() })
        else { return .failure(.unknownParameter(parts[0])) }
        func number(_ s: Substring) -> Double? { Double(s.trimmingCharacters(in: .whitespaces)) }
        let values: [Double]
        if let range = parts[1].range(of: "..") {
            guard let low = number(parts[1][..<range.lowerBound]), let high = number(parts[1][range.upperBound...]) else {
                return .failure(.form(text))
            }
            values = [low, high]
        } else {
            let listed = parts[1].split(separator: ",").map(number)
            guard listed.allSatisfy({ $0 != nil }) else { return .failure(.form(text)) }
            values = listed.compactMap { $0 }
        }
        for value in values where !spec.allows(value) {
            return .failure(.outOfRange(spec: spec, value: value))
        }
        if parts[1].contains("..") {
            return .success(ParameterSweep(spec: spec, from: values[0], to: values[1], count: columns, seed: seed))
        }
        guard (CompareState.minColumns...CompareState.maxColumns).contains(values.count) else {
            return .failure(.count(values.count))
        }
        return .success(ParameterSweep(spec: spec, values: values, seed: seed))
    }

    /// The seed actually used: never 0, since 0 means "random" and would make the columns differ by chance.
    public var lockedSeed: Int { seed > 0 ? seed : 1 }

    /// The listed values, or evenly spaced ones from `from` to `to`, clamped to what the parameter allows,
    /// integers rounded.
    public var values: [Double] {
        if let listed { return listed.map { ParameterSweep.clamp($0, to: spec) } }
        return (0..<count).map { i in
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

/// Why a typed sweep was not taken, in the user's words.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case form(String)
    case unknownParameter(String)
    case outOfRange(spec: ParameterSpec, value: Double)
    case count(Int)

    public var description: String {
        switch self {
        case .form(let text):
            return "\"\(text)\" is not a sweep: write name=v1,v2,… or name=from..to (e.g. temperature=0.2,0.7,1.2)"
        case .unknownParameter(let name):
            return "no parameter \"\(name)\"; sweepable: " + ParameterSpec.all.map(\.wireName).joined(separator: ", ")
        case .outOfRange(let spec, let value):
            return "\(spec.wireName) = \(value) is out of range (allowed \(spec.rangeDescription))"
        case .count(let n):
            return "\(n) values: a sweep has \(CompareState.minColumns) to \(CompareState.maxColumns) columns"
        }
    }
}
