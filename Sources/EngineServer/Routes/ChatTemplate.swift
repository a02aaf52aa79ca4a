// How a model's chat turns are written, told apart by its vocabulary: ChatML (SmolLM2-Instruct's, and the default)
// or Gemma's turns. Both chat routes (TextSynth's and OpenAI's) build their prompt here.

import LocalEngine

enum ChatTemplate: Sendable, Equatable {
    /// `<|im_start|>role\n…<|im_end|>\n`, ending by opening the assistant's turn.
    case chatML
    /// `<start_of_turn>user\n…<end_of_turn>\n`, the assistant called "model", no system role (its text opens the
    /// first user turn, as Gemma's own template does).
    case gemma

    init(tokenizer: Tokenizer) {
        let gemmaTurns = ["<start_of_turn>", "<end_of_turn>"].allSatisfy { tokenizer.id(of: $0) != nil }
        self = gemmaTurns ? .gemma : .chatML
    }

    /// The text that opens a turn: a stop string too, so a runaway reply ends where it would start another turn.
    var turnStart: String { self == .gemma ? "<start_of_turn>" : "<|im_start|>" }

    /// TextSynth's chat: messages alternate user/assistant, ending with the user's; an optional system prompt.
    func prompt(messages: [String], system: String?) -> String {
        let system = (system ?? "").isEmpty ? [] : [(role: "system", content: system ?? "")]
        return prompt(turns: system + messages.enumerated().map { ($0 % 2 == 0 ? "user" : "assistant", $1) })
    }

    /// Any sequence of roles (OpenAI's messages need not alternate); the prompt ends by opening the reply's turn.
    func prompt(turns: [(role: String, content: String)]) -> String {
        switch self {
        case .chatML:
            return turns.map { "<|im_start|>\($0.role)\n\($0.content)<|im_end|>\n" }.joined() + "<|im_start|>assistant\n"
        case .gemma:
            var pending = ""  // system text waiting for the next user turn
            var prompt = ""
            for turn in turns {
                if turn.role == "system" {
                    pending += turn.content + "\n\n"
                    continue
                }
                let role = turn.role == "assistant" ? "model" : turn.role
                let content = role == "user" ? pending + turn.content : turn.content
                if role == "user" { pending = "" }
                prompt += "<start_of_turn>\(role)\n\(content)<end_of_turn>\n"
            }
            if !pending.isEmpty { prompt += "<start_of_turn>user\n\(pending)<end_of_turn>\n" }
            return prompt + "<start_of_turn>model\n"
        }
    }
}
