// Builds the OpenAI answer objects of one request — whole, or chunk by chunk — from the scheduler's events.

import Foundation
import LocalEngine
import SynthWire

struct OpenAIAnswerWriter: Sendable {
    enum Kind: Sendable { case completion, chat }

    let kind: Kind
    let model: String
    let id: String
    let created: Int
    /// Streamed completions: where each choice's next token starts in its text (`text_offset`).
    private var textOffsets: [Int] = []

    init(kind: Kind, model: String) {
        self.kind = kind
        self.model = model
        let serial = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
        id = (kind == .chat ? "chatcmpl-" : "cmpl-") + serial
        created = Int(Date().timeIntervalSince1970)
    }

    /// An object of either kind, as Encodable.
    struct Object: Encodable, Sendable {
        let completion: OpenAICompletion?
        let chat: OpenAIChatCompletion?
        func encode(to encoder: Encoder) throws {
            if let completion { try completion.encode(to: encoder) } else { try chat.encode(to: encoder) }
        }
    }

    func whole(_ summary: CompletionSummary) -> Object {
        let usage = OpenAIUsage(promptTokens: summary.inputTokens, completionTokens: summary.outputTokens)
        switch kind {
        case .completion:
            let choices = summary.texts.indices.map { index in
                var offset = 0
                return OpenAICompletion.Choice(
                    text: summary.texts[index], index: index, finishReason: reason(summary, index),
                    logprobs: summary.tokens.map { OpenAICompletionLogprobs($0[index], offset: &offset) })
            }
            return Object(completion: OpenAICompletion(id: id, created: created, model: model, choices: choices,
                                                       usage: usage), chat: nil)
        case .chat:
            let choices = summary.texts.indices.map { index in
                OpenAIChatCompletion.Choice(index: index, message: .init(role: "assistant", content: summary.texts[index]),
                                            finishReason: reason(summary, index),
                                            logprobs: summary.tokens.map { OpenAIChatLogprobs($0[index]) })
            }
            return chat(object: "chat.completion", choices, usage: usage)
        }
    }

    /// Chat streams open each choice with the assistant's role.
    func opening(choices: Int) -> Object? {
        guard kind == .chat else { return nil }
        return chat(object: "chat.completion.chunk", (0..<choices).map {
            .init(index: $0, delta: .init(role: "assistant", content: ""), finishReason: nil)
        })
    }

    /// The new text of each choice, one chunk per choice that has any (or, `tokens` asked for, a new token: its
    /// text may still be held back, a character being unfinished).
    mutating func pieces(_ deltas: [String], tokens: [[TokenLogprobs]]? = nil) -> [Object] {
        if textOffsets.count < deltas.count { textOffsets = Array(repeating: 0, count: deltas.count) }
        return deltas.indices.filter { !deltas[$0].isEmpty || tokens?[$0].isEmpty == false }.map { index in
            switch kind {
            case .completion:
                let logprobs = tokens.map { OpenAICompletionLogprobs($0[index], offset: &textOffsets[index]) }
                return Object(completion: OpenAICompletion(
                    id: id, created: created, model: model,
                    choices: [.init(text: deltas[index], index: index, finishReason: nil, logprobs: logprobs)],
                    usage: nil), chat: nil)
            case .chat:
                return chat(object: "chat.completion.chunk",
                            [.init(index: index, delta: .init(role: nil, content: deltas[index]), finishReason: nil,
                                   logprobs: tokens.map { OpenAIChatLogprobs($0[index]) })])
            }
        }
    }

    /// Each choice's last chunk: no text, its finish reason.
    func endings(_ summary: CompletionSummary) -> [Object] {
        summary.texts.indices.map { index in
            switch kind {
            case .completion:
                return Object(completion: OpenAICompletion(
                    id: id, created: created, model: model,
                    choices: [.init(text: "", index: index, finishReason: reason(summary, index))], usage: nil), chat: nil)
            case .chat:
                return chat(object: "chat.completion.chunk",
                            [.init(index: index, delta: .init(role: nil, content: nil),
                                   finishReason: reason(summary, index))])
            }
        }
    }

    /// `stream_options.include_usage`: a last chunk with no choices and the token counts.
    func usageChunk(_ summary: CompletionSummary) -> Object {
        let usage = OpenAIUsage(promptTokens: summary.inputTokens, completionTokens: summary.outputTokens)
        switch kind {
        case .completion:
            return Object(completion: OpenAICompletion(id: id, created: created, model: model, choices: [],
                                                       usage: usage), chat: nil)
        case .chat:
            return chat(object: "chat.completion.chunk", [], usage: usage)
        }
    }

    private func chat(object: String, _ choices: [OpenAIChatCompletion.Choice], usage: OpenAIUsage? = nil) -> Object {
        Object(completion: nil, chat: OpenAIChatCompletion(id: id, object: object, created: created, model: model,
                                                           choices: choices, usage: usage))
    }

    private func reason(_ summary: CompletionSummary, _ index: Int) -> String {
        summary.finishReasons.indices.contains(index) ? summary.finishReasons[index].rawValue : "stop"
    }
}
