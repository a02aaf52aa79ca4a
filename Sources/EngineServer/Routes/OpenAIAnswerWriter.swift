// Builds the OpenAI answer objects of one request — whole, or chunk by chunk — from the scheduler's events.

import Foundation
import SynthKit

struct OpenAIAnswerWriter: Sendable {
    enum Kind: Sendable { case completion, chat }

    let kind: Kind
    let model: String
    let id: String
    let created: Int

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
            let choices = summary.texts.indices.map {
                OpenAICompletion.Choice(text: summary.texts[$0], index: $0, finishReason: reason(summary, $0))
            }
            return Object(completion: OpenAICompletion(id: id, created: created, model: model, choices: choices,
                                                       usage: usage), chat: nil)
        case .chat:
            let choices = summary.texts.indices.map {
                OpenAIChatCompletion.Choice(index: $0, message: .init(role: "assistant", content: summary.texts[$0]),
                                            finishReason: reason(summary, $0))
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

    /// The new text of each choice, one chunk per choice that has any.
    func pieces(_ deltas: [String]) -> [Object] {
        deltas.indices.filter { !deltas[$0].isEmpty }.map { index in
            switch kind {
            case .completion:
                return Object(completion: OpenAICompletion(
                    id: id, created: created, model: model,
                    choices: [.init(text: deltas[index], index: index, finishReason: nil)], usage: nil), chat: nil)
            case .chat:
                return chat(object: "chat.completion.chunk",
                            [.init(index: index, delta: .init(role: nil, content: deltas[index]), finishReason: nil)])
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
