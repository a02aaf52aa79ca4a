import Foundation

/// How a synchronous Booste call waits for its task: the first check soon, then longer waits, up to a deadline.
/// (The reference client waits 0.2 s per word before the first check and never gives up.)
public struct BoostePollPolicy: Sendable {
    public var firstCheckAfter: Double
    public var multiplier: Double
    public var maxInterval: Double
    /// Give up (timed out) when the task is not done this many seconds after the start.
    public var deadline: Double
    /// Told about every wait before it starts (tests watch it).
    public var onWait: (@Sendable (Double) -> Void)?

    public init(firstCheckAfter: Double = 0.5, multiplier: Double = 1.5, maxInterval: Double = 3, deadline: Double = 300,
                onWait: (@Sendable (Double) -> Void)? = nil) {
        self.firstCheckAfter = firstCheckAfter
        self.multiplier = multiplier
        self.maxInterval = maxInterval
        self.deadline = deadline
        self.onWait = onWait
    }

    /// The wait before check number `check` (0-based).
    public func interval(beforeCheck check: Int) -> Double {
        min(maxInterval, firstCheckAfter * pow(multiplier, Double(check)))
    }
}

/// A client for Booste's GPT-2 service (or the local server speaking its protocol).
public final class BoosteClient: Sendable {
    public static let defaultURL = "https://api.booste.io/"
    public static let startPath = "inference/pretrained/gpt2/async/start"
    public static let checkPath = "inference/pretrained/gpt2/async/check/v2"

    public let baseURL: String
    public let apiKey: APIKey
    /// A random UUID kept between runs (see `MachineID`).
    public let machineID: String
    public let poll: BoostePollPolicy
    let core: ClientCore

    /// `baseURL` nil means `BOOSTE_URL` from the environment, else the public service.
    public init(baseURL: String? = nil, apiKey: APIKey, machineID: String, options: TransportOptions = TransportOptions(),
                poll: BoostePollPolicy = BoostePollPolicy(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.baseURL = baseURL ?? environment["BOOSTE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultURL
        self.apiKey = apiKey
        self.machineID = machineID
        self.poll = poll
        self.core = ClientCore(transport: HTTPTransport(options: options))
    }

    private let headers = ["Content-Type": "application/json", "Accept": "application/json"]

    // MARK: callback style

    /// Starts a task; the result is its id.
    @discardableResult
    public func start(prompt: String, parameters: BoosteParameters = BoosteParameters(),
                      syncMode: BoosteSyncMode = .asynchronous,
                      completion: @escaping @Sendable (Result<String, APIError>) -> Void) -> RequestHandle {
        let request = BoosteStartRequest(prompt: prompt, parameters: parameters, apiKey: apiKey, machineID: machineID,
                                         syncMode: syncMode)
        return core.post(joinURL(baseURL, Self.startPath), request, headers: headers, secret: apiKey) {
            (result: Result<BoosteStartAnswer, APIError>) in completion(result.map(\.taskID))
        }
    }

    /// Asks how a task is doing.
    @discardableResult
    public func check(taskID: String, syncMode: BoosteSyncMode = .asynchronous,
                      completion: @escaping @Sendable (Result<BoosteCheckAnswer, APIError>) -> Void) -> RequestHandle {
        let request = BoosteCheckRequest(taskID: taskID, apiKey: apiKey, syncMode: syncMode)
        return core.post(joinURL(baseURL, Self.checkPath), request, headers: headers, secret: apiKey, completion: completion)
    }

    /// Starts a task and polls it until it finishes, fails, or the deadline passes; the result is the words.
    @discardableResult
    public func generate(prompt: String, parameters: BoosteParameters = BoosteParameters(),
                         completion: @escaping @Sendable (Result<[String], APIError>) -> Void) -> RequestHandle {
        let outer = RequestHandle()
        let thread = Thread { [self] in
            blockTerminalSignals()
            completion(runToCompletion(prompt: prompt, parameters: parameters, outer: outer))
            outer.markFinished()
        }
        thread.name = "synthpad.booste"
        thread.start()
        return outer
    }

    private func runToCompletion(prompt: String, parameters: BoosteParameters,
                                 outer: RequestHandle) -> Result<[String], APIError> {
        let started = Date()
        let taskID: String
        switch waitFor(outer, { start(prompt: prompt, parameters: parameters, syncMode: .synchronous, completion: $0) }) {
        case .success(let id): taskID = id
        case .failure(let error): return .failure(error)
        }
        var checkNumber = 0
        while true {
            let wait = poll.interval(beforeCheck: checkNumber)
            if Date().timeIntervalSince(started) + wait > poll.deadline {
                return .failure(.timedOut(url: joinURL(baseURL, Self.checkPath), seconds: poll.deadline))
            }
            poll.onWait?(wait)
            if !outer.sleep(wait) { return .failure(.cancelled) }
            switch waitFor(outer, { check(taskID: taskID, syncMode: .synchronous, completion: $0) }) {
            case .failure(let error): return .failure(error)
            case .success(let answer):
                switch answer.status {
                case .finished: return .success(answer.output ?? [])
                case .failed: return .failure(.taskFailed(taskID: taskID))
                case .pending: checkNumber += 1
                }
            }
        }
    }

    /// Runs one inner request to its end on this thread; cancelling `outer` cancels it.
    private func waitFor<T: Sendable>(_ outer: RequestHandle,
                                      _ start: (@escaping @Sendable (Result<T, APIError>) -> Void) -> RequestHandle)
        -> Result<T, APIError> {
        if outer.isCancelled { return .failure(.cancelled) }
        let box = Mailbox<Result<T, APIError>>()
        let inner = start { box.put($0) }
        outer.setWake { inner.cancel() }
        inner.waitUntilFinished()
        outer.setWake(nil)
        return box.take() ?? .failure(.cancelled)
    }

    // MARK: async/await

    /// Booste's `gpt2`: start, wait, return the predicted words.
    public func gpt2(prompt: String, parameters: BoosteParameters = BoosteParameters()) async throws -> [String] {
        try await awaitRequest { generate(prompt: prompt, parameters: parameters, completion: $0) }
    }

    /// Booste's `gpt2_async_start`: the task id.
    public func gpt2AsyncStart(prompt: String, parameters: BoosteParameters = BoosteParameters()) async throws -> String {
        try await awaitRequest { start(prompt: prompt, parameters: parameters, completion: $0) }
    }

    /// Booste's `gpt2_async_check`: the status, with the words once finished.
    public func gpt2AsyncCheck(taskID: String) async throws -> BoosteCheckAnswer {
        try await awaitRequest { check(taskID: taskID, completion: $0) }
    }
}

/// One value handed from a transport thread to a waiting one.
final class Mailbox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func put(_ value: T) { lock.lock(); self.value = value; lock.unlock() }
    func take() -> T? { lock.lock(); defer { lock.unlock() }; return value }
}
