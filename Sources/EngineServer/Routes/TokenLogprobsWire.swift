// The engine's per-token probabilities (`TokenLogprobs`) in the shapes the answers carry: synthpad's `tokens`
// on the TextSynth routes, and OpenAI's completion and chat `logprobs` objects.

import Foundation
import LocalEngine
import SynthWire

extension TokenLogprob {
    init(_ token: TokenLogprobs) {
        self.init(id: Int(token.id), text: token.text, bytes: token.bytes, logprob: token.logprob,
                  modelLogprob: token.modelLogprob,
                  topLogprobs: token.alternatives.map { .init(id: Int($0.id), text: $0.text, logprob: $0.logprob) })
    }

    /// Per completion, or nil when none were asked for.
    static func lists(_ tokens: [[TokenLogprobs]]?) -> [[TokenLogprob]]? {
        tokens?.map { $0.map(TokenLogprob.init) }
    }
}

extension OpenAICompletionLogprobs {
    /// One choice's tokens; `offset` is where the first one starts in the choice's text, and is moved past the last.
    /// Alternatives whose texts coincide (distinct ids, same text) keep the most probable, as a dict must.
    init(_ tokens: [TokenLogprobs], offset: inout Int) {
        var offsets: [Int] = []
        for token in tokens {
            offsets.append(offset)
            offset += token.text.unicodeScalars.count
        }
        self.init(tokens: tokens.map(\.text), tokenLogprobs: tokens.map(\.logprob),
                  topLogprobs: tokens.map { token in
                      Dictionary(token.alternatives.map { ($0.text, $0.logprob) }, uniquingKeysWith: { first, _ in first })
                  },
                  textOffset: offsets)
    }
}

extension OpenAIChatLogprobs {
    init(_ tokens: [TokenLogprobs]) {
        self.init(content: tokens.map { token in
            Token(token: token.text, logprob: token.logprob, bytes: token.bytes,
                  topLogprobs: token.alternatives.map { .init(token: $0.text, logprob: $0.logprob, bytes: $0.bytes) })
        })
    }
}
