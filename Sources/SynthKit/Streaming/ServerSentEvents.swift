import Foundation

/// Splits a server-sent-event body (the OpenAI API's streams) into the data of each event: `data:` lines, several
/// joined by "\n", ended by a blank line. Comments (`:`…) and other fields (`event:`, `id:`) are skipped; lines end
/// with LF, CRLF or CR; network chunks split the body anywhere, even inside a UTF-8 character.
public struct ServerSentEventDecoder: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []
    /// The last byte was a CR: a LF right after it ends nothing more.
    private var afterCarriageReturn = false

    public init() {}

    /// Feeds the next bytes; returns the data of the events they complete, in order.
    public mutating func feed(_ bytes: Data) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if byte == 0x0A, afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                endLine(into: &events)
            } else {
                line.append(byte)
            }
        }
        return events
    }

    /// The end of the body: an event left without its blank line still counts.
    public mutating func finish() -> [String] {
        var events: [String] = []
        if !line.isEmpty { endLine(into: &events) }
        if !data.isEmpty { events.append(data.joined(separator: "\n")) }
        data = []
        return events
    }

    private mutating func endLine(into events: inout [String]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            if !data.isEmpty { events.append(data.joined(separator: "\n")) }
            data = []
            return
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("data:") else { return }  // a comment, or a field we do not use
        var value = text.dropFirst(5)
        if value.first == " " { value = value.dropFirst() }
        data.append(String(value))
    }
}

/// Turns an OpenAI stream (completions or chat chunks, then `data: [DONE]`) into synthpad's completion answers:
/// each chunk's new text by choice index, the finish reasons, and the token counts of a usage chunk.
public struct OpenAIStreamDecoder: Sendable {
    private var events = ServerSentEventDecoder()
    public private(set) var receivedText: [String] = []
    private var finishReasons: [Int: String] = [:]
    private var usage: OpenAIUsage?
    private var done = false
    public private(set) var pendingFailure: APIError?

    public init() {}

    public mutating func feed(_ bytes: Data) throws(APIError) -> [CompletionAnswer] {
        if let pendingFailure { throw pendingFailure }
        return try decode(events.feed(bytes))
    }

    /// The end of the body: finished if `[DONE]` came, or (servers that leave it out) every choice gave its reason.
    public mutating func finish() throws(APIError) -> [CompletionAnswer] {
        if let pendingFailure { throw pendingFailure }
        let answers = try decode(events.finish())
        guard reachedEnd else {
            throw .streamEndedEarly(partialText: receivedText, reason: "the stream ended without [DONE]")
        }
        return answers
    }

    public var reachedEnd: Bool {
        done || (!receivedText.isEmpty && receivedText.indices.allSatisfy { finishReasons[$0] != nil })
    }

    /// The whole answer so far, with the counts and the first choice's reason.
    public var accumulatedAnswer: CompletionAnswer {
        CompletionAnswer(text: receivedText, reachedEnd: reachedEnd, inputTokens: usage?.promptTokens,
                         outputTokens: usage?.completionTokens, finishReason: finishReasons[0])
    }

    private mutating func decode(_ payloads: [String]) throws(APIError) -> [CompletionAnswer] {
        var answers: [CompletionAnswer] = []
        for payload in payloads {
            do { try decode(payload, into: &answers) } catch {
                // Text that arrived in the same read as the failure goes out first.
                guard !answers.isEmpty else { throw error }
                pendingFailure = error
                return answers
            }
        }
        return answers
    }

    private mutating func decode(_ payload: String, into answers: inout [CompletionAnswer]) throws(APIError) {
        if payload.trimmingCharacters(in: .whitespaces) == "[DONE]" { done = true; return }
        let data = Data(payload.utf8)
        if let failure = try? JSONDecoder().decode(OpenAIErrorBody.self, from: data) {
            throw .streamEndedEarly(partialText: receivedText, reason: failure.error.message)
        }
        let chunk: OpenAIChunk
        do { chunk = try JSONDecoder().decode(OpenAIChunk.self, from: data) } catch {
            throw .undecodableAnswer(snippet: APIError.snippet(of: data), reason: "not an OpenAI stream chunk")
        }
        if let counts = chunk.usage { usage = counts }
        var text: [String] = []
        var tokens: [[TokenLogprob]] = []
        for choice in chunk.choices ?? [] {
            let index = max(0, choice.index ?? 0)
            while receivedText.count <= index { receivedText.append("") }
            while text.count <= index { text.append("") }
            let piece = choice.text ?? choice.delta?.content ?? ""
            receivedText[index] += piece
            text[index] += piece
            if let reason = choice.finishReason { finishReasons[index] = reason }
            if let logprobs = choice.logprobs {
                while tokens.count <= index { tokens.append([]) }
                tokens[index] += logprobs.perToken
            }
        }
        while text.count < max(1, receivedText.count) { text.append("") }  // one string per choice, as TextSynth's
        while !tokens.isEmpty, tokens.count < text.count { tokens.append([]) }
        answers.append(CompletionAnswer(text: text, reachedEnd: reachedEnd, inputTokens: usage?.promptTokens,
                                        outputTokens: usage?.completionTokens, finishReason: finishReasons[0],
                                        tokens: tokens.isEmpty ? nil : tokens))
    }
}

/// Either kind of streamed chunk, read leniently (servers differ in what they include).
struct OpenAIChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable { var content: String? }
        var index: Int?
        var text: String?
        var delta: Delta?
        var finishReason: String?
        var logprobs: OpenAIChunkLogprobs?
        enum CodingKeys: String, CodingKey { case index, text, delta, logprobs, finishReason = "finish_reason" }
    }
    var choices: [Choice]?
    var usage: OpenAIUsage?
}
