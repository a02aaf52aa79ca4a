/// The engines TextSynth's cloud offers (it has no endpoint listing them), as its current documentation lists them,
/// and the ones it retired, which self-hosted servers may still run. Unknown ids stay allowed: a self-hosted server
/// names its own engines, and it is the server that checks; the config can add engines (`[engines.ID]`).
public struct Engine: Sendable, Equatable, Identifiable {
    public enum Capability: String, Sendable, Equatable, CaseIterable {
        case completion
        case translation
        case image
    }

    public let id: String
    public let displayName: String
    /// Prompt plus generated tokens may not exceed this; nil when not a text model.
    public let contextLength: Int?
    public let capability: Capability
    /// An instruction-tuned model meant for the chat endpoint (it also completes).
    public let isChat: Bool
    public let summary: String

    public init(id: String, displayName: String, contextLength: Int?, capability: Capability, isChat: Bool = false,
                summary: String) {
        self.id = id
        self.displayName = displayName
        self.contextLength = contextLength
        self.capability = capability
        self.isChat = isChat
        self.summary = summary
    }
}

public enum EngineCatalog {
    /// What the TextSynth cloud offers today (its documentation, 2026).
    public static let current: [Engine] = [
        Engine(id: "gptj_6B", displayName: "GPT-J 6B", contextLength: 2048, capability: .completion,
               summary: "6B parameters, trained on the Pile; English, other languages, code."),
        Engine(id: "mistral_7B", displayName: "Mistral 7B", contextLength: 8192, capability: .completion,
               summary: "7B parameters; a strong base model for its size."),
        Engine(id: "llama3_8B", displayName: "Llama 3 8B", contextLength: 8192, capability: .completion,
               summary: "Meta's 8B base model."),
        Engine(id: "llama3.1_8B_instruct", displayName: "Llama 3.1 8B Instruct", contextLength: 8192,
               capability: .completion, isChat: true, summary: "Meta's 8B model tuned to follow instructions."),
        Engine(id: "gemma3_27B_it", displayName: "Gemma 3 27B", contextLength: 131_072, capability: .completion,
               isChat: true, summary: "Google's 27B instruction model, 128K context."),
        Engine(id: "mixtral_47B_instruct", displayName: "Mixtral 47B Instruct", contextLength: 32_768,
               capability: .completion, isChat: true, summary: "Mistral's mixture of experts, 32K context."),
        Engine(id: "llama3.3_70B_instruct", displayName: "Llama 3.3 70B Instruct", contextLength: 8192,
               capability: .completion, isChat: true, summary: "Meta's 70B instruction model."),
        Engine(id: "madlad400_7B", displayName: "MADLAD-400 7B", contextLength: 1024, capability: .translation,
               summary: "Translation between about 400 languages."),
        Engine(id: "stable_diffusion", displayName: "Stable Diffusion", contextLength: nil, capability: .image,
               summary: "Text to 512×512 image."),
    ]

    /// Engines the cloud no longer offers (the API reference's), kept for self-hosted servers that still run them.
    public static let retired: [Engine] = [
        Engine(id: "boris_6B", displayName: "Boris 6B", contextLength: 1024, capability: .completion,
               summary: "GPT-J fine-tuned for French."),
        Engine(id: "fairseq_gpt_13B", displayName: "Fairseq GPT 13B", contextLength: 1024, capability: .completion,
               summary: "13B parameters, strong on pure English."),
        Engine(id: "gptneox_20B", displayName: "GPT-NeoX 20B", contextLength: 1024, capability: .completion,
               summary: "20B parameters, trained on the Pile."),
        Engine(id: "flan_t5_xxl", displayName: "Flan-T5-XXL", contextLength: 1024, capability: .completion,
               summary: "11B parameters, fine-tuned to answer questions."),
        Engine(id: "codegen_6B_mono", displayName: "CodeGen 6B mono", contextLength: 1024, capability: .completion,
               summary: "6B parameters, specialised in source code (mostly Python)."),
        Engine(id: "m2m100_1_2B", displayName: "M2M100 1.2B", contextLength: 1024, capability: .translation,
               summary: "Translation between 100 languages."),
    ]

    /// Every engine synthpad knows by name: the cloud's and the retired ones.
    public static let known: [Engine] = current + retired

    public static let defaultCompletionEngine = "gptj_6B"
    public static let defaultTranslationEngine = "madlad400_7B"
    public static let defaultImageEngine = "stable_diffusion"

    public static func engine(id: String) -> Engine? { known.first { $0.id == id } }

    /// The cloud's current engines of a kind (what its pickers offer).
    public static func engines(with capability: Engine.Capability) -> [Engine] {
        current.filter { $0.capability == capability }
    }

    /// The documented context length, or 1024 (the common one) for an engine we do not know.
    public static func contextLength(of id: String) -> Int { engine(id: id)?.contextLength ?? 1024 }
}
