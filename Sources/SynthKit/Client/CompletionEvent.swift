/// What a streamed completion reports, in order: any number of `.chunk`s, then exactly one of
/// `.finished` or `.failed`. Delivered on the transport thread.
public enum CompletionEvent: Sendable, Equatable {
    /// One streamed answer; its `text` holds the new piece of each completion.
    case chunk(CompletionAnswer)
    /// The end: the whole text of each completion, with the last answer's token counts.
    case finished(CompletionAnswer)
    /// The end, failed. The pieces already delivered stay valid; `.streamEndedEarly` also carries them.
    case failed(APIError)

    public var isTerminal: Bool {
        if case .chunk = self { return false }
        return true
    }
}
