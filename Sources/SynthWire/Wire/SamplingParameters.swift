import Foundation

/// How the next tokens are chosen; shared by completions and chat. Wire names are snake_case
/// (`max_tokens`, `top_k`, …) and the fields sit flat beside `prompt` in the request body.
public struct SamplingParameters: Sendable, Equatable, Codable {
    public var maxTokens: Int
    public var temperature: Double
    public var topK: Int
    public var topP: Double
    public var typicalP: Double
    public var presencePenalty: Double
    public var frequencyPenalty: Double
    public var repetitionPenalty: Double
    public var n: Int
    public var seed: Int
    /// Stop strings: at most 5, none empty. The generated text does not contain them.
    public var stop: [String]
    /// Token id → bias in -100…100.
    public var logitBias: [Int: Double]
    /// synthpad's extension: every generated token's probabilities with this many alternatives (0…20), in the
    /// answer's `tokens`; nil (left out) asks for none. Only where `GET /v1/engines` lists "token_logprobs".
    public var topLogprobs: Int?

    public static let maxStopStrings = 5

    public init(maxTokens: Int = 100, temperature: Double = 1, topK: Int = 40, topP: Double = 0.9,
                typicalP: Double = 1, presencePenalty: Double = 0, frequencyPenalty: Double = 0,
                repetitionPenalty: Double = 1, n: Int = 1, seed: Int = 0, stop: [String] = [],
                logitBias: [Int: Double] = [:], topLogprobs: Int? = nil) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.typicalP = typicalP
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.repetitionPenalty = repetitionPenalty
        self.n = n
        self.seed = seed
        self.stop = stop
        self.logitBias = logitBias
        self.topLogprobs = topLogprobs
    }

    public static let defaults = SamplingParameters()

    /// The numeric value of the parameter a spec describes (for sliders), or nil if the spec is not one of `ParameterSpec.all`.
    public func value(of spec: ParameterSpec) -> Double? {
        switch spec.wireName {
        case "max_tokens": Double(maxTokens)
        case "temperature": temperature
        case "top_k": Double(topK)
        case "top_p": topP
        case "typical_p": typicalP
        case "presence_penalty": presencePenalty
        case "frequency_penalty": frequencyPenalty
        case "repetition_penalty": repetitionPenalty
        case "n": Double(n)
        case "seed": Double(seed)
        default: nil
        }
    }

    /// Sets the parameter a spec describes; integers are rounded. Returns false for an unknown spec.
    @discardableResult
    public mutating func set(_ spec: ParameterSpec, to value: Double) -> Bool {
        let whole = Int(saturating: value)
        switch spec.wireName {
        case "max_tokens": maxTokens = whole
        case "temperature": temperature = value
        case "top_k": topK = whole
        case "top_p": topP = value
        case "typical_p": typicalP = value
        case "presence_penalty": presencePenalty = value
        case "frequency_penalty": frequencyPenalty = value
        case "repetition_penalty": repetitionPenalty = value
        case "n": n = whole
        case "seed": seed = whole
        default: return false
        }
        return true
    }
}

extension SamplingParameters: Validatable {
    public func validate() throws(ValidationError) {
        for spec in ParameterSpec.all {
            if let value = value(of: spec) { try spec.check(value) }
        }
        if let topLogprobs { try ParameterSpec.topLogprobs.check(Double(topLogprobs)) }
        if stop.count > Self.maxStopStrings {
            throw ValidationError(field: "stop", value: "\(stop.count) strings",
                                  allowed: "at most \(Self.maxStopStrings)", problem: "has too many entries")
        }
        if let index = stop.firstIndex(of: "") {
            throw ValidationError(field: "stop[\(index)]", value: "\"\"", allowed: "a non-empty string",
                                  problem: "is empty")
        }
        for (token, bias) in logitBias.sorted(by: { $0.key < $1.key }) {
            if token < 0 {
                throw ValidationError(field: "logit_bias", value: "token \(token)", allowed: "token ids ≥ 0",
                                      problem: "names an invalid token")
            }
            let spec = ParameterSpec.logitBias
            if !spec.allows(bias) {
                throw ValidationError(field: "logit_bias[\(token)]", value: displayNumber(bias),
                                      allowed: spec.rangeDescription)
            }
        }
    }
}

// Flat coding: the same keys are read and written by CompletionRequest and ChatRequest.
extension SamplingParameters {
    public init(from decoder: Decoder) throws {
        try self.init(wire: decoder.container(keyedBy: WireKey.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try encode(into: &container)
    }

    init(wire c: KeyedDecodingContainer<WireKey>) throws {
        let d = SamplingParameters.defaults
        self.init(
            maxTokens: try c.wholeNumber("max_tokens", default: d.maxTokens),
            temperature: try c.value("temperature", default: d.temperature),
            topK: try c.wholeNumber("top_k", default: d.topK),
            topP: try c.value("top_p", default: d.topP),
            typicalP: try c.value("typical_p", default: d.typicalP),
            presencePenalty: try c.value("presence_penalty", default: d.presencePenalty),
            frequencyPenalty: try c.value("frequency_penalty", default: d.frequencyPenalty),
            repetitionPenalty: try c.value("repetition_penalty", default: d.repetitionPenalty),
            n: try c.wholeNumber("n", default: d.n),
            seed: try c.wholeNumber("seed", default: d.seed),
            stop: try c.stringOrArray("stop") ?? [],
            logitBias: [:])
        if c.contains(WireKey("top_logprobs")), try !c.decodeNil(forKey: WireKey("top_logprobs")) {
            topLogprobs = try c.wholeNumber("top_logprobs", default: 0)
        }
        // JSON object keys are strings: {"44986": -100}.
        let raw: [String: Double] = try c.value("logit_bias", default: [:])
        for (key, bias) in raw {
            guard let token = Int(key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: WireKey("logit_bias"), in: c,
                    debugDescription: "logit_bias key \"\(key)\" is not a token id")
            }
            logitBias[token] = bias
        }
    }

    func encode(into c: inout KeyedEncodingContainer<WireKey>) throws {
        try c.put("max_tokens", maxTokens)
        try c.put("temperature", temperature)
        try c.put("top_k", topK)
        try c.put("top_p", topP)
        try c.put("typical_p", typicalP)
        try c.put("presence_penalty", presencePenalty)
        try c.put("frequency_penalty", frequencyPenalty)
        try c.put("repetition_penalty", repetitionPenalty)
        try c.put("n", n)
        try c.put("seed", seed)
        // Omitted when empty: older servers treat `null`/absent as "no stop strings".
        if !stop.isEmpty { try c.put("stop", stop) }
        if !logitBias.isEmpty {
            let byString = Dictionary(uniqueKeysWithValues: logitBias.map { (String($0.key), $0.value) })
            try c.put("logit_bias", byString)
        }
        try c.putIfPresent("top_logprobs", topLogprobs)
    }
}
