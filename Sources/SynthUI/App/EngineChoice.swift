// The engines the user can switch between in the playground.
import SynthKit

public struct EngineChoice: Sendable, Hashable, Codable {
    /// The id sent to the API (`gptj_6B`, `gpt2-xl`, …).
    public var id: String
    public var displayName: String
    /// Tokens (words for Booste) that prompt plus output may hold.
    public var contextLength: Int
    public var family: EngineFamily
    /// The backend it runs on, when that is not the one the TUI was opened with (`--with NAME`: compare columns and
    /// the playground may mix backends); nil: the main backend.
    public var backend: String?
    /// Whether it gives per-token probabilities (its server lists "token_logprobs", or it speaks OpenAI's
    /// `logprobs`): what the token inspector asks for. nil: not known to.
    public var givesTokenLogprobs: Bool?

    public init(id: String, displayName: String, contextLength: Int, family: EngineFamily, backend: String? = nil,
                givesTokenLogprobs: Bool? = nil) {
        self.id = id
        self.displayName = displayName
        self.contextLength = contextLength
        self.family = family
        self.backend = backend
        self.givesTokenLogprobs = givesTokenLogprobs
    }

    /// How the command line names it: the id, with `@backend` when it runs on another backend.
    public var qualifiedID: String { backend.map { "\(id)@\($0)" } ?? id }

    /// TextSynth's completion engines, from SynthKit's catalogue.
    public static let textSynthEngines: [EngineChoice] = EngineCatalog.engines(with: .completion).map {
        EngineChoice(id: $0.id, displayName: $0.displayName, contextLength: $0.contextLength ?? 1024, family: .textSynth)
    }

    /// Booste's two GPT-2 sizes (GPT-2 reads at most 1024 words).
    public static let boosteEngines: [EngineChoice] = BoosteParameters.ModelSize.allCases.map {
        EngineChoice(id: $0.rawValue, displayName: $0 == .gpt2 ? "GPT-2" : "GPT-2 XL", contextLength: 1024, family: .booste)
    }
}
