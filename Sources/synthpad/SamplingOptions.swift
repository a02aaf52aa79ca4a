import ArgumentParser
import SynthKit

/// The sampling parameters as command-line options. Each one is optional: what is not given keeps the
/// configured default. `--help` shows every range and default, taken from `ParameterSpec` (one source of truth).
struct SamplingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: help(.maxTokens)) var maxTokens: Int?
    @Option(parsing: .unconditional, help: help(.temperature)) var temperature: Double?
    @Option(parsing: .unconditional, help: help(.topK)) var topK: Int?
    @Option(parsing: .unconditional, help: help(.topP)) var topP: Double?
    @Option(parsing: .unconditional, help: help(.typicalP)) var typicalP: Double?
    @Option(parsing: .unconditional, help: help(.presencePenalty)) var presencePenalty: Double?
    @Option(parsing: .unconditional, help: help(.frequencyPenalty)) var frequencyPenalty: Double?
    @Option(parsing: .unconditional, help: help(.repetitionPenalty)) var repetitionPenalty: Double?
    @Option(parsing: .unconditional, help: help(.n)) var n: Int?
    @Option(parsing: .unconditional, help: help(.seed)) var seed: Int?
    @Option(name: .customLong("stop"),
            help: "Stop when this string is generated (repeatable, at most 5); the text excludes it.")
    var stop: [String] = []
    @Option(name: .customLong("logit-bias"),
            help: "TOKEN_ID=BIAS, bias in -100…100 (repeatable); -100 bans the token. Find ids with `synthpad tokenize`.")
    var logitBias: [String] = []

    @Option(help: "Start from a preset's parameters (and its engine and system prompt): precise, balanced, creative, greedy, or one of yours (`synthpad presets`). Options given here still win.")
    var preset: String?

    /// The preset asked for, if any (a missing or broken one is a usage error naming what there is).
    func chosenPreset() throws -> Preset? {
        guard let preset else { return nil }
        do { return try PresetStore.named(preset) } catch { throw CLIError.usage("\(error)") }
    }

    /// The configured parameters (or the preset's), with the command line's overrides on top.
    func resolved(config: SamplingParameters) throws -> SamplingParameters {
        try applied(to: try chosenPreset()?.parameters ?? config)
    }

    /// The configured parameters with the command line's overrides on top.
    func applied(to base: SamplingParameters) throws -> SamplingParameters {
        var p = base
        if let maxTokens { p.maxTokens = maxTokens }
        if let temperature { p.temperature = temperature }
        if let topK { p.topK = topK }
        if let topP { p.topP = topP }
        if let typicalP { p.typicalP = typicalP }
        if let presencePenalty { p.presencePenalty = presencePenalty }
        if let frequencyPenalty { p.frequencyPenalty = frequencyPenalty }
        if let repetitionPenalty { p.repetitionPenalty = repetitionPenalty }
        if let n { p.n = n }
        if let seed { p.seed = seed }
        if !stop.isEmpty { p.stop = stop }
        for entry in logitBias {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let id = Int(parts[0].trimmingCharacters(in: .whitespaces)),
                  let bias = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw CLIError.usage("--logit-bias expects TOKEN_ID=BIAS, e.g. 44986=-100; got \"\(entry)\"")
            }
            p.logitBias[id] = bias
        }
        try p.validate()
        return p
    }
}

/// `--help` text for a parameter: its summary, allowed range and default.
func help(_ spec: ParameterSpec) -> ArgumentHelp {
    ArgumentHelp("\(spec.summary) Range \(spec.rangeDescription), default \(formatNumber(spec.defaultValue)).",
                 valueName: spec.isInteger ? "int" : "number")
}

func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
