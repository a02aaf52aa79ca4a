import Foundation

/// A streamed choice's `logprobs` in either of OpenAI's shapes, read leniently and turned into synthpad's
/// per-token values (`TokenLogprob`). OpenAI gives no token ids (`id` is -1) and one log-probability per token,
/// which fills both `logprob` and `modelLogprob`.
struct OpenAIChunkLogprobs: Decodable {
    /// Chat: `{"content": [{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}]}`.
    struct ChatToken: Decodable {
        var token: String
        var logprob: Double
        var bytes: [UInt8]?
        var topLogprobs: [ChatToken]?
        enum CodingKeys: String, CodingKey { case token, logprob, bytes, topLogprobs = "top_logprobs" }
    }
    var content: [ChatToken]?
    /// Completions: parallel lists; each `top_logprobs` entry maps text → logprob.
    var tokens: [String]?
    var tokenLogprobs: [Double?]?
    var topLogprobs: [[String: Double]?]?

    enum CodingKeys: String, CodingKey {
        case content, tokens, tokenLogprobs = "token_logprobs", topLogprobs = "top_logprobs"
    }

    var perToken: [TokenLogprob] {
        if let content { return content.map(Self.token) }
        guard let tokens else { return [] }
        // A token without a value (OpenAI's null for an echoed prompt's first token) has nothing to show: left out.
        return tokens.enumerated().compactMap { index, text in
            guard let values = tokenLogprobs, values.indices.contains(index), let logprob = values[index] else { return nil }
            let top = (topLogprobs?.indices.contains(index) == true ? topLogprobs?[index] : nil) ?? [:]
            let alternatives = top.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { TokenLogprob.Alternative(id: -1, text: $0.key, logprob: $0.value) }
            return TokenLogprob(id: -1, text: text, bytes: Array(text.utf8), logprob: logprob, modelLogprob: logprob,
                                topLogprobs: alternatives)
        }
    }

    private static func token(_ chat: ChatToken) -> TokenLogprob {
        TokenLogprob(id: -1, text: chat.token, bytes: chat.bytes ?? Array(chat.token.utf8), logprob: chat.logprob,
                     modelLogprob: chat.logprob,
                     topLogprobs: (chat.topLogprobs ?? []).map { .init(id: -1, text: $0.token, logprob: $0.logprob) })
    }
}
