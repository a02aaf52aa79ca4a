// A bare HTTP/1.1 client over a TCP socket, for sending what no well-behaved client would (broken JSON,
// oversize bodies) and for hanging up in the middle of a stream. Test code only.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct RawReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    /// TextSynth's `{"error": …}` message, or the body text.
    var errorMessage: String {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["error"] as? String ?? text
    }
}

enum RawHTTPError: Error { case connect(Int32), closedEarly, malformed(String) }

/// One connection to 127.0.0.1:port carrying one request (Connection: close).
final class RawConnection: @unchecked Sendable {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Int = 30) throws {
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
        guard result == 0 else {
            close(socket)
            throw RawHTTPError.connect(errno)
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    /// Closes both directions at once: the server sees the client go away.
    func hangUp() { Glibc.shutdown(socket, Int32(SHUT_RDWR)) }

    func send(path: String, body: [UInt8], method: String = "POST") {
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }  // the server may refuse an oversize body before reading it all
            sent += n
        }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = recv(socket, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func line() throws -> String {
        while true {
            if let end = (0..<max(0, buffer.count - 1)).first(where: { buffer[$0] == 13 && buffer[$0 + 1] == 10 }) {
                let text = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return text
            }
            guard fill() else { throw RawHTTPError.closedEarly }
        }
    }

    private func take(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { guard fill() else { throw RawHTTPError.closedEarly } }
        let out = Array(buffer.prefix(count))
        buffer.removeFirst(count)
        return out
    }

    func readHead() throws -> (status: Int, headers: [String: String]) {
        let statusLine = try line()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw RawHTTPError.malformed(statusLine) }
        var headers: [String: String] = [:]
        while true {
            let header = try line()
            if header.isEmpty { break }
            if let colon = header.firstIndex(of: ":") {
                headers[header[..<colon].lowercased()] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return (status, headers)
    }

    /// The next piece of the body: one chunk when chunked, else everything; nil at the end.
    func readPiece(headers: [String: String]) throws -> [UInt8]? {
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            let sizeLine = try line()
            guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                throw RawHTTPError.malformed(sizeLine)
            }
            if size == 0 { return nil }
            let data = try take(size)
            _ = try line()
            return data
        }
        if let length = headers["content-length"].flatMap(Int.init) { return length == 0 ? nil : try take(length) }
        while fill() {}
        defer { buffer = [] }
        return buffer.isEmpty ? nil : buffer
    }

    func readReply() throws -> RawReply {
        let (status, headers) = try readHead()
        var body = Data()
        while let piece = try readPiece(headers: headers) {
            body.append(contentsOf: piece)
            if headers["transfer-encoding"]?.lowercased() != "chunked" { break }
        }
        return RawReply(status: status, headers: headers, body: body)
    }
}

enum RawHTTP {
    /// Sends `body` to `path` and reads the whole reply, off the caller's thread.
    static func post(port: Int, path: String, body: [UInt8]) async throws -> RawReply {
        try await Task.detached {
            let connection = try RawConnection(port: port)
            connection.send(path: path, body: body)
            return try connection.readReply()
        }.value
    }

    static func post(port: Int, path: String, json: [String: Any]) async throws -> RawReply {
        try await post(port: port, path: path, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }
}
