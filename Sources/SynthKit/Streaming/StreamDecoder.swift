import Foundation

/// Turns a streamed completion body into answers. TextSynth sends plain JSON objects, each followed by
/// "\n\n"; network chunks split and merge them anywhere, even inside a UTF-8 character. The split happens
/// on bytes, each whole object is decoded once, and no byte is scanned twice (O(total bytes)).
public struct StreamDecoder: Sendable {
    private var buffer: [UInt8] = []
    /// Start of the object being collected.
    private var objectStart = 0
    /// Where the search for the next delimiter resumes.
    private var scanned = 0
    /// Buffer positions checked for a delimiter, over the decoder's life (tests check it never exceeds the bytes fed).
    private(set) var examinedPositions = 0
    /// Text received so far, one string per completion (n > 1 streams carry arrays).
    public private(set) var receivedText: [String] = []
    /// The last answer with `reached_end`, once seen.
    public private(set) var finalAnswer: CompletionAnswer?
    public private(set) var answerCount = 0
    /// A failure met after some answers of the same chunk were decoded: those answers are returned first,
    /// the failure is thrown by the next call (a server error right behind good text must not hide the text).
    public private(set) var pendingFailure: APIError?

    public init() {}

    public var reachedEnd: Bool { finalAnswer != nil }

    /// Feeds the next bytes; returns the answers completed by them, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(APIError) -> [CompletionAnswer]
    where Bytes.Element == UInt8 {
        if let pendingFailure { throw pendingFailure }
        buffer.append(contentsOf: bytes)
        return try decodeCompletedObjects()
    }

    /// Feeds the next bytes as the transport delivers them. Copies them in one go: a generic call from another
    /// module would walk `Data` byte by byte through its iterator, which then costs more than the decoding.
    public mutating func feed(_ bytes: Data) throws(APIError) -> [CompletionAnswer] {
        if let pendingFailure { throw pendingFailure }
        bytes.withUnsafeBytes { buffer.append(contentsOf: $0) }
        return try decodeCompletedObjects()
    }

    private mutating func decodeCompletedObjects() throws(APIError) -> [CompletionAnswer] {
        var answers: [CompletionAnswer] = []
        // Every position before `scanned` was checked as a delimiter start already.
        var index = max(scanned, objectStart)
        while index + 1 < buffer.count {
            // The next line feed that has a byte after it; each position up to it counts as checked.
            guard let lineFeed = nextLineFeed(in: index..<(buffer.count - 1)) else {
                examinedPositions += buffer.count - 1 - index
                index = buffer.count - 1
                break
            }
            examinedPositions += lineFeed - index + 1
            if buffer[lineFeed + 1] == 0x0A {
                do {
                    if let answer = try decodeObject(objectStart..<lineFeed) { answers.append(answer) }
                } catch {
                    guard !answers.isEmpty else { throw error }
                    pendingFailure = error
                    return answers
                }
                objectStart = lineFeed + 2
                index = objectStart
            } else {
                index = lineFeed + 1
            }
        }
        scanned = index
        compact()
        return answers
    }

    /// memchr: a line feed appears only between objects (inside strings it is escaped), so the search runs long.
    /// A few bytes (small network chunks) are cheaper to look at directly than to hand to memchr.
    private func nextLineFeed(in range: Range<Int>) -> Int? {
        buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, !range.isEmpty else { return nil }
            if range.count < 16 {
                return range.first { base[$0] == 0x0A }
            }
            guard let hit = memchr(base + range.lowerBound, 0x0A, range.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// Call at the end of the body. Decodes a last object left without its "\n\n", then throws
    /// `.streamEndedEarly` (with the text so far) if no answer said `reached_end`.
    public mutating func finish() throws(APIError) -> [CompletionAnswer] {
        if let pendingFailure { throw pendingFailure }
        var answers: [CompletionAnswer] = []
        if objectStart < buffer.count {
            do {
                if let answer = try decodeObject(objectStart..<buffer.count) { answers.append(answer) }
            } catch .undecodableAnswer(let snippet, let reason) {
                // "Cut off" only when this looked like the stream; a portal's HTML page is unreadable, and says so.
                guard answerCount > 0 || buffer[objectStart...].first(where: { !Self.isWhitespace($0) }) == UInt8(ascii: "{")
                else { throw .undecodableAnswer(snippet: snippet, reason: reason) }
                throw .streamEndedEarly(partialText: receivedText, reason: "the last answer was cut off")
            }
        }
        buffer.removeAll()
        objectStart = 0
        scanned = 0
        if !reachedEnd {
            throw .streamEndedEarly(partialText: receivedText, reason: "no final answer")
        }
        return answers
    }

    private mutating func decodeObject(_ range: Range<Int>) throws(APIError) -> CompletionAnswer? {
        let bytes = buffer[range]
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else { return nil }
        // The common shapes are read straight from the bytes; anything else takes the JSONDecoder path below,
        // which gives the same answer for every object the scanner reads (StreamObjectScannerTests).
        let scanned = buffer.withUnsafeBufferPointer {
            StreamObjectScanner.completionAnswer(from: UnsafeBufferPointer(rebasing: $0[range]))
        }
        let answer: CompletionAnswer
        if let scanned {
            answer = scanned
        } else {
            let data = Data(bytes)
            do {
                answer = try WireJSON.decode(CompletionAnswer.self, from: data)
            } catch {
                // A server may report a failure inside a 200 stream.
                if let failure = try? JSONDecoder().decode(ErrorAnswer.self, from: data) {
                    throw .streamEndedEarly(partialText: receivedText, reason: failure.error)
                }
                throw .undecodableAnswer(snippet: APIError.snippet(of: data), reason: "not a completion answer")
            }
        }
        for (slot, piece) in answer.text.enumerated() {
            if slot < receivedText.count { receivedText[slot] += piece } else { receivedText.append(piece) }
        }
        answerCount += 1
        if answer.reachedEnd { finalAnswer = answer }
        return answer
    }

    /// Drops consumed bytes once they are most of the buffer (amortised O(1) per byte).
    private mutating func compact() {
        guard objectStart > 4096, objectStart * 2 > buffer.count else { return }
        buffer.removeFirst(objectStart)
        scanned -= objectStart
        objectStart = 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The whole completion so far as one answer: the accumulated text with the final answer's counts.
    public var accumulatedAnswer: CompletionAnswer {
        var answer = finalAnswer ?? CompletionAnswer(text: [], reachedEnd: false)
        answer.text = receivedText
        return answer
    }
}
