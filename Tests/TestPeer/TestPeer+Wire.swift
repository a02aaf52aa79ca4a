// TEST DOUBLE: TestPeer's HTTP/1.1 wire: reading requests and writing scripted answers on raw sockets.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension TestPeer {

    /// Reads one request; bytes after it (a pipelined next request) stay in `pending`.
    func readRequest(_ fd: Int32, connection: Int, pending: inout [UInt8]) -> RecordedRequest? {
        var bytes = pending
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var headerEnd = Self.find([13, 10, 13, 10], in: bytes)
        while headerEnd == nil {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            bytes.append(contentsOf: chunk[0..<count])
            headerEnd = Self.find([13, 10, 13, 10], in: bytes)
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: bytes[0..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(bytes[(headerEnd + 4)...])
        while body.count < length {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            body.append(contentsOf: chunk[0..<count])
        }
        pending = Array(body.dropFirst(length))
        let target = String(requestLine[1])
        let parts = target.split(separator: "?", maxSplits: 1)
        return RecordedRequest(method: String(requestLine[0]), path: String(parts.first ?? ""),
                               query: parts.count > 1 ? String(parts[1]) : nil, headers: headers,
                               body: Data(body.prefix(length)), receivedAt: Date(), connection: connection)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// Sends the scripted answer; true when all of it went out (the connection may be kept).
    @discardableResult
    func answer(_ response: PeerResponse, to fd: Int32) -> Bool {
        if response.delayBeforeAnswer > 0, waitStopped(response.delayBeforeAnswer) { return false }
        if response.dropBeforeAnswer { return false }
        if let raw = response.raw {
            _ = sendAll(fd, raw)
            return false
        }
        let connection = response.keepAlive ? "keep-alive" : "close"
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\nConnection: \(connection)\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        switch response.framing {
        case .contentLength: head += "Content-Length: \(response.contentLength)\r\n"
        case .chunked: head += "Transfer-Encoding: chunked\r\n"
        case .close: break
        }
        head += "\r\n"
        guard sendAll(fd, Array(head.utf8)) else { return false }
        for step in response.steps {
            switch step {
            case .send(let bytes):
                guard !bytes.isEmpty else { continue }
                let framed = response.framing == .chunked
                    ? Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10] : bytes
                guard sendAll(fd, framed) else { return false }
            case .pause(let seconds):
                if waitStopped(seconds) { return false }
            case .drop:
                return false
            case .stall:
                waitUntilStoppedOrClosed(fd)
                return false
            }
        }
        if response.framing == .chunked { return sendAll(fd, Array("0\r\n\r\n".utf8)) }
        return response.framing != .close
    }

    func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Sleeps up to `seconds`; true when the peer was shut down meanwhile.
    func waitStopped(_ seconds: Double) -> Bool {
        let limit = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopped, condition.wait(until: limit) {}
        return stopped
    }

    /// Holds the connection open until shutdown or until the client hangs up.
    func waitUntilStoppedOrClosed(_ fd: Int32) {
        var scratch = [UInt8](repeating: 0, count: 256)
        while !isStopped {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, 50)
            if ready > 0 {
                if recv(fd, &scratch, scratch.count, Int32(MSG_DONTWAIT)) <= 0 { return }
            }
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 498: "Invalid Token"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
