import Foundation

/// `POST /v1/engines/{engine}/translate` (m2m100_1_2B): a batch of independent texts.
public struct TranslateRequest: Sendable, Equatable, Codable, Validatable {
    public var text: [String]
    /// Two or three letter ISO code, or "auto" to detect.
    public var sourceLang: String
    public var targetLang: String
    public var numBeams: Int
    public var splitSentences: Bool

    public static let maxTexts = 64
    public static let autoDetect = "auto"

    public init(text: [String], sourceLang: String = TranslateRequest.autoDetect, targetLang: String,
                numBeams: Int = 4, splitSentences: Bool = true) {
        self.text = text
        self.sourceLang = sourceLang
        self.targetLang = targetLang
        self.numBeams = numBeams
        self.splitSentences = splitSentences
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        text = try c.stringOrArray("text") ?? []
        sourceLang = try c.value("source_lang", default: Self.autoDetect)
        targetLang = try c.required("target_lang")
        numBeams = try c.value("num_beams", default: 4)
        splitSentences = try c.value("split_sentences", default: true)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("text", text)
        try c.put("source_lang", sourceLang)
        try c.put("target_lang", targetLang)
        try c.put("num_beams", numBeams)
        try c.put("split_sentences", splitSentences)
    }

    public func validate() throws(ValidationError) {
        if text.isEmpty || text.count > Self.maxTexts {
            throw ValidationError(field: "text", value: "\(text.count) texts", allowed: "1…\(Self.maxTexts)")
        }
        if sourceLang != Self.autoDetect, !Self.isLanguageCode(sourceLang) {
            throw ValidationError(field: "source_lang", value: quoted(sourceLang),
                                  allowed: "a 2 or 3 letter ISO code, or \"auto\"", problem: "is not a language code")
        }
        if !Self.isLanguageCode(targetLang) {
            throw ValidationError(field: "target_lang", value: quoted(targetLang),
                                  allowed: "a 2 or 3 letter ISO code", problem: "is not a language code")
        }
        try ParameterSpec.numBeams.check(numBeams)
    }

    /// Checks both languages against `engine`'s documented ones when synthpad knows them (MADLAD-400, M2M100);
    /// any other engine's server is the judge.
    public func validateLanguages(for engine: String) throws(ValidationError) {
        guard let languages = Languages.of(engine: engine) else { return }
        for (field, code) in [("source_lang", sourceLang), ("target_lang", targetLang)] where code != Self.autoDetect {
            guard Languages.engine(engine, translates: code) == false else { continue }
            throw ValidationError(field: field, value: quoted(code),
                                  allowed: "its \(languages.count) codes: " + languages.map(\.code).joined(separator: " "),
                                  problem: "is not a language \(engine) translates")
        }
    }

    static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}

/// `POST /v1/engines/{engine}/logprob`: how likely `continuation` is after `context`.
public struct LogprobRequest: Sendable, Equatable, Codable, Validatable {
    /// Empty means the End-Of-Text token.
    public var context: String
    public var continuation: String

    public init(context: String, continuation: String) {
        self.context = context
        self.continuation = continuation
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        context = try c.value("context", default: "")
        continuation = try c.required("continuation")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("context", context)
        try c.put("continuation", continuation)
    }

    public func validate() throws(ValidationError) {
        if continuation.isEmpty {
            throw ValidationError(field: "continuation", value: "\"\"", allowed: "a non-empty string",
                                  problem: "is empty")
        }
    }
}

/// `POST /v1/engines/{engine}/tokenize` (free).
public struct TokenizeRequest: Sendable, Equatable, Codable, Validatable {
    /// Whether the answer also carries each token's bytes.
    public enum TokenContentType: String, Sendable, Equatable, Codable, CaseIterable {
        case none
        case base64
    }

    public var text: String
    public var tokenContentType: TokenContentType

    public init(text: String, tokenContentType: TokenContentType = .none) {
        self.text = text
        self.tokenContentType = tokenContentType
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        text = try c.required("text")
        tokenContentType = try c.value("token_content_type", default: .none)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("text", text)
        if tokenContentType != .none { try c.put("token_content_type", tokenContentType) }
    }

    public func validate() throws(ValidationError) {}
}
