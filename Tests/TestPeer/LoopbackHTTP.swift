// TEST SUPPORT (part of the TestPeer test-double library, never shipped): a minimal HTTP/1.1 client over a plain
// TCP socket. It sends what no well-behaved client would (broken JSON, oversize bodies), reads a streamed body
// piece by piece and hangs up in the middle — exactly what a server must cope with.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public var text: String { String(decoding: body, as: UTF8.self) }
    /// TextSynth's `{"error": …}` message, or the body text.
    public var errorMessage: String { (try? json())?["error"] as? String ?? text }
    public func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw LoopbackHTTPError.notJSON(text)
        }
        return object
    }
}

public enum LoopbackHTTPError: Error { case connectFailed(Int32), closedEarly, malformed(String), notJSON(String) }

/// One connection to 127.0.0.1:port carrying one request.
public final class LoopbackConnection: @unchecked Sendable {
    private let socket: Int32
    private var buffer = Data()

    /// Connects; a read waits at most `timeout` seconds.
    public init(port: Int, timeout: Int = 60) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { close(socket); throw LoopbackHTTPError.connectFailed(errno) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    /// Closes both directions at once: the server sees the client go away.
    public func hangUp() { shutdown(socket, Int32(SHUT_RDWR)) }

    public func send(method: String, path: String, headers: [String: String] = [:], body: Data? = nil) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        var data = Data(head.utf8)
        if let body { data.append(body) }
        _ = data.withUnsafeBytes { raw -> Int in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
            return sent
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(socket, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func line() throws -> String {
        while true {
            if let range = buffer.range(of: Data("\r\n".utf8)) {
                let text = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex..<range.upperBound)
                return text
            }
            guard fill() else { throw LoopbackHTTPError.closedEarly }
        }
    }

    private func bytes(_ count: Int) throws -> Data {
        while buffer.count < count { guard fill() else { throw LoopbackHTTPError.closedEarly } }
        let out = Data(buffer.prefix(count))
        buffer.removeFirst(count)
        return out
    }

    /// Status line and headers.
    public func readHead() throws -> (status: Int, headers: [String: String]) {
        let statusLine = try line()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw LoopbackHTTPError.malformed(statusLine) }
        var headers: [String: String] = [:]
        while true {
            let header = try line()
            if header.isEmpty { break }
            if let colon = header.firstIndex(of: ":") {
                headers[header[..<colon].lowercased()] = header[header.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        return (status, headers)
    }

    /// The next piece of a chunked body (nil at its end), or everything when the length is fixed.
    public func readBodyPiece(headers: [String: String]) throws -> Data? {
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            let sizeLine = try line()
            guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                throw LoopbackHTTPError.malformed(sizeLine)
            }
            if size == 0 { return nil }
            let data = try bytes(size)
            _ = try line()
            return data
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            return length == 0 ? nil : try bytes(length)
        }
        while fill() {}
        let rest = buffer
        buffer = Data()
        return rest.isEmpty ? nil : rest
    }

    public func readReply() throws -> HTTPReply {
        let (status, headers) = try readHead()
        var body = Data()
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while let piece = try readBodyPiece(headers: headers) { body.append(piece) }
        } else if let piece = try readBodyPiece(headers: headers) {
            body = piece
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }
}

public enum LoopbackHTTP {
    public static func request(port: Int, method: String = "POST", path: String, json: Any? = nil, rawBody: Data? = nil,
                        headers: [String: String] = [:]) async throws -> HTTPReply {
        let body = try rawBody ?? json.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await onOwnThread {
            let connection = try LoopbackConnection(port: port)
            try connection.send(method: method, path: path, headers: headers, body: body)
            return try connection.readReply()
        }
    }

    /// Runs blocking socket work on a thread of its own: blocking the few threads of Swift's cooperative pool
    /// would serialise clients that are meant to run side by side.
    public static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    public static func get(port: Int, path: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        try await request(port: port, method: "GET", path: path, headers: headers)
    }
}

