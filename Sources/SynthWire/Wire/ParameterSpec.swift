/// The catalogue of numeric parameters: what the CLI prints in `--help`, what the UI draws as sliders,
/// and what validation checks. One source of truth for ranges and defaults.
public struct ParameterSpec: Sendable, Equatable, Identifiable {
    /// One end of an allowed range.
    public enum Bound: Sendable, Equatable {
        case inclusive(Double)
        case exclusive(Double)
        case none
    }

    /// The wire name, e.g. `top_k`. Also the identity.
    public let wireName: String
    public let displayName: String
    public let lower: Bound
    public let upper: Bound
    public let defaultValue: Double
    /// Step of one key press on a slider.
    public let fineStep: Double
    /// Step of a page key on a slider.
    public let coarseStep: Double
    public let isInteger: Bool
    /// One line for help screens.
    public let summary: String
    /// The range a slider shows; equals the allowed range when that is closed, is a sane window otherwise
    /// (temperature allows any value ≥ 0 but a slider needs an end).
    public let displayRange: ClosedRange<Double>

    public var id: String { wireName }

    public init(wireName: String, displayName: String, lower: Bound, upper: Bound, defaultValue: Double,
                fineStep: Double, coarseStep: Double, isInteger: Bool, summary: String,
                displayRange: ClosedRange<Double>? = nil) {
        self.wireName = wireName
        self.displayName = displayName
        self.lower = lower
        self.upper = upper
        self.defaultValue = defaultValue
        self.fineStep = fineStep
        self.coarseStep = coarseStep
        self.isInteger = isInteger
        self.summary = summary
        if let displayRange {
            self.displayRange = displayRange
        } else if case .inclusive(let low) = lower, case .inclusive(let high) = upper {
            self.displayRange = low...high
        } else {
            self.displayRange = defaultValue...defaultValue
        }
    }

    /// The largest whole number any integer parameter may take, whatever its documented range: servers read
    /// these as 32-bit integers, and a larger one must be refused here rather than trap when converted.
    public static let largestWholeNumber: Double = 2_147_483_647

    /// True when `value` is allowed (NaN never is; integers must be whole and at most `largestWholeNumber`).
    public func allows(_ value: Double) -> Bool {
        guard !value.isNaN else { return false }
        if isInteger, value != value.rounded() || abs(value) > Self.largestWholeNumber { return false }
        switch lower {
        case .inclusive(let low) where value < low: return false
        case .exclusive(let low) where value <= low: return false
        default: break
        }
        switch upper {
        case .inclusive(let high) where value > high: return false
        case .exclusive(let high) where value >= high: return false
        default: break
        }
        return true
    }

    /// The allowed range as people write it: `1…1000`, `≥ 0`, `> 0`.
    public var rangeDescription: String {
        switch (lower, upper) {
        case (.inclusive(let low), .inclusive(let high)): return "\(displayNumber(low))…\(displayNumber(high))"
        case (.inclusive(let low), .none): return "≥ \(displayNumber(low))"
        case (.exclusive(let low), .none): return "> \(displayNumber(low))"
        case (.none, .inclusive(let high)): return "≤ \(displayNumber(high))"
        case (.none, .exclusive(let high)): return "< \(displayNumber(high))"
        case (.none, .none): return "any number"
        case (.exclusive(let low), .inclusive(let high)): return "> \(displayNumber(low)) and ≤ \(displayNumber(high))"
        case (.inclusive(let low), .exclusive(let high)): return "≥ \(displayNumber(low)) and < \(displayNumber(high))"
        case (.exclusive(let low), .exclusive(let high)): return "> \(displayNumber(low)) and < \(displayNumber(high))"
        }
    }

    /// The range to name when refusing `value`: the documented one, plus the integer limit when that is what it broke.
    public func allowedDescription(refusing value: Double) -> String {
        guard isInteger, abs(value) > Self.largestWholeNumber else { return rangeDescription }
        return "\(rangeDescription), at most \(displayNumber(Self.largestWholeNumber))"
    }

    /// Throws a `ValidationError` naming this parameter when `value` is not allowed.
    public func check(_ value: Double) throws(ValidationError) {
        guard allows(value) else {
            throw ValidationError(field: wireName, value: displayNumber(value), allowed: allowedDescription(refusing: value))
        }
    }

    public func check(_ value: Int) throws(ValidationError) { try check(Double(value)) }

    /// `value` moved to the nearest allowed one inside the display range (for sliders).
    public func clampedForDisplay(_ value: Double) -> Double {
        let clamped = min(max(value, displayRange.lowerBound), displayRange.upperBound)
        return isInteger ? clamped.rounded() : clamped
    }
}

extension ParameterSpec {
    // Completion sampling parameters (textsynth-api.txt, wire-notes.md).
    public static let maxTokens = ParameterSpec(
        wireName: "max_tokens", displayName: "Max tokens", lower: .inclusive(1), upper: .none, defaultValue: 100,
        fineStep: 1, coarseStep: 50, isInteger: true,
        summary: "Most tokens to generate; prompt plus output must fit the engine's context.",
        displayRange: 1...2048)
    public static let temperature = ParameterSpec(
        wireName: "temperature", displayName: "Temperature", lower: .inclusive(0), upper: .none, defaultValue: 1,
        fineStep: 0.05, coarseStep: 0.25, isInteger: false,
        summary: "Higher picks less common tokens: more diverse, less relevant.",
        displayRange: 0...2)
    public static let topK = ParameterSpec(
        wireName: "top_k", displayName: "Top-k", lower: .inclusive(1), upper: .inclusive(1000), defaultValue: 40,
        fineStep: 1, coarseStep: 10, isInteger: true,
        summary: "Choose the next token among the k most likely ones.")
    public static let topP = ParameterSpec(
        wireName: "top_p", displayName: "Top-p", lower: .inclusive(0), upper: .inclusive(1), defaultValue: 0.9,
        fineStep: 0.01, coarseStep: 0.1, isInteger: false,
        summary: "Choose among the most likely tokens whose probabilities add up to p; 1 disables.")
    public static let typicalP = ParameterSpec(
        wireName: "typical_p", displayName: "Typical-p", lower: .inclusive(0), upper: .inclusive(1), defaultValue: 1,
        fineStep: 0.01, coarseStep: 0.1, isInteger: false,
        summary: "Prefer tokens whose likelihood is close to the entropy; 1 disables.")
    public static let presencePenalty = ParameterSpec(
        wireName: "presence_penalty", displayName: "Presence penalty", lower: .inclusive(-2), upper: .inclusive(2),
        defaultValue: 0, fineStep: 0.05, coarseStep: 0.5, isInteger: false,
        summary: "Positive values penalise tokens already generated.")
    public static let frequencyPenalty = ParameterSpec(
        wireName: "frequency_penalty", displayName: "Frequency penalty", lower: .inclusive(-2), upper: .inclusive(2),
        defaultValue: 0, fineStep: 0.05, coarseStep: 0.5, isInteger: false,
        summary: "Positive values penalise tokens in proportion to how often they appeared.")
    public static let repetitionPenalty = ParameterSpec(
        wireName: "repetition_penalty", displayName: "Repetition penalty", lower: .exclusive(0), upper: .none,
        defaultValue: 1, fineStep: 0.01, coarseStep: 0.1, isInteger: false,
        summary: "Divides the logits of tokens already seen; 1 disables.",
        displayRange: 0.5...2)
    public static let n = ParameterSpec(
        wireName: "n", displayName: "Completions", lower: .inclusive(1), upper: .inclusive(16), defaultValue: 1,
        fineStep: 1, coarseStep: 4, isInteger: true,
        summary: "How many completions to generate from one prompt.")
    public static let seed = ParameterSpec(
        wireName: "seed", displayName: "Seed", lower: .inclusive(0), upper: .none, defaultValue: 0,
        fineStep: 1, coarseStep: 100, isInteger: true,
        summary: "0 draws a new random seed each time; any other value repeats the output.",
        displayRange: 0...65535)
    public static let logitBias = ParameterSpec(
        wireName: "logit_bias", displayName: "Logit bias", lower: .inclusive(-100), upper: .inclusive(100),
        defaultValue: 0, fineStep: 1, coarseStep: 10, isInteger: false,
        summary: "Added to a token's logit; -100 bans it.")

    /// synthpad's extension: how many alternatives each generated token lists. A request option, not a slider
    /// (not in `all`): checked when present.
    public static let topLogprobs = ParameterSpec(
        wireName: "top_logprobs", displayName: "Top log-probabilities", lower: .inclusive(0), upper: .inclusive(20),
        defaultValue: 0, fineStep: 1, coarseStep: 5, isInteger: true,
        summary: "Each generated token's probability and its most likely alternatives (0…20).")

    /// The sampling parameters of completion and chat, in the order a settings panel shows them.
    public static let all: [ParameterSpec] = [
        maxTokens, temperature, topK, topP, typicalP, presencePenalty, frequencyPenalty, repetitionPenalty, n, seed,
    ]

    // Translation.
    public static let numBeams = ParameterSpec(
        wireName: "num_beams", displayName: "Beams", lower: .inclusive(1), upper: .inclusive(5), defaultValue: 4,
        fineStep: 1, coarseStep: 1, isInteger: true,
        summary: "Beams of the translation search: better with more, each costs its own tokens.")

    // Text to image.
    public static let imageCount = ParameterSpec(
        wireName: "image_count", displayName: "Images", lower: .inclusive(1), upper: .inclusive(4), defaultValue: 1,
        fineStep: 1, coarseStep: 1, isInteger: true, summary: "How many images to generate.")
    public static let timesteps = ParameterSpec(
        wireName: "timesteps", displayName: "Diffusion steps", lower: .inclusive(1), upper: .none, defaultValue: 50,
        fineStep: 1, coarseStep: 10, isInteger: true,
        summary: "More steps usually give a better image and take longer.", displayRange: 1...150)
    public static let guidanceScale = ParameterSpec(
        wireName: "guidance_scale", displayName: "Guidance scale", lower: .inclusive(0), upper: .none, defaultValue: 7.5,
        fineStep: 0.5, coarseStep: 2.5, isInteger: false,
        summary: "How strongly the image follows the prompt.", displayRange: 0...20)
    public static let imageSeed = ParameterSpec(
        wireName: "seed", displayName: "Seed", lower: .inclusive(0), upper: .none, defaultValue: 0,
        fineStep: 1, coarseStep: 100, isInteger: true,
        summary: "0 draws new images each time; any other value repeats them.", displayRange: 0...65535)
    public static let strength = ParameterSpec(
        wireName: "strength", displayName: "Strength", lower: .inclusive(0), upper: .inclusive(1), defaultValue: 0.5,
        fineStep: 0.05, coarseStep: 0.25, isInteger: false,
        summary: "How far image-to-image may move away from the given image.")

    // Booste GPT-2 (booste-gpt2.txt).
    public static let boosteLength = ParameterSpec(
        wireName: "length", displayName: "Words", lower: .inclusive(1), upper: .none, defaultValue: 5,
        fineStep: 1, coarseStep: 10, isInteger: true, summary: "How many words to predict.", displayRange: 1...500)
    public static let boosteTemperature = ParameterSpec(
        wireName: "temperature", displayName: "Temperature", lower: .inclusive(0.1), upper: .inclusive(1),
        defaultValue: 0.8, fineStep: 0.05, coarseStep: 0.1, isInteger: false,
        summary: "Randomness of GPT-2's choices.")
    public static let boosteWindowMax = ParameterSpec(
        wireName: "windowMax", displayName: "Window", lower: .inclusive(1), upper: .inclusive(1023), defaultValue: 100,
        fineStep: 1, coarseStep: 50, isInteger: true,
        summary: "Only the last N words of the input are used: smaller is faster, larger keeps context.")

    /// The Booste GPT-2 parameters, in panel order.
    public static let booste: [ParameterSpec] = [boosteLength, boosteTemperature, boosteWindowMax]

    /// The spec with this wire name among the completion sampling parameters.
    public static func named(_ wireName: String) -> ParameterSpec? { all.first { $0.wireName == wireName } }
}
