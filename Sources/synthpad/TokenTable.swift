import Foundation
import SynthKit

/// The per-token table `complete --logprobs` and `chat --logprobs` print after the text: one row per generated
/// token with its probability, the model's own logprob and the sampler's best alternatives.
enum TokenTable {
    static let header = ["#", "token", "prob", "logprob", "model", "alternatives"]

    static func lines(_ tokens: [TokenLogprob]) -> [String] {
        let rows = tokens.enumerated().map { position, token in
            [String(position + 1), shown(token), percent(token.logprob), number(token.logprob),
             number(token.modelLogprob),
             token.topLogprobs.map { "\(quoted($0.text)) \(percent($0.logprob))" }.joined(separator: "  ")]
        }
        return TextTable.lines([header] + rows, leftAligned: [1])
    }

    /// The token as quoted text with whitespace escaped (`" Paris"`, `"\n"`); a token that is not whole UTF-8
    /// (part of a character, whose text would show U+FFFD) as its bytes instead, e.g. `<e6 9d>`.
    static func shown(_ token: TokenLogprob) -> String {
        guard let text = String(validating: token.bytes, as: UTF8.self) else {
            return "<" + token.bytes.map { String(format: "%02x", $0) }.joined(separator: " ") + ">"
        }
        return quoted(text)
    }

    static func quoted(_ text: String) -> String { String(reflecting: text) }

    static func percent(_ logprob: Double) -> String { String(format: "%.1f%%", exp(logprob) * 100) }

    /// Four decimals; -0 shows as 0 (greedy decoding's certain draw).
    static func number(_ value: Double) -> String { String(format: "%.4f", value + 0.0) }
}
