import Foundation
import ImagePreview
import RunHistory
import TerminalBackend
import SynthKit
import SynthUI

/// Carries out the effects that reach the API: completions, cancellation, tokenizing, credits.
/// Requests run on SynthKit's transport threads; their answers come back as `Event`s through `post`.
/// Used from the main thread only (the handles table is not locked).
final class APIRequests {
    private let configuration: PlaygroundConfiguration
    private let post: @Sendable (Event) -> Void
    /// In-flight requests by what they answer, so `cancelRequest` can stop them at once.
    private var inFlight: [RequestKey: RequestHandle] = [:]
    private let reachability: ReachabilityReport
    /// What each request cost, from the balance before and after it.
    private let meter = LockedValue(CreditsMeter())
    /// Requests in flight on the main backend (the one whose balance is shown): only they are metered.
    private var onMainBackend: Set<RequestKey> = []
    private let history: HistoryLog?

    init(configuration: PlaygroundConfiguration, post: @escaping @Sendable (Event) -> Void) {
        self.configuration = configuration
        self.post = post
        reachability = ReachabilityReport(post: post)
        history = configuration.history.map { HistoryLog(path: $0.path, secrets: $0.secrets) { post(.historyProblem($0)) } }
    }

    func start(_ snapshot: CompletionSnapshot, as request: RequestKey) {
        let backend: PlaygroundConfiguration.Backend
        if snapshot.backend == configuration.backendName {
            backend = configuration.backend
            onMainBackend.insert(request)
        } else if let other = configuration.otherBackends[snapshot.backend] {
            backend = other
        } else {
            post(.requestFailed(request: request, message: "no backend named \(snapshot.backend) is open", status: nil))
            return
        }
        let log = RequestHistory(history, run: snapshot.loggedRun(screen: request.screen, baseURL: backend.baseURL),
                                 request: request, metered: isMetered(request))
        switch backend {
        case .textSynth(let client):
            inFlight[request] = startTextSynth(snapshot, as: request, client: client, log: log)
        case .booste(let client):
            inFlight[request] = startBooste(snapshot, as: request, client: client, log: log)
        case .openAI(let client):
            inFlight[request] = startOpenAI(snapshot, as: request, client: client, log: log)
        }
    }

    private func startTextSynth(_ snapshot: CompletionSnapshot, as id: RequestKey,
                                client: TextSynthClient, log: RequestHistory?) -> RequestHandle {
        let handler = streamHandler(for: id, log: log)
        if let chat = snapshot.chat {
            let request = ChatRequest(messages: chat.messages, system: chat.system, parameters: snapshot.parameters,
                                      stream: true)
            return client.streamChat(engine: snapshot.engine, request: request, onEvent: handler)
        }
        var parameters = snapshot.parameters
        // Per-token data only from an engine whose server lists it (TextSynth's cloud refuses unknown fields).
        if parameters.topLogprobs != nil, client.knownTokenLogprobsSupport(engine: snapshot.engine) != true {
            parameters.topLogprobs = nil
        }
        let request = CompletionRequest(prompt: snapshot.prompt, parameters: parameters, stream: true)
        return client.streamCompletion(engine: snapshot.engine, request: request, onEvent: handler)
    }

    /// The same requests in OpenAI's words; the engine is the server's model name.
    private func startOpenAI(_ snapshot: CompletionSnapshot, as id: RequestKey, client: OpenAIClient,
                             log: RequestHistory?) -> RequestHandle {
        let streamed = streamHandler(for: id, log: log)
        let post = self.post
        let backend = snapshot.backend
        let handler: @Sendable (CompletionEvent) -> Void = { event in
            if case .failed = event, !client.refusedFields.isEmpty {
                post(.parametersRefused(backend: backend, fields: client.refusedFields))
            }
            streamed(event)
        }
        if let chat = snapshot.chat {
            let request = ChatRequest(messages: chat.messages, system: chat.system, parameters: snapshot.parameters)
            return client.streamChat(model: snapshot.engine, request: request, onEvent: handler)
        }
        let request = CompletionRequest(prompt: snapshot.prompt, parameters: snapshot.parameters)
        return client.streamCompletion(model: snapshot.engine, request: request, onEvent: handler)
    }

    /// A stream's events as the screens' events, addressed to the request that asked.
    private func streamHandler(for id: RequestKey, log: RequestHistory?) -> @Sendable (CompletionEvent) -> Void {
        let timing = RequestTiming()
        let post = self.post
        let reachability = self.reachability
        return { event in
            switch event {
            case .chunk(let answer):
                timing.markFirstText()
                log?.piece(answer)
                for (index, text) in answer.text.enumerated() {
                    if let tokens = answer.tokens, tokens.indices.contains(index), !tokens[index].isEmpty {
                        post(.streamTokens(request: id, index: index, text: text, tokens: tokens[index]))
                    } else if !text.isEmpty {
                        post(.streamChunk(request: id, index: index, text: text))
                    }
                }
            case .retrying(let retry):
                post(.retrying(request: id, note: "\(retry.error); \(retry.progress)"))
            case .finished(let answer):
                log?.finished(answer)
                reachability.report(nil)
                post(.streamFinished(request: id, stats: timing.stats(for: answer)))
            case .failed(.cancelled):
                log?.failed("cancelled")  // the UI has already moved on
            case .failed(let error):
                log?.failed(error.description)
                post(.requestFailed(request: id, message: error.description, status: error.status))
                if let reason = error.unreachableReason { reachability.report(reason) }
            }
        }
    }

    /// Booste answers once, with a list of words: one chunk (the words joined as text), then the end.
    private func startBooste(_ snapshot: CompletionSnapshot, as id: RequestKey, client: BoosteClient,
                             log: RequestHistory?) -> RequestHandle? {
        let post = self.post
        if snapshot.chat != nil {
            // The chat screen refuses before sending; this keeps a request from going to the wrong endpoint.
            post(.requestFailed(request: id, message: "Booste has no chat endpoint", status: nil))
            return nil
        }
        let timing = RequestTiming()
        var parameters = snapshot.booste ?? BoosteParameters()
        if let size = BoosteParameters.ModelSize(rawValue: snapshot.engine) { parameters.modelSize = size }
        let separator = snapshot.prompt.last.map { $0.isWhitespace } ?? true ? "" : " "
        return client.generate(prompt: snapshot.prompt, parameters: parameters) { result in
            switch result {
            case .success(let words):
                timing.markFirstText()
                if !words.isEmpty {
                    post(.streamChunk(request: id, index: 0, text: separator + words.joined(separator: " ")))
                }
                let answer = CompletionAnswer(text: [words.joined(separator: " ")], outputTokens: words.count)
                log?.finished(answer)
                post(.streamFinished(request: id, stats: timing.stats(for: answer)))
            case .failure(.cancelled):
                log?.failed("cancelled")
            case .failure(let error):
                log?.failed(error.description)
                post(.requestFailed(request: id, message: error.description, status: error.status))
            }
        }
    }

    /// The request as the curl command that sends it to the backend it names (the key as its variable).
    func curl(for snapshot: CompletionSnapshot) -> String? {
        let backend = snapshot.backend == configuration.backendName ? configuration.backend
            : configuration.otherBackends[snapshot.backend]
        let request = CompletionRequest(prompt: snapshot.prompt, parameters: snapshot.parameters, stream: true)
        switch backend {
        case .textSynth(let client):
            return try? client.curl(engine: snapshot.engine, request: request,
                                    keyVariable: client.apiKey == nil ? nil : "TEXTSYNTH_API_KEY")
        case .openAI(let client):
            return try? client.curl(model: snapshot.engine, request: request,
                                    keyVariable: client.apiKey == nil ? nil : "OPENAI_API_KEY")
        case .booste, nil:
            return nil
        }
    }

    func cancel(id: RequestKey) {
        guard let handle = inFlight.removeValue(forKey: id) else { return }
        handle.cancel()
        ended(id)  // what it generated before the cancel is billed
    }

    func cancelAll() {
        for handle in inFlight.values { handle.cancel() }
        inFlight.removeAll()
    }

    /// Forgets a request whose last event has arrived.
    func finished(id: RequestKey) {
        if inFlight.removeValue(forKey: id) != nil { ended(id) }
    }

    func tokenize(text: String, engine: String, purpose: TokenizePurpose) {
        let post = self.post
        guard case .textSynth(let client) = configuration.backend else {
            post(.tokenizeFailed(purpose, message: "this backend has no tokenizer"))
            return
        }
        client.tokenize(engine: engine, request: TokenizeRequest(text: text)) { result in
            switch result {
            case .success(let answer): post(.tokenized(purpose, tokens: answer.tokens))
            case .failure(let error): post(.tokenizeFailed(purpose, message: error.description))
            }
        }
    }

    /// `/logprob` for the token inspector's span and the continuation scorer, on the backend the request names.
    func scoreContinuation(_ id: RequestKey, backend name: String, engine: String, request: LogprobRequest) {
        let post = self.post
        let backend = name == configuration.backendName ? configuration.backend : configuration.otherBackends[name]
        guard case .textSynth(let client) = backend else {
            let why = backend == nil ? "no backend named \(name) is open" : "\(name) has no logprob endpoint"
            post(.requestFailed(request: id, message: why, status: nil))
            return
        }
        if name == configuration.backendName { onMainBackend.insert(id) }
        // Logged as a "logprob" run: the context as its prompt, the continuation in its parameters, the score as its answer.
        let log = RequestHistory(history, run: LoggedRun(
            source: id.screen.rawValue, backend: name, baseURL: client.baseURL, engine: engine, kind: "logprob",
            prompt: request.context, parameters: LoggedRun.json(["continuation": request.continuation])),
            request: id, metered: isMetered(id))
        inFlight[id] = client.logprob(engine: engine, request: request) { result in
            switch result {
            case .success(let answer):
                log?.texts([LoggedRun.json(answer)])
                post(.continuationScored(request: id, answer: answer))
            case .failure(.cancelled): log?.failed("cancelled")
            case .failure(let error):
                log?.failed(error.description)
                post(.requestFailed(request: id, message: error.description, status: error.status))
            }
        }
    }

    /// One translation batch of the scratchpad, on its own transport thread like every request.
    func translate(_ id: RequestKey, engine: String, request: TranslateRequest) {
        let post = self.post
        guard case .textSynth(let client) = configuration.backend else {
            post(.requestFailed(request: id, message: "\(configuration.backendName) cannot translate", status: nil))
            return
        }
        onMainBackend.insert(id)
        let log = RequestHistory(history, translation: request, request: id, backend: configuration.backendName,
                                 baseURL: client.baseURL, engine: engine, metered: isMetered(id))
        inFlight[id] = client.translate(engine: engine, request: request) { result in
            switch result {
            case .success(let answer):
                log?.texts(answer.translations.map(\.text))
                post(.translated(request: id, answer: answer))
            case .failure(.cancelled): log?.failed("cancelled")
            case .failure(let error):
                log?.failed(error.description)
                post(.requestFailed(request: id, message: error.description, status: error.status))
            }
        }
    }

    /// text_to_image, then the answer's JPEGs saved in `directory` (on the transport thread). The starting image of
    /// image-to-image is read and checked here first: a missing or non-JPEG file fails without anything sent.
    func generateImages(_ id: RequestKey, engine: String, request: TextToImageRequest, startImage: String?,
                        directory: String) {
        let post = self.post
        guard case .textSynth(let client) = configuration.backend else {
            post(.requestFailed(request: id, message: "\(configuration.backendName) cannot make images", status: nil))
            return
        }
        var request = request
        if let startImage {
            do {
                request.image = try JPEGDecoder.readJPEG(startImage)
            } catch {
                post(.requestFailed(request: id, message: "start image \(startImage): \(error)", status: nil))
                return
            }
        }
        inFlight[id] = client.textToImage(engine: engine, request: request) { result in
            switch result {
            case .success(let answer):
                do {
                    post(.imagesSaved(request: id, paths: try GeneratedImageFiles.save(answer.images, in: directory)))
                } catch {
                    post(.requestFailed(request: id, message: "\(error)", status: nil))
                }
            case .failure(.cancelled): break
            case .failure(let error): post(.requestFailed(request: id, message: error.description, status: error.status))
            }
        }
    }

    /// Asks a self-hosted server (synthpad's local engine among them) what it serves (`GET /v1/engines`): the price
    /// of a token, for the credits compare columns and the scratchpad show, and (when `translation` is true) which
    /// translation engine it has and which directions it can do. The TextSynth cloud has no such endpoint: there
    /// the scratchpad keeps M2M100 and every language, and credits come from measured balance changes only.
    func loadEngineDirectory(translation: Bool) {
        let post = self.post
        let name = configuration.backendName
        let imageAvailability = configuration.imageAvailability
        guard case .textSynth(let client) = configuration.backend, !client.baseURL.hasPrefix(TextSynthClient.cloudURL)
        else { return }
        let reachability = self.reachability
        client.engines(onRetry: reachability.reportRetry) { result in
            let list: EngineListAnswer
            switch result {
            case .success(let answer):
                list = answer
                reachability.report(nil)
            case .failure(let error):
                // Said at once, rather than showing engines as if the server had answered.
                if let reason = error.unreachableReason { reachability.report(reason) }
                return
            }
            // The engines it completes with become the picker's list (the catalogue was only a guess).
            let completions = list.engines.filter { $0.kind == nil || $0.kind == "completion" }
            client.rememberCapabilities(list)
            let choices = completions.map {
                EngineChoice(id: $0.id, displayName: $0.id, contextLength: $0.contextLength ?? EngineCatalog.contextLength(of: $0.id),
                             family: .textSynth,
                             givesTokenLogprobs: $0.capabilities?.contains(TextSynthClient.tokenLogprobsCapability) ?? false)
            }
            if !choices.isEmpty { post(.enginesListed(choices)) }
            // The image screen runs only on an engine the server lists as making images (a backend already known to
            // have none, the local engine, keeps its own explanation).
            if case .unavailable = imageAvailability {
            } else if let image = list.engines.first(where: { $0.kind == "image" }) {
                post(.image(.setAvailability(.available(engine: image.id))))
            } else {
                post(.image(.setAvailability(.unavailable(
                    "\(name) at \(client.baseURL) lists no image engine; images come from TextSynth's cloud "
                        + "(set TEXTSYNTH_API_KEY, or --backend textsynth) or a server with one (--url URL)"))))
            }
            let completion = completions.first
            if let perToken = completion?.creditsPerToken, perToken >= 0 {
                post(.tokenPriceListed(TokenPrice(perInputToken: perToken / 1e9, perOutputToken: perToken / 1e9)))
            }
            guard translation,
                  let engine = list.engines.first(where: { $0.kind == "translation" || $0.languagePairs != nil })
            else { return }
            let support = LanguageSupport(pairNames: engine.languagePairs ?? [])
            let price = engine.creditsPerToken.map { TokenPrice(perInputToken: $0 / 1e9, perOutputToken: $0 / 1e9) }
            post(.translate(.setBackend(name: name, engine: engine.id, support: support, price: price)))
        }
    }

    /// Asks for the balance (one ask at a time: a refresh wanted meanwhile follows the answer).
    func refreshCredits() {
        guard configuration.hasCredits, case .textSynth = configuration.backend else {
            post(.creditsRefreshed(nil))
            return
        }
        if meter.withLock({ $0.wantBalance() }) { Self.askBalance(configuration, meter, reachability, history, post) }
    }

    /// Whether what `request` costs is measured from the balance (see `ended`).
    private func isMetered(_ request: RequestKey) -> Bool {
        guard onMainBackend.contains(request), configuration.hasCredits, case .textSynth = configuration.backend else {
            return false
        }
        return true
    }

    /// A request's last event arrived (or it was cancelled): on a backend with a balance, what it cost is measured.
    func ended(_ id: RequestKey) {
        let metered = isMetered(id)
        onMainBackend.remove(id)
        guard metered else { return }
        if meter.withLock({ $0.requestEnded(id) }) { Self.askBalance(configuration, meter, reachability, history, post) }
    }

    /// One ask for the balance; its answer goes to the screens with the request it measured, and asks again when
    /// requests ended meanwhile. Runs its answer on a transport thread (the meter is locked).
    private static func askBalance(_ configuration: PlaygroundConfiguration, _ meter: LockedValue<CreditsMeter>,
                                   _ reachability: ReachabilityReport, _ history: HistoryLog?,
                                   _ post: @escaping @Sendable (Event) -> Void) {
        guard case .textSynth(let client) = configuration.backend else { return }
        client.credits(onRetry: reachability.reportRetry) { result in
            switch result {
            case .success: reachability.report(nil)
            case .failure(let error):
                if let reason = error.unreachableReason { reachability.report(reason) }
            }
            let balance = try? result.get().balance
            let (measured, again) = meter.withLock { $0.answered(balance) }
            post(.creditsRefreshed(balance))
            if let (request, change) = measured {
                RequestHistory.measured(history, request: request, change: change)
                post(.creditsMeasured(request: request, change: change))
            }
            if again { askBalance(configuration, meter, reachability, history, post) }
        }
    }
}

/// When a request started and when its first text arrived, for the stats line. Touched by one transport thread.
final class RequestTiming: Sendable {
    private let started = ContinuousClock.now
    private let firstText = LockedValue<ContinuousClock.Instant?>(nil)

    func markFirstText() {
        firstText.withLock { if $0 == nil { $0 = .now } }
    }

    func stats(for answer: CompletionAnswer) -> CompletionStats {
        let end = ContinuousClock.now
        let first = firstText.withLock { $0 }
        return CompletionStats(
            inputTokens: answer.inputTokens, outputTokens: answer.outputTokens,
            truncatedPrompt: answer.truncatedPrompt, finishReason: answer.finishReason,
            timeToFirstToken: first.map { Self.seconds(started.duration(to: $0)) },
            totalTime: Self.seconds(started.duration(to: end)))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Tells the screens whether the backend answers, only when that changes: a probe retrying the same refusal
/// every few seconds wakes nobody. Touched by transport threads.
final class ReachabilityReport: Sendable {
    /// The last problem posted (nil: reachable); nil outside: nothing posted yet.
    private let last = LockedValue<String??>(nil)
    private let post: @Sendable (Event) -> Void

    init(post: @escaping @Sendable (Event) -> Void) {
        self.post = post
    }

    func report(_ problem: String?) {
        let changed = last.withLock { previous -> Bool in
            if let previous, previous == problem { return false }
            previous = .some(problem)
            return true
        }
        if changed { post(.backendReachability(problem: problem)) }
    }

    /// For a background request's retries: a refused connection is shown at once, while it is still being tried.
    var reportRetry: @Sendable (ScheduledRetry) -> Void {
        { [self] retry in
            if let reason = retry.error.unreachableReason { report(reason) }
        }
    }
}
