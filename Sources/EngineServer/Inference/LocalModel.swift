// The loaded model the server runs: weights, tokenizer and the facts the API reports about it.
// Loaded once and shareable: several servers in one process (tests) can use the same instance.

import Foundation
import LocalEngine

public final class LocalModel: Sendable {
    public let model: LlamaModel
    public let tokenizer: Tokenizer
    public let path: String
    /// Whether the GGUF asks for a BOS token in front of every prompt.
    public let addsBOS: Bool
    /// The engine id the file names itself by, used when the server is given none for it.
    public let defaultEngineID: String
    /// How the chat routes write this model's turns.
    let chatTemplate: ChatTemplate

    /// Loads `path` (memory-mapped) with a context window of at most `maxContextLength` tokens.
    public init(path: String, threads: Int, contextLength: Int? = nil, maxContextLength: Int = 2048) throws {
        let file = try GGUFFile(path: path)
        let architecture = file.metadata["general.architecture"]?.string ?? "llama"
        let trained = file.metadata["\(architecture).context_length"]?.int ?? maxContextLength
        let context = min(contextLength ?? trained, maxContextLength, trained)
        model = try LlamaModel(file: file, threads: threads, contextLength: context)
        tokenizer = try Tokenizer(gguf: file)
        addsBOS = file.metadata["tokenizer.ggml.add_bos_token"]?.bool ?? false
        chatTemplate = ChatTemplate(tokenizer: tokenizer)
        defaultEngineID = Self.engineID(basename: file.metadata["general.basename"]?.string,
                                        sizeLabel: file.metadata["general.size_label"]?.string, path: path)
        self.path = path
        file.releaseArrays()  // built from: the served model keeps only its tensors and scalars
    }

    /// The engine id a GGUF file names itself by, read without loading its weights (for clients of a child server).
    public static func defaultEngineID(ofFile path: String) throws -> String {
        let file = try GGUFFile(path: path)
        return engineID(basename: file.metadata["general.basename"]?.string,
                        sizeLabel: file.metadata["general.size_label"]?.string, path: path)
    }

    /// `general.basename` and `general.size_label` as TextSynth spells engine ids (smollm2 + 135M → smollm2_135M);
    /// a file without them is named after its file name.
    static func engineID(basename: String?, sizeLabel: String?, path: String) -> String {
        if let basename, !basename.isEmpty {
            let base = basename.lowercased().replacingOccurrences(of: " ", with: "-")
            guard let sizeLabel, !sizeLabel.isEmpty else { return base }
            return base + "_" + sizeLabel.replacingOccurrences(of: " ", with: "")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return name.isEmpty ? "model" : name
    }

    public var contextLength: Int { model.config.contextLength }
    public var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// Prompt text to tokens. Special-token text (<|im_start|>…) becomes its token, as llama.cpp's server does,
    /// so a playground user can write a ChatML prompt by hand.
    func promptTokens(_ text: String) -> [Int32] {
        let tokens = tokenizer.encode(text, parseSpecial: true)
        if addsBOS, let bos = tokenizer.bosID { return [bos] + tokens }
        return tokens
    }

    /// The "End-Of-Text" token a logprob with an empty context starts from (a model that starts every prompt with
    /// BOS, as Gemma does, starts from that).
    var endOfTextToken: Int32 {
        tokenizer.id(of: "<|endoftext|>") ?? (addsBOS ? tokenizer.bosID : nil) ?? tokenizer.eosID ?? tokenizer.bosID ?? 0
    }
}
