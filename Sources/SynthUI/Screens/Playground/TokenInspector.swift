// The token inspector (Ctrl-T): the output coloured by how sure the model was of each token, a cursor that walks
// it token by token, and the alternatives the sampler weighed at the cursor. What it is for lives beside it:
// answers made from another (TokenInspectorRuns.swift) and a span scored by `/logprob` (SpanScoring.swift).
import SynthKit

public struct TokenInspector: Sendable, Equatable {
    /// Colours tokens, and asks engines that can give them for per-token probabilities.
    public var isOn = false
    /// The piece at the cursor in the current tab: a token, or a word in an answer without per-token data.
    public var cursor = 0
    /// Where a span being selected (Shift-←/→) started; nil: the span is the piece at the cursor.
    public var anchor: Int?
    /// The popup's highlighted alternative; nil: the token the model wrote.
    public var choice: Int?
    /// The last span sent to `/logprob`, and what it said.
    public var spanScore: SpanScore?

    /// Alternatives asked per token (the popup's length; OpenAI's completions give at most 5).
    public static let alternatives = 5
    /// The logit bias of a boost (a ban is -100, the API's floor).
    public static let boost = 5.0

    public init() {}

    /// The span of pieces the cursor (and anchor) covers.
    public var span: ClosedRange<Int> { min(anchor ?? cursor, cursor)...max(anchor ?? cursor, cursor) }
}

/// How an answer came to be: the request that wrote it and, when it was made from another answer, from which.
public struct OutputLineage: Sendable, Equatable {
    /// The request as sent (for a branch: its source's, so that branching again starts from the same prompt).
    public var run: CompletionSnapshot
    public var origin: Origin?
    /// Graphemes shared with the source answer (ban/boost), while it is compared.
    public var sharedWithSource: Int?
    /// Where it departs from the source, as a UTF-8 offset in its completion; nil while it still agrees. Once
    /// set it cannot move, so the comparison stops (it would otherwise rescan the whole text on every chunk).
    public var departureOffset: Int?

    public enum Origin: Sendable, Equatable {
        /// Cut before `token` of answer `source` (0-based tabs), `alternative` written in its place.
        case branch(source: Int, token: Int, alternative: String)
        /// The source's request again, with `token`'s logit bias set to `bias`.
        case biased(source: Int, token: String, bias: Double)
        /// A continuation typed into the scorer (Ctrl-G), `rank` in its ranking (0-based).
        case candidate(rank: Int)
    }

    public init(run: CompletionSnapshot, origin: Origin? = nil) {
        self.run = run
        self.origin = origin
    }

    /// What the answer's tab says about it.
    public var summary: String? {
        switch origin {
        case .branch(let source, let token, let alternative):
            return "branch of \(source + 1) at token \(token + 1): \(Self.quoted(alternative))"
        case .biased(let source, let token, let bias):
            return "\(source + 1) re-run with \(Self.quoted(token)) \(bias <= -100 ? "banned" : "boosted \(Self.signed(bias))")"
        case .candidate(let rank):
            return "candidate ranked \(rank + 1) by the scorer"
        case nil:
            return nil
        }
    }

    /// A token as the popup and notices show it: in quotes, line breaks and tabs visible; no text (the end of the
    /// answer, a control token) as ⟨end⟩.
    static func quoted(_ token: String) -> String {
        if token.isEmpty { return "⟨end⟩" }
        return "“" + token.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: "⇥") + "”"
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + (value == value.rounded() ? String(Int(value)) : String(value))
    }
}

extension PlaygroundState {
    /// Whether the output pane's keys walk tokens now.
    public var inspecting: Bool { inspector.isOn && focus == .output && currentOutput != nil }

    /// Whether the engine gives per-token probabilities (its server says so in `GET /v1/engines`).
    var engineGivesTokens: Bool { engine.givesTokenLogprobs == true }

    mutating func toggleInspector(effects: inout [Effect]) {
        inspector.isOn.toggle()
        scheduleSave(effects: &effects)
        inspector.anchor = nil
        inspector.choice = nil
        guard inspector.isOn else {
            parameterNotice = Notice("token inspector off")
            return
        }
        focus = .output
        if let doc = currentOutput { inspector.cursor = min(inspector.cursor, max(0, pieces(of: doc).count - 1)) }
        parameterNotice = Notice(engineGivesTokens
            ? "token inspector on: tokens coloured by the model's probability (F1 lists its keys)"
            : "token inspector on: \(engine.id) gives no per-token data; s scores a span with /logprob")
    }

    /// The pieces the cursor walks in `doc`, as UTF-8 ranges of its completion: its tokens, or else its words
    /// (each with the spaces before it, as a tokenizer would cut them).
    func pieces(of doc: OutputDocument) -> [Range<Int>] {
        let length = doc.completion.utf8.count
        if !doc.tokens.isEmpty {
            return doc.tokens.placed.map { min($0.start, length)..<min($0.end, length) }
        }
        var ranges: [Range<Int>] = []
        var start = 0, offset = 0, inWord = false
        for c in doc.completion {
            if c.isWhitespace, inWord {
                ranges.append(start..<offset)
                start = offset
                inWord = false
            } else if !c.isWhitespace {
                inWord = true
            }
            offset += c.utf8.count
        }
        if inWord { ranges.append(start..<offset) }
        return ranges
    }

    /// The token at the cursor, when the answer has per-token data.
    var tokenAtCursor: OutputTokens.Placed? {
        guard let doc = currentOutput, doc.tokens.placed.indices.contains(inspector.cursor) else { return nil }
        return doc.tokens.placed[inspector.cursor]
    }

    /// The alternative the popup highlights (the written token when none is chosen, or it is not listed).
    var chosenAlternative: TokenLogprob.Alternative? {
        guard let token = tokenAtCursor?.token else { return nil }
        if let choice = inspector.choice, token.topLogprobs.indices.contains(choice) { return token.topLogprobs[choice] }
        return token.topLogprobs.first { $0.id == token.id }
            ?? TokenLogprob.Alternative(id: token.id, text: token.text, logprob: token.logprob)
    }

    /// ←/→ (Shift extends the span), Home/End.
    mutating func moveTokenCursor(by delta: Int, extending: Bool) {
        guard let doc = currentOutput else { return }
        let count = pieces(of: doc).count
        guard count > 0 else { return }
        if extending { inspector.anchor = inspector.anchor ?? inspector.cursor } else { inspector.anchor = nil }
        inspector.cursor = min(max(0, inspector.cursor + delta), count - 1)
        inspector.choice = nil
        revealTokenCursor()
    }

    /// ↑/↓ in the popup.
    mutating func moveChoice(by delta: Int) {
        guard let token = tokenAtCursor?.token, !token.topLogprobs.isEmpty else { return }
        let current = inspector.choice ?? token.topLogprobs.firstIndex { $0.id == token.id } ?? 0
        inspector.choice = min(max(0, current + delta), token.topLogprobs.count - 1)
    }

    /// Scrolls so that the cursor's line is on screen.
    mutating func revealTokenCursor() {
        guard let doc = currentOutput else { return }
        let pieces = pieces(of: doc)
        guard pieces.indices.contains(inspector.cursor) else { return }
        let offset = doc.echoLength + pieces[inspector.cursor].lowerBound
        guard let line = doc.lines.lastIndex(where: { $0.start <= offset }) else { return }
        if line < outputScroll || outputFollows && line < outputEndScroll {
            outputScroll = line
        } else if line >= outputScroll + outputPageHeight {
            outputScroll = line - outputPageHeight + 1
        } else {
            return
        }
        clampOutputScroll()
        outputFollows = outputScroll >= outputEndScroll
    }

    /// Per-token data arrived with a piece of answer `index`.
    mutating func handle(tokens: [TokenLogprob], index: Int, requestID: Int) {
        guard phase.requestID == requestID, outputs.indices.contains(streamBase + index) else { return }
        outputs[streamBase + index].tokens.append(tokens)
    }
}
