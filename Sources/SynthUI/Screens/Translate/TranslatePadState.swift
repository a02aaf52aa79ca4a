// The translation scratchpad as one value: the source text, the direction and options, and what came back.
import SynthKit

/// Tokens and credits of one request, for the status line.
public struct RequestUsage: Sendable, Equatable {
    public var requestID: Int
    public var label: String
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var credits: Double?
    public init(requestID: Int, label: String, inputTokens: Int?, outputTokens: Int?, credits: Double?) {
        self.requestID = requestID
        self.label = label
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.credits = credits
    }
}

/// From which language to which a translation was made (`source` may be "auto").
public struct TranslationDirection: Sendable, Equatable {
    public var source: String
    public var target: String
}

/// What a request the pad started is for; answers are routed by it.
enum PadRequest: Sendable, Equatable {
    case forward(batch: Int)
    case roundTrip(batch: Int)
    case llm(line: Int)
}

/// The few-shot completion column: the same lines translated by a completion model.
public struct LLMTranslation: Sendable, Equatable {
    public var variant: CompareVariant
    /// Example pairs put before each sentence (the first `k`).
    public var examples: [TranslationExample]
    public var k: Int
    /// Completion text per source line.
    public var outputs: [Int: String] = [:]
    public var errors: [Int: String] = [:]
    public init(variant: CompareVariant, examples: [TranslationExample] = FewShotPrompt.englishFrenchExamples, k: Int = 5) {
        self.variant = variant
        self.examples = examples
        self.k = k
    }
}

public struct TranslatePadState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable {
        case source
        case output
    }

    public var source: PromptEditor
    public var sourceLang: String
    public var targetLang: String
    public var numBeams: Int = 4
    public var splitSentences: Bool = true
    public var backend: String
    public var engine: String
    /// What the translation engine can translate: the picker offers its languages and marks those the current
    /// direction cannot use.
    public var support: LanguageSupport
    /// Price per token of the translation backend, for credits when no measured change is known.
    public var price: TokenPrice?
    public var focus: Focus = .source
    public var picker: LanguagePicker?
    /// Run the translation back (B→A) after each translation and diff it against the source.
    public var roundTripEnabled: Bool = false
    /// The completion-model column, when enabled.
    public var llm: LLMTranslation?
    /// The engine and parameters F10's column translates with (the playground's, given by the app).
    public var completionVariant: CompareVariant?
    /// First aligned row shown.
    public var scroll: Int = 0
    public var notice: Notice?
    public internal(set) var viewRect: Rect = .zero

    // Results of the last translation.
    public internal(set) var plan: TranslationPlan?
    /// The source lines the results belong to (edits after translating make them stale, not lost).
    public internal(set) var translatedLines: [String] = []
    /// The languages the results are in; choosing others makes them stale (marked, not lost) until F5.
    public internal(set) var translatedDirection: TranslationDirection?
    var answers: [Int: TranslateAnswer] = [:]
    public internal(set) var roundTripPlan: TranslationPlan?
    var roundTripAnswers: [Int: TranslateAnswer] = [:]
    public internal(set) var usage: [RequestUsage] = []
    /// Requests in flight, by id.
    var pending: [Int: PadRequest] = [:]
    public var nextRequestID: Int

    public init(backend: String = "textsynth", engine: String = EngineCatalog.defaultTranslationEngine,
                support: LanguageSupport? = nil, sourceLang: String = TranslateRequest.autoDetect,
                targetLang: String = "fr", text: String = "", price: TokenPrice? = nil, firstRequestID: Int = 1) {
        self.backend = backend
        self.engine = engine
        self.support = support ?? LanguageSupport(engine: engine)
        self.sourceLang = sourceLang
        self.targetLang = targetLang
        self.source = PromptEditor(text: text)
        self.price = price
        self.nextRequestID = firstRequestID
    }

    public var isTranslating: Bool { !pending.isEmpty }

    public var sourceLines: [String] { TranslationBatches.sourceLines(source.text) }

    /// Each source line's translation (nil for blank lines and lines not answered yet).
    public var translations: [TranslateAnswer.Translation?] { plan?.translations(from: answers) ?? [] }

    /// The text that came back from translating the translation back, per source line.
    public var roundTrips: [String?] {
        roundTripPlan?.translations(from: roundTripAnswers).map { $0?.text } ?? []
    }

    /// The word diff of each line's round trip against the line it started from.
    public var roundTripDiffs: [[DiffRun]?] {
        let back = roundTrips
        return translatedLines.indices.map { i in
            guard back.indices.contains(i), let text = back[i] else { return nil }
            return WordDiff.diff(translatedLines[i], text)
        }
    }

    /// True when the source or the languages changed after the shown translation was made.
    public var isStale: Bool {
        plan != nil && (translatedLines != sourceLines || translatedDirection != currentDirection)
    }

    public var currentDirection: TranslationDirection { TranslationDirection(source: sourceLang, target: targetLang) }

    /// Whether the current direction is one the backend can do.
    public var directionSupported: Bool { support.canTranslate(to: targetLang, from: sourceLang) }

    /// Every translation, one per source line, blank lines kept: what "copy all" copies.
    public var allTranslations: String {
        translations.map { $0?.text ?? "" }.joined(separator: "\n")
    }
}
