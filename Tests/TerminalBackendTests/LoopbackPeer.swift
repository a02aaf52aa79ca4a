import Foundation
import Glibc

/// A TEST DOUBLE: a tiny HTTP/1.1 server on 127.0.0.1 that answers each request by its path with a
/// scripted body (sent in pieces, with `Connection: close`), and records what it was asked.
/// (SynthKit's own tests use TestPeer; this target does not depend on it.)
final class LoopbackPeer: @unchecked Sendable {
    struct Answer: Sendable {
        var status = 200
        /// Written one after another, each flushed, so a streaming client sees them arrive separately.
        var pieces: [String]
    }

    let port: UInt16
    private let listener: Int32
    private let answers: [String: Answer]
    private let lock = NSLock()
    private var received: [(path: String, body: String)] = []

    init(answers: [String: Answer]) throws {
        self.answers = answers
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in serve() }.start()
    }

    deinit { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [(path: String, body: String)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            if let end = headerEnd, data.count >= end + contentLength { break }
            let n = read(connection, &buffer, buffer.count)
            if n <= 0 { return }
            data += buffer[0..<n]
            if headerEnd == nil, let range = String(decoding: data, as: UTF8.self).range(of: "\r\n\r\n") {
                let head = String(decoding: data, as: UTF8.self)[..<range.lowerBound]
                headerEnd = head.utf8.count + 4
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        let path = text.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let body = String(decoding: data[(headerEnd ?? data.count)...], as: UTF8.self)
        lock.lock()
        received.append((path, body))
        lock.unlock()
        let answer = answers[path] ?? Answer(status: 404, pieces: ["{\"error\": \"no such path\", \"status\": 404}"])
        write(connection, "HTTP/1.1 \(answer.status) X\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
        for piece in answer.pieces {
            write(connection, piece)
            usleep(5_000)
        }
    }

    private func write(_ connection: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        // MSG_NOSIGNAL: a client that hung up (a cancelled request) must not SIGPIPE the test process.
        _ = bytes.withUnsafeMutableBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
