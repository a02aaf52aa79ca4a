// Scoring a span of an answer with the `/logprob` endpoint, on demand (s): how likely the model finds it after
// the prompt and the text before it, and whether it is what greedy decoding writes. The one inspection an engine
// without per-token data (TextSynth's cloud) can give; it costs credits there, so it is never asked unbidden.
import SynthKit

/// A span sent to `/logprob` and what came back.
public struct SpanScore: Sendable, Equatable {
    public var requestID: Int
    public var tab: Int
    /// The pieces (tokens or words) of the span, and its text.
    public var pieces: ClosedRange<Int>
    public var text: String
    public var answer: LogprobAnswer?
    public var failure: String?
    /// Credits it cost (measured from the balance before and after, where the backend has one).
    public var cost: Double?
}

extension PlaygroundState {
    /// s: scores the span at the cursor.
    mutating func scoreSpan(effects: inout [Effect]) {
        guard let doc = currentOutput, let run = doc.lineage?.run else { return }
        guard engine.family == .textSynth else {
            parameterNotice = Notice("\(engine.id) has no logprob endpoint", isError: true)
            return
        }
        let pieces = pieces(of: doc)
        guard pieces.indices.contains(inspector.span.upperBound), let continuation = spanText else { return }
        let start = pieces[inspector.span.lowerBound].lowerBound
        let context = run.prompt + String(decoding: doc.completion.utf8.prefix(start), as: UTF8.self)
        let id = nextRequestID
        nextRequestID += 1
        inspector.spanScore = SpanScore(requestID: id, tab: outputTab, pieces: inspector.span, text: continuation)
        effects.append(.scoreContinuation(.playground(id), backend: run.backend, engine: run.engine,
                                          LogprobRequest(context: context, continuation: continuation)))
    }

    /// The text of the span at the cursor: what `s` scores and `y` copies while inspecting.
    var spanText: String? {
        guard let doc = currentOutput else { return nil }
        let pieces = pieces(of: doc)
        guard pieces.indices.contains(inspector.span.upperBound) else { return nil }
        let bytes = Array(doc.completion.utf8)
        return String(decoding: bytes[pieces[inspector.span.lowerBound].lowerBound..<pieces[inspector.span.upperBound].upperBound],
                      as: UTF8.self)
    }

    /// y: the span (inspecting) or the whole answer on the clipboard.
    mutating func copySelection(effects: inout [Effect]) {
        let text = inspecting ? spanText : currentOutput?.completion
        guard let text, !text.isEmpty else {
            parameterNotice = Notice("nothing to copy yet", isError: true)
            return
        }
        effects.append(.copyToClipboard(text))
        parameterNotice = Notice("copied \(inspecting ? "the span" : "the answer") (\(text.count) characters)")
    }

    /// An answer, failure or measured cost for a `/logprob` request of this screen; false if it is not one.
    mutating func handleScore(_ event: Event, effects: inout [Effect]) -> Bool {
        switch event {
        case .continuationScored(let request, let answer) where inspector.spanScore?.requestID == request.serial:
            inspector.spanScore?.answer = answer
        case .requestFailed(let request, let message, _) where inspector.spanScore?.requestID == request.serial:
            inspector.spanScore?.failure = message
        case .creditsMeasured(let request, let change) where inspector.spanScore?.requestID == request.serial:
            inspector.spanScore?.cost = -change
        default:
            return handleScorerEvent(event, effects: &effects)
        }
        return true
    }
}
