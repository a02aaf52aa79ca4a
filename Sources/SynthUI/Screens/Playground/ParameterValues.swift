// The settings the parameters pane edits, for both API families, and how a slider reads and writes them.
import Foundation
import SynthKit

public struct ParameterValues: Sendable, Equatable {
    public var sampling: SamplingParameters
    public var booste: BoosteParameters
    /// The word each biased token came from (display only).
    public var biasWords: [Int: String]

    public init(sampling: SamplingParameters = .defaults, booste: BoosteParameters = BoosteParameters(),
                biasWords: [Int: String] = [:]) {
        self.sampling = sampling
        self.booste = booste
        self.biasWords = biasWords
    }

    /// The current value of a slider's parameter.
    public func value(of spec: ParameterSpec) -> Double {
        if spec == .boosteLength { return Double(booste.length) }
        if spec == .boosteTemperature { return booste.temperature }
        if spec == .boosteWindowMax { return Double(booste.windowMax) }
        return sampling.value(of: spec) ?? spec.defaultValue
    }

    /// Sets a slider's parameter (integers rounded). The caller checks the range.
    public mutating func set(_ spec: ParameterSpec, to value: Double) {
        let whole = Int(saturating: value)
        if spec == .boosteLength { booste.length = whole; return }
        if spec == .boosteTemperature { booste.temperature = value; return }
        if spec == .boosteWindowMax { booste.windowMax = whole; return }
        sampling.set(spec, to: value)
    }
}

/// One row of the parameters pane.
public enum ParameterRow: Sendable, Equatable {
    case slider(ParameterSpec)
    case stopStrings
    /// "Add a word": type a word, see its token ids.
    case logitBiasWord
    /// The bias of one token id (a slider from -100 to 100).
    case biasEntry(token: Int)

    /// The rows for an engine family, with whether each one applies to it.
    static func rows(for family: EngineFamily, values: ParameterValues) -> [(row: ParameterRow, enabled: Bool)] {
        let tokens = values.sampling.logitBias.keys.sorted()
        var textSynth: [ParameterRow] = ParameterSpec.all.map { .slider($0) }
        textSynth += [.stopStrings, .logitBiasWord]
        textSynth += tokens.map { .biasEntry(token: $0) }
        switch family {
        case .textSynth:
            return textSynth.map { ($0, true) }
        case .booste:
            let own: [ParameterRow] = ParameterSpec.booste.map { .slider($0) }
            // TextSynth's own max_tokens and temperature are replaced by Booste's words and temperature.
            let rest = textSynth.filter { row in
                if case .slider(let s) = row { return s.wireName != "max_tokens" && s.wireName != "temperature" }
                return true
            }
            return own.map { ($0, true) } + rest.map { ($0, false) }
        }
    }
}

extension ParameterSpec {
    /// A value moved by `steps` of `step`, snapped to the step grid (no 0.30000000000000004) and kept in the slider's range.
    func stepped(_ value: Double, by steps: Int, step: Double) -> Double {
        let raw = value + Double(steps) * step
        // Snap to the fine grid (a coarse step from 0.89 lands on 0.99, not 1.0).
        let snapped = (raw / fineStep).rounded() * fineStep
        let decimals = max(0, -Int(log10(fineStep).rounded(.down)))
        let scale = pow(10.0, Double(decimals))
        return clampedForDisplay((snapped * scale).rounded() / scale)
    }

    /// Why a typed value was refused, naming what is allowed.
    struct Refusal: Error { let message: String }

    /// A typed number ("0,5" reads as 0.5), or why it is refused (not a number, out of range, not whole).
    func parseTyped(_ text: String) -> Result<Double, Refusal> {
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            return .failure(Refusal(message: "\"\(text)\" is not a number; \(displayName) takes \(rangeDescription)"))
        }
        guard allows(value) else {
            let whole = isInteger && value != value.rounded() ? " (a whole number)" : ""
            return .failure(Refusal(message: "\(text) rejected: \(displayName) must be \(allowedDescription(refusing: value))\(whole)"))
        }
        return .success(value)
    }

    /// The value as the pane shows it: integers without decimals, others with two (a huge one as 1e+308, which
    /// fits the slider's value column and the input line).
    func format(_ value: Double) -> String {
        if isInteger { return String(Int(saturating: value)) }
        if abs(value) >= 1e5 { return String(format: "%.3g", value) }
        return String(format: "%.2f", value)
    }
}
