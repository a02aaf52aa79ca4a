// TEST DOUBLE: a scripted HTTP/1.1 peer speaking TextSynth/Booste wire formats (and misbehaving on purpose).
// It exists only for tests: raw POSIX sockets on 127.0.0.1, an ephemeral port, a thread per connection.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An in-process HTTP server for tests. Each route answers from a script: a queue of responses
/// (the last one repeats) or a handler closure. Every request is recorded. `shutdown()` closes all
/// sockets and wakes every pause and stall, so tests never hang.
public final class TestPeer: @unchecked Sendable {
    public typealias Handler = @Sendable (RecordedRequest) -> PeerResponse

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let wakePipe: (read: Int32, write: Int32)
    private let condition = NSCondition()
    private var stopped = false
    private var routes: [String: Handler] = [:]
    private var queues: [String: [PeerResponse]] = [:]
    private var fallback: Handler?
    private var recorded: [RecordedRequest] = []
    private var openConnections: Set<Int32> = []
    private var liveThreads = 0
    private var acceptedConnections = 0

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PeerError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw PeerError.socket("bind/listen", errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(fd)
            throw PeerError.socket("pipe", errno)
        }
        wakePipe = (fds[0], fds[1])
        startThread { [self] in acceptLoop() }
    }

    deinit { shutdown() }

    public enum PeerError: Error { case socket(String, Int32) }

    // MARK: scripting

    private static func key(_ method: String, _ path: String) -> String { "\(method.uppercased()) \(path)" }

    /// Answers POSTs to `path` with `responses` in order; the last one repeats.
    public func route(_ path: String, _ responses: PeerResponse...) {
        route("POST", path, responses: responses)
    }

    /// Answers `method` requests to `path` with `responses` in order; the last one repeats.
    public func route(_ method: String, _ path: String, _ responses: PeerResponse...) {
        route(method, path, responses: responses)
    }

    public func route(_ path: String, responses: [PeerResponse]) {
        route("POST", path, responses: responses)
    }

    public func route(_ method: String, _ path: String, responses: [PeerResponse]) {
        let key = Self.key(method, path)
        condition.lock()
        queues[key] = responses
        routes[key] = nil
        condition.unlock()
    }

    /// Answers POSTs to `path` with whatever `handler` returns (called on a connection thread).
    public func route(_ path: String, handler: @escaping Handler) {
        route("POST", path, handler: handler)
    }

    public func route(_ method: String, _ path: String, handler: @escaping Handler) {
        let key = Self.key(method, path)
        condition.lock()
        routes[key] = handler
        queues[key] = nil
        condition.unlock()
    }

    /// Answers every request no route matches (by default a TextSynth-style 404).
    public func routeEverythingElse(handler: @escaping Handler) {
        condition.lock()
        fallback = handler
        condition.unlock()
    }

    /// Forgets the requests recorded so far.
    public func clearRequests() {
        condition.lock()
        recorded.removeAll()
        condition.unlock()
    }

    /// Every request received so far, oldest first.
    public var requests: [RecordedRequest] {
        condition.lock()
        defer { condition.unlock() }
        return recorded
    }

    public func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    /// Waits until at least `count` requests arrived; false on timeout.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Double = 5) -> Bool {
        let limit = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while recorded.count < count {
            if !condition.wait(until: limit) { return recorded.count >= count }
        }
        return true
    }

    /// Closes the listener and every connection, ends pauses and stalls, waits (briefly) for the threads.
    public func shutdown() {
        condition.lock()
        if stopped {
            condition.unlock()
            return
        }
        stopped = true
        for fd in openConnections { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        condition.broadcast()
        condition.unlock()
        var byte: UInt8 = 1
        _ = Glibc.write(wakePipe.write, &byte, 1)
        let limit = Date(timeIntervalSinceNow: 2)
        condition.lock()
        while liveThreads > 0, condition.wait(until: limit) {}
        condition.unlock()
        close(listener)
        close(wakePipe.read)
        close(wakePipe.write)
    }

    // MARK: serving

    private func startThread(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        liveThreads += 1
        condition.unlock()
        let thread = Thread { [self] in
            body()
            condition.lock()
            liveThreads -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    private func acceptLoop() {
        while !isStopped {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, -1) > 0 else { continue }
            if fds[1].revents != 0 || isStopped { return }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            // Head and body go out in separate writes: without NODELAY, Nagle plus delayed ACKs add 40 ms.
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            condition.lock()
            if stopped {
                condition.unlock()
                close(client)
                return
            }
            openConnections.insert(client)
            acceptedConnections += 1
            let number = acceptedConnections
            condition.unlock()
            startThread { [self] in
                serve(client, connection: number)
                condition.lock()
                openConnections.remove(client)
                condition.unlock()
                close(client)
            }
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        var pending: [UInt8] = []
        while let request = readRequest(fd, connection: connection, pending: &pending) {
            let response = respond(to: request)
            condition.lock()
            recorded.append(request)
            condition.broadcast()
            condition.unlock()
            guard answer(response, to: fd), response.keepAlive, !isStopped else { return }
        }
    }

    private func respond(to request: RecordedRequest) -> PeerResponse {
        let key = Self.key(request.method, request.path)
        condition.lock()
        defer { condition.unlock() }
        if let handler = routes[key] ?? (queues[key] == nil ? fallback : nil) {
            condition.unlock()
            let response = handler(request)
            condition.lock()
            return response
        }
        if var queue = queues[key], let first = queue.first {
            if queue.count > 1 {
                queue.removeFirst()
                queues[key] = queue
            }
            return first
        }
        return .error(404, "TestPeer has no route for \(key)")
    }

    // MARK: wire

    /// Reads one request; bytes after it (a pipelined next request) stay in `pending`.
    private func readRequest(_ fd: Int32, connection: Int, pending: inout [UInt8]) -> RecordedRequest? {
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

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// Sends the scripted answer; true when all of it went out (the connection may be kept).
    @discardableResult
    private func answer(_ response: PeerResponse, to fd: Int32) -> Bool {
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

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Sleeps up to `seconds`; true when the peer was shut down meanwhile.
    private func waitStopped(_ seconds: Double) -> Bool {
        let limit = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopped, condition.wait(until: limit) {}
        return stopped
    }

    /// Holds the connection open until shutdown or until the client hangs up.
    private func waitUntilStoppedOrClosed(_ fd: Int32) {
        var scratch = [UInt8](repeating: 0, count: 256)
        while !isStopped {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, 50)
            if ready > 0 {
                if recv(fd, &scratch, scratch.count, Int32(MSG_DONTWAIT)) <= 0 { return }
            }
        }
    }

    private static func reason(_ status: Int) -> String {
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
