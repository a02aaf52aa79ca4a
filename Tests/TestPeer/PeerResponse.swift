// TEST DOUBLE: scripted answers for TestPeer (never shipped in the synthpad binary).
import Foundation

/// What TestPeer sends back for one request: a status line, headers, then body steps that can pause,
/// drop the connection or stall, to imitate slow, broken or hostile servers.
public struct PeerResponse: Sendable {
    public enum Step: Sendable, Equatable {
        /// Write these bytes (one chunk when the framing is chunked).
        case send([UInt8])
        /// Wait before the next step.
        case pause(Double)
        /// Close the connection now, body unfinished.
        case drop
        /// Send nothing more until the peer shuts down (or the client goes away).
        case stall
    }

    /// How the end of the body is marked.
    public enum Framing: Sendable, Equatable {
        case contentLength
        case chunked
        /// No length; the body ends when the connection closes.
        case close
    }

    public var status: Int
    public var headers: [String: String]
    public var steps: [Step]
    public var framing: Framing
    /// Close the connection without sending any answer at all.
    public var dropBeforeAnswer: Bool
    /// Wait before sending the status line (a slow server, or an idle-timeout test).
    public var delayBeforeAnswer: Double
    /// Keep the connection open for the next request (HTTP/1.1 keep-alive) instead of closing it.
    public var keepAlive = false
    /// Bytes sent instead of a well-formed answer (no status line or headers added): broken servers.
    public var raw: [UInt8]?

    public init(status: Int = 200, headers: [String: String] = [:], steps: [Step] = [],
                framing: Framing = .contentLength, dropBeforeAnswer: Bool = false, delayBeforeAnswer: Double = 0) {
        self.status = status
        self.headers = headers
        self.steps = steps
        self.framing = framing
        self.dropBeforeAnswer = dropBeforeAnswer
        self.delayBeforeAnswer = delayBeforeAnswer
    }

    /// A whole body in one write.
    public static func body(_ text: String, status: Int = 200, contentType: String = "application/json",
                            headers: [String: String] = [:]) -> PeerResponse {
        var all = headers
        all["Content-Type"] = contentType
        return PeerResponse(status: status, headers: all, steps: [.send(Array(text.utf8))])
    }

    /// A JSON body from a JSONSerialization-compatible object.
    public static func json(_ object: Any, status: Int = 200, headers: [String: String] = [:]) -> PeerResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("null".utf8)
        return body(String(decoding: data, as: UTF8.self), status: status, headers: headers)
    }

    /// A TextSynth error answer: `{"error": message, "status": status}`.
    public static func error(_ status: Int, _ message: String, headers: [String: String] = [:]) -> PeerResponse {
        json(["error": message, "status": status], status: status, headers: headers)
    }

    /// A body sent as chunks with a pause between them (chunked framing unless told otherwise).
    public static func chunks(_ chunks: [[UInt8]], pause: Double = 0, status: Int = 200,
                              framing: Framing = .chunked, headers: [String: String] = [:]) -> PeerResponse {
        var steps: [Step] = []
        for (index, chunk) in chunks.enumerated() {
            if index > 0, pause > 0 { steps.append(.pause(pause)) }
            steps.append(.send(chunk))
        }
        var all = headers
        all["Content-Type"] = all["Content-Type"] ?? "application/json"
        return PeerResponse(status: status, headers: all, steps: steps, framing: framing)
    }

    /// `bytes` cut every `size` bytes (1 = one byte per chunk).
    public static func split(_ bytes: [UInt8], every size: Int, pause: Double = 0,
                             framing: Framing = .chunked) -> PeerResponse {
        let pieces = stride(from: 0, to: bytes.count, by: max(1, size)).map {
            Array(bytes[$0..<min($0 + max(1, size), bytes.count)])
        }
        return chunks(pieces, pause: pause, framing: framing)
    }

    /// The objects of a TextSynth stream: one JSON object per piece, each followed by "\n\n"; the last one
    /// has `reached_end` (unless `finalReachedEnd` is false: a stream cut short).
    public static func textSynthStreamObjects(_ pieces: [String], inputTokens: Int = 3, finalReachedEnd: Bool = true)
        -> [[UInt8]] {
        pieces.enumerated().map { index, piece in
            let last = index == pieces.count - 1
            var object: [String: Any] = ["text": piece, "reached_end": last && finalReachedEnd]
            if last && finalReachedEnd {
                object["input_tokens"] = inputTokens
                object["output_tokens"] = pieces.count
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return Array(data) + Array("\n\n".utf8)
        }
    }

    /// The whole body of a TextSynth stream (the objects above, back to back).
    public static func textSynthStreamBody(_ pieces: [String], inputTokens: Int = 3, finalReachedEnd: Bool = true)
        -> [UInt8] {
        textSynthStreamObjects(pieces, inputTokens: inputTokens, finalReachedEnd: finalReachedEnd).flatMap { $0 }
    }

    /// A TextSynth stream, one network chunk per piece.
    public static func textSynthStream(_ pieces: [String], pause: Double = 0) -> PeerResponse {
        chunks(textSynthStreamObjects(pieces), pause: pause)
    }

    /// Exactly these bytes, then the connection closes (e.g. a garbage status line).
    public static func rawBytes(_ bytes: [UInt8]) -> PeerResponse {
        var response = PeerResponse()
        response.raw = bytes
        return response
    }

    /// Closes the connection without answering.
    public static let dropConnection = PeerResponse(dropBeforeAnswer: true)

    /// Sends the status line and headers, then nothing.
    public static func stallAfterHeaders(status: Int = 200) -> PeerResponse {
        PeerResponse(status: status, headers: ["Content-Type": "application/json"], steps: [.stall], framing: .chunked)
    }

    var contentLength: Int {
        steps.reduce(0) { total, step in
            if case .send(let bytes) = step { return total + bytes.count }
            return total
        }
    }
}

/// One request as TestPeer received it, for assertions.
public struct RecordedRequest: Sendable {
    public let method: String
    /// Path without the query.
    public let path: String
    public let query: String?
    /// Header names lowercased.
    public let headers: [String: String]
    public let body: Data
    public let receivedAt: Date
    /// Which accepted connection carried it (1, 2, …): equal numbers mean the client reused a connection.
    public let connection: Int

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (nil when it is not one).
    public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}
