/// What a streamed completion reports, in order: any `.retrying`s, any number of `.chunk`s, then exactly one of
/// `.finished` or `.failed`. Delivered on the transport thread.
public enum CompletionEvent: Sendable, Equatable {
    /// The streamed answers that arrived together (one network read), joined: `text` holds the new piece of each
    /// completion; counts and finish reason are the latest ones sent.
    case chunk(CompletionAnswer)
    /// The end: the whole text of each completion, with the last answer's token counts.
    case finished(CompletionAnswer)
    /// The end, failed. The pieces already delivered stay valid; `.streamEndedEarly` also carries them.
    case failed(APIError)
    /// Nothing has arrived yet and the request is about to be tried again (only before any `.chunk`).
    case retrying(ScheduledRetry)

    public var isTerminal: Bool {
        switch self {
        case .chunk, .retrying: false
        case .finished, .failed: true
        }
    }
}
