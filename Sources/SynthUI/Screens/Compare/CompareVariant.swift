// One column's settings in a comparison: where it runs and with which sampling parameters.
import SynthKit

/// What one credit-charging backend asks per token (credits, already divided by 1e9).
public struct TokenPrice: Sendable, Equatable, Codable {
    public var perInputToken: Double
    public var perOutputToken: Double
    public init(perInputToken: Double, perOutputToken: Double) {
        self.perInputToken = perInputToken
        self.perOutputToken = perOutputToken
    }
    public static let free = TokenPrice(perInputToken: 0, perOutputToken: 0)

    public func cost(inputTokens: Int?, outputTokens: Int?) -> Double {
        Double(inputTokens ?? 0) * perInputToken + Double(outputTokens ?? 0) * perOutputToken
    }
}

/// A backend, an engine and a full set of parameters: everything one compare column runs with.
public struct CompareVariant: Sendable, Equatable {
    public var backend: String
    public var engine: EngineChoice
    public var parameters: SamplingParameters
    /// Booste's own parameters, used when `engine.family == .booste`.
    public var booste: BoosteParameters
    /// Price per token on this backend; nil when unknown (then only a measured credits change is shown).
    public var price: TokenPrice?

    public init(backend: String, engine: EngineChoice, parameters: SamplingParameters,
                booste: BoosteParameters = BoosteParameters(), price: TokenPrice? = nil) {
        self.backend = backend
        self.engine = engine
        self.parameters = parameters
        self.booste = booste
        self.price = price
    }

    /// The playground's current settings as a variant (the starting point of every column).
    public init(playground app: PlaygroundState, price: TokenPrice? = nil) {
        self.init(backend: app.backendName, engine: app.engine, parameters: app.parameters.sampling,
                  booste: app.parameters.booste, price: price)
    }

    /// Checks the parameters against the documented ranges and this engine's limits, before anything is sent.
    public func validate(prompt: String) throws(ValidationError) {
        switch engine.family {
        case .booste:
            try booste.validate()
        case .textSynth:
            try CompletionRequest(prompt: prompt, parameters: parameters).validate()
            if parameters.maxTokens > engine.contextLength {
                throw ValidationError(field: "max_tokens", value: "\(parameters.maxTokens)",
                                      allowed: "≤ \(engine.contextLength) for \(engine.id)",
                                      problem: "exceeds the engine's context")
            }
        }
    }

    /// The request to run, frozen now.
    func snapshot(id: Int, prompt: String) -> CompletionSnapshot {
        var snapshot = CompletionSnapshot(id: id, backend: engine.backend ?? backend, engine: engine.id, family: engine.family,
                                          prompt: prompt, parameters: parameters)
        if engine.family == .booste {
            var b = booste
            b.modelSize = BoosteParameters.ModelSize(rawValue: engine.id) ?? .gpt2
            snapshot.booste = b
        }
        return snapshot
    }

    /// The value of a parameter, formatted the way a person writes it (`0.7`, `40`).
    public func displayValue(of spec: ParameterSpec) -> String {
        guard let v = parameters.value(of: spec) else { return "–" }
        return formatParameter(v, integer: spec.isInteger)
    }
}

/// `40`, `0.7`, `0.35`: integers without a point, others with at most three decimals and no trailing zeros.
func formatParameter(_ value: Double, integer: Bool) -> String {
    if integer || value == value.rounded(), abs(value) < 1e12 { return String(Int64(value.rounded())) }
    var s = String(format: "%.3f", value)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

/// Credits as the status lines show them: four decimals, six for the tiny sums a single request often costs.
func formatCredits(_ value: Double) -> String {
    let v = abs(value)
    if v == 0 { return "0" }
    return String(format: v >= 0.01 ? "%.4f" : "%.6f", v)
}
