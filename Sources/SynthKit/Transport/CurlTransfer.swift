import CCurl
import Foundation

/// One attempt at one request with libcurl, run on the calling (transport) thread. A multi handle of its
/// own lets `RequestHandle.cancel()` wake the loop at once (curl_multi_wakeup) instead of waiting for a
/// progress callback (which libcurl calls only about once a second while a stream is quiet), and lets the
/// loop watch for idle connections itself.
final class CurlTransfer {
    enum Outcome {
        case answered(HTTPResponse)
        case failed(APIError)
    }

    /// What the C callbacks see (passed as their user pointer).
    final class State {
        let streaming: Bool
        let deliver: (Data) -> APIError?
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        var deliveredBytes = 0
        var lastActivity = Date()
        var abort: APIError?

        init(streaming: Bool, deliver: @escaping (Data) -> APIError?) {
            self.streaming = streaming
            self.deliver = deliver
        }
    }

    private let request: HTTPRequest
    private let options: TransportOptions
    private let handle: RequestHandle
    let state: State

    /// `deliver` receives body bytes of a 2xx answer as they arrive when `streaming`; returning an error aborts.
    init(request: HTTPRequest, options: TransportOptions, handle: RequestHandle, streaming: Bool,
         deliver: @escaping (Data) -> APIError?) {
        self.request = request
        self.options = options
        self.handle = handle
        self.state = State(streaming: streaming, deliver: deliver)
    }

    func run() -> Outcome {
        guard let pair = CurlHandlePool.shared.take() else {
            return .failed(.transport(reason: "libcurl could not start a transfer"))
        }
        let (multi, easy) = (pair.multi, pair.easy)
        var finishedCleanly = false
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let statePointer = Unmanaged.passRetained(state).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            handle.setWake(nil)
            curl_multi_remove_handle(multi, easy)
            // Reset before pooling: the idle handle must not point at the buffers freed below.
            curl_easy_reset(easy)
            if finishedCleanly { CurlHandlePool.shared.giveBack(pair) } else { CurlHandlePool.shared.discard(pair) }
            curl_slist_free_all(headerList)
            errorBuffer.deallocate()
            Unmanaged<State>.fromOpaque(statePointer).release()
        }

        configure(easy, errorBuffer: errorBuffer, statePointer: statePointer, headerList: &headerList)
        curl_multi_add_handle(multi, easy)
        handle.setWake { curl_multi_wakeup(multi) }
        state.lastActivity = Date()

        while true {
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            if handle.isCancelled { return .failed(.cancelled) }
            if let abort = state.abort { return .failed(abort) }
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                if message.pointee.msg == CURLMSG_DONE {
                    finishedCleanly = message.pointee.data.result == CURLE_OK && state.abort == nil
                    return finish(code: message.pointee.data.result, easy: easy, errorBuffer: errorBuffer)
                }
            }
            let idleLeft = options.idleTimeout - Date().timeIntervalSince(state.lastActivity)
            if idleLeft < 0 {
                return .failed(.timedOut(url: request.url, seconds: options.idleTimeout))
            }
            // Sleep until data, curl's own timers, the idle deadline (at most 1 s), or a cancel's wake-up.
            curl_multi_poll(multi, nil, 0, Int32(max(1, min(1000, idleLeft * 1000))), nil)
        }
    }

    private func configure(_ easy: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>,
                           statePointer: UnsafeMutableRawPointer,
                           headerList: inout UnsafeMutablePointer<curl_slist>?) {
        sp_setopt_str(easy, CURLOPT_URL, request.url)
        sp_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        sp_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        sp_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        sp_setopt_str(easy, CURLOPT_USERAGENT, options.userAgent)
        // A proxy from the environment must not sit between us and a local engine.
        sp_setopt_str(easy, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        sp_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        sp_setopt_ptr(easy, CURLOPT_WRITEDATA, statePointer)
        sp_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        sp_setopt_ptr(easy, CURLOPT_HEADERDATA, statePointer)

        switch request.method {
        case .get:
            sp_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .post:
            let body = request.body ?? Data()
            sp_setopt_long(easy, CURLOPT_POST, 1)
            sp_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // COPYPOSTFIELDS: libcurl keeps its own copy; Swift's buffer is only valid inside this closure.
            _ = body.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress {
                    sp_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    sp_setopt_str(easy, CURLOPT_COPYPOSTFIELDS, "")
                }
            }
        }
        // "Expect:" turns off 100-continue, which only adds a round trip for our small bodies.
        var lines = ["Expect:"]
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        sp_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
    }

    private func finish(code: CURLcode, easy: UnsafeMutableRawPointer,
                        errorBuffer: UnsafeMutablePointer<CChar>) -> Outcome {
        if let abort = state.abort { return .failed(abort) }
        if code == CURLE_OK {
            return .answered(HTTPResponse(status: state.status, headers: state.headers, body: state.body))
        }
        let detail = String(cString: errorBuffer)
        let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT:
            var osError = 0
            sp_getinfo_long(easy, CURLINFO_OS_ERRNO, &osError)
            return .failed(.cannotConnect(url: request.url, reason: Self.connectFailure(osError: Int32(osError),
                                                                                        url: request.url, curl: reason)))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            // No retry can mend the address itself.
            return .failed(.transport(reason: "\(request.url) is not a usable URL: \(reason)"))
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_SSL_CONNECT_ERROR,
             CURLE_PEER_FAILED_VERIFICATION:
            return .failed(.cannotConnect(url: request.url, reason: reason))
        case CURLE_OPERATION_TIMEDOUT:
            return state.status == 0
                ? .failed(.cannotConnect(url: request.url, reason: reason))
                : .failed(.timedOut(url: request.url, seconds: options.idleTimeout))
        case CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return .failed(.connectionLost(url: request.url, reason: reason))
        default:
            return .failed(.transport(reason: reason))
        }
    }
}

extension CurlTransfer {
    /// Why a connection could not be made, in a user's words: the system's reason and where it was tried.
    static func connectFailure(osError: Int32, url: String, curl: String) -> String {
        let place = URLComponents(string: url).flatMap { parts in
            parts.host.map { host in "\(host) port \(parts.port ?? (parts.scheme == "https" ? 443 : 80))" }
        } ?? url
        switch osError {
        case ECONNREFUSED: return "connection refused: no server is listening on \(place)"
        case ENETUNREACH, EHOSTUNREACH: return "\(place) cannot be reached from this machine (no route)"
        case 0: return curl
        default: return "\(String(cString: strerror(osError)).lowercased()) (\(place))"
        }
    }
}

/// Body bytes: streamed to the caller for a 2xx answer when streaming, kept otherwise.
private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                           _ user: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let user else { return length }
    let state = Unmanaged<CurlTransfer.State>.fromOpaque(user).takeUnretainedValue()
    let bytes = Data(bytes: data, count: length)
    state.lastActivity = Date()
    if state.streaming, (200..<300).contains(state.status) {
        if let error = state.deliver(bytes) {
            state.abort = error
            return 0
        }
        state.deliveredBytes += length
    } else {
        state.body.append(bytes)
    }
    return length
}

/// Header lines, one per call. A status line starts a new header block (after 1xx or redirects).
private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                             _ user: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let user else { return length }
    let state = Unmanaged<CurlTransfer.State>.fromOpaque(user).takeUnretainedValue()
    let raw = UnsafeRawBufferPointer(start: data, count: length)
    let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    state.lastActivity = Date()
    if line.hasPrefix("HTTP/") {
        let parts = line.split(separator: " ")
        state.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        state.headers = [:]
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        state.headers[name] = value
    }
    return length
}

/// Idle libcurl handle pairs kept for the next request. The connection cache lives in the multi handle,
/// so a pair that comes back after a clean transfer lets the next request to the same host skip the
/// TCP and TLS handshakes. A pair is used by one thread at a time; failed or cancelled ones are freed.
final class CurlHandlePool: @unchecked Sendable {
    struct Pair {
        let multi: UnsafeMutableRawPointer
        let easy: UnsafeMutableRawPointer
    }

    static let shared = CurlHandlePool(capacity: 4)

    private let lock = NSLock()
    private var idle: [Pair] = []
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func take() -> Pair? {
        CurlGlobal.ensureInitialized()
        lock.lock()
        let pooled = idle.popLast()
        lock.unlock()
        if let pooled { return pooled }
        guard let multi = curl_multi_init() else { return nil }
        guard let easy = curl_easy_init() else {
            curl_multi_cleanup(multi)
            return nil
        }
        return Pair(multi: multi, easy: easy)
    }

    func giveBack(_ pair: Pair) {
        lock.lock()
        if idle.count < capacity {
            idle.append(pair)
            lock.unlock()
        } else {
            lock.unlock()
            discard(pair)
        }
    }

    func discard(_ pair: Pair) {
        curl_easy_cleanup(pair.easy)
        curl_multi_cleanup(pair.multi)
    }
}

/// `curl_global_init` exactly once. Call `initializeNetworking()` early on the main thread;
/// the transport calls it too, as a safety net.
public enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    @discardableResult
    public static func ensureInitialized() -> Bool { initialized }
}

/// Prepares libcurl. Call once at start-up, on the main thread, before any other thread exists.
public func initializeNetworking() { CurlGlobal.ensureInitialized() }
