// One completion as it streams in, kept wrapped incrementally: appending a chunk rewraps only the last screen line
// (greedy wrapping never changes earlier lines), so its cost does not grow with the output already there.

public struct OutputDocument: Sendable, Equatable {
    /// The prompt's tail (shown dimmed) followed by the completion.
    public private(set) var text: String
    /// UTF-8 length of the prompt tail at the start of `text`.
    public let echoLength: Int
    public private(set) var lines: [WrappedLine]
    public private(set) var wrapWidth: Int
    /// Lines produced by wrapping since creation: what tests count to prove appends are incremental.
    public private(set) var linesRewrapped: Int = 0
    /// The tokens behind the completion, when the engine gave per-token data (the token inspector's).
    public var tokens = OutputTokens()
    /// The request that wrote it and, for an answer made from another (branch, ban, boost), how.
    public var lineage: OutputLineage?

    /// How much of the prompt to echo above the output (at most this many bytes, from a line or word start).
    static let echoBudget = 240

    public init(promptTail: String, width: Int) {
        self.text = promptTail
        self.echoLength = promptTail.utf8.count
        self.wrapWidth = max(1, width)
        self.lines = LineWrapper.wrap(promptTail, from: 0, width: max(1, width))
        self.linesRewrapped = lines.count
    }

    /// The echoed end of the prompt.
    public var echo: String { String(text.slice(0, echoLength)) }

    /// The completion without the echoed prompt.
    public var completion: String { String(text.slice(echoLength, text.utf8.count)) }

    /// Appends streamed text. Cost: O(chunk + last line), independent of everything before.
    public mutating func append(_ chunk: String) {
        guard !chunk.isEmpty else { return }
        text += chunk
        let from = lines.removeLast().start
        let fresh = LineWrapper.wrap(text, from: from, width: wrapWidth)
        linesRewrapped += fresh.count
        lines += fresh
    }

    /// Rewraps everything for a new width (a resize: rare, and once per resize, not per chunk).
    public mutating func rewrap(width: Int) {
        let width = max(1, width)
        guard width != wrapWidth else { return }
        wrapWidth = width
        lines = LineWrapper.wrap(text, from: 0, width: width)
        linesRewrapped += lines.count
    }

    /// The end of the prompt worth echoing: its last logical line, or its last `echoBudget` bytes from a word start.
    public static func promptTail(of prompt: String) -> String {
        var start = prompt.endIndex
        var bytes = 0
        var cut = false
        while start > prompt.startIndex {
            let p = prompt.index(before: start)
            let c = prompt[p]
            if c == "\n" || c == "\r\n", start != prompt.endIndex { break }
            bytes += c.utf8.count
            if bytes > echoBudget { cut = true; break }
            start = p
        }
        var tail = prompt[start...]
        if cut, let space = tail.firstIndex(of: " ") { tail = tail[tail.index(after: space)...] }
        return String(tail)
    }
}
