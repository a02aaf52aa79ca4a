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
    let condition = NSCondition()
    private(set) var stopped = false
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

    var isStopped: Bool {
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
}
