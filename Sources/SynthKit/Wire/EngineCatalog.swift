/// The engines TextSynth documents (there is no endpoint listing them). Unknown ids stay allowed:
/// a self-hosted server may serve other models, and it is the server that checks.
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
    public let summary: String

    public init(id: String, displayName: String, contextLength: Int?, capability: Capability, summary: String) {
        self.id = id
        self.displayName = displayName
        self.contextLength = contextLength
        self.capability = capability
        self.summary = summary
    }
}

public enum EngineCatalog {
    public static let known: [Engine] = [
        Engine(id: "gptj_6B", displayName: "GPT-J 6B", contextLength: 2048, capability: .completion,
               summary: "6B parameters, trained on the Pile; English, other languages, code."),
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
        Engine(id: "stable_diffusion", displayName: "Stable Diffusion", contextLength: nil, capability: .image,
               summary: "Text to 512×512 image."),
    ]

    public static let defaultCompletionEngine = "gptj_6B"
    public static let defaultTranslationEngine = "m2m100_1_2B"
    public static let defaultImageEngine = "stable_diffusion"

    public static func engine(id: String) -> Engine? { known.first { $0.id == id } }

    public static func engines(with capability: Engine.Capability) -> [Engine] {
        known.filter { $0.capability == capability }
    }

    /// The documented context length, or 1024 (the common one) for an engine we do not know.
    public static func contextLength(of id: String) -> Int { engine(id: id)?.contextLength ?? 1024 }
}
