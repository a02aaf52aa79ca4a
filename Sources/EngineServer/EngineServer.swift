// The local TextSynth-compatible server: `synthpad serve` runs it standalone; the CLI and TUI start it in-process
// on an ephemeral loopback port when no API key is configured.

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

public enum EngineServerError: Error, CustomStringConvertible, Equatable {
    case nonLoopbackWithoutAPIKey(host: String)
    case alreadyStarted
    case failedToBind(String)
    case duplicateEngineID(String, first: String, second: String)

    public var description: String {
        switch self {
        case let .nonLoopbackWithoutAPIKey(host):
            return "refusing to listen on \(host) without an API key: anyone on the network could use it; set an API key or listen on 127.0.0.1"
        case .alreadyStarted: return "the server is already started"
        case let .failedToBind(reason): return "the server could not start listening: \(reason)"
        case let .duplicateEngineID(id, first, second):
            return "engine id '\(id)' is taken twice (\(first) and \(second)): give each model its own id with --model ID=PATH"
        }
    }
}

public final class EngineServer: @unchecked Sendable {
    public let configuration: EngineServerConfiguration
    private let lock = NSLock()
    private var serviceGroup: ServiceGroup?
    private var runTask: Task<Void, Error>?
    private var boundPort: Int?
    private var state: ServerState?
    private let preloadedModels: [ServedModel]

    /// Checks the configuration (a non-loopback host needs an API key); nothing is loaded until `start()`.
    /// Pass `models` to serve already loaded models (then `configuration.models` is not read).
    public init(configuration: EngineServerConfiguration, models: [ServedModel]) throws {
        if !configuration.isLoopback && (configuration.apiKey ?? "").isEmpty {
            throw EngineServerError.nonLoopbackWithoutAPIKey(host: configuration.host)
        }
        self.configuration = configuration
        self.preloadedModels = models
    }

    /// One already loaded model served under the id its file names, or `configuration.models` when nil.
    public convenience init(configuration: EngineServerConfiguration, model: LocalModel? = nil) throws {
        try self.init(configuration: configuration, models: model.map { [ServedModel($0)] } ?? [])
    }

    /// The port being listened on, once started.
    public var port: Int? { lock.withLock { boundPort } }

    /// Sequences holding an inference slot right now, over all models (0 when idle).
    public var activeSequences: Int { generators.reduce(0) { $0 + $1.scheduler.activeSequences } }

    /// Prompt tokens not evaluated again because a kept KV cache already held them (chat turns, edited prompts).
    public var reusedPromptTokens: Int { generators.reduce(0) { $0 + $1.scheduler.reusedPromptTokens } }

    /// The engine ids of the served models once started, the default one first (aliases left out).
    public var engineIDs: [String] { lock.withLock { state?.engines.map(\.id) ?? [] } }

    private var generators: [LocalGenerator] { lock.withLock { state?.engines.map(\.generator) ?? [] } }

    /// Loads the model and translator, opens the ledger, starts listening and returns the bound port
    /// (the configured one, or the one the system picked for port 0). With `stopOnSignals`, SIGINT and SIGTERM
    /// shut the server down gracefully (standalone `synthpad serve`); in-process users call `shutdown()`.
    @discardableResult
    public func start(stopOnSignals: Bool = false) async throws -> Int {
        try await start(shutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [])
    }

    /// Starts (if needed) and waits until the server stops: SIGINT/SIGTERM or `shutdown()`.
    public func run() async throws {
        if port == nil { _ = try await start(shutdownSignals: [.sigint, .sigterm]) }
        let task = lock.withLock { runTask }
        try await task?.value
    }

    /// Stops listening, ends every request in flight and releases the model.
    public func shutdown() async {
        let (group, task, generators) = lock.withLock { (serviceGroup, runTask, state?.engines.map(\.generator) ?? []) }
        // Ends every stream in flight first, so graceful shutdown does not wait for them.
        for generator in generators { generator.stop() }
        await group?.triggerGracefulShutdown()
        // Graceful shutdown waits for open requests; do not wait on a stuck client forever.
        let deadline = Task {
            try await Task.sleep(nanoseconds: 3_000_000_000)
            task?.cancel()
        }
        _ = try? await task?.value
        deadline.cancel()
        lock.withLock {
            serviceGroup = nil
            runTask = nil
            boundPort = nil
            state = nil
        }
    }

    private func start(shutdownSignals: [UnixSignal]) async throws -> Int {
        if lock.withLock({ runTask != nil }) { throw EngineServerError.alreadyStarted }
        let state = try await makeState()
        var logger = Logger(label: "synthpad.server")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .error

        let bound = BoundPort()
        let app = Application(
            router: ServerRouter.build(state: state),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "synthpad-local"),
            onServerRunning: { channel in bound.resolve(channel.localAddress?.port ?? -1) },
            logger: logger)
        // Services shut down last-first: inference stops (ending open streams) before the HTTP server waits for them.
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: app),
                .init(service: InferenceStopper(generators: state.engines.map(\.generator)),
                      successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: shutdownSignals, logger: logger))
        let task = Task {
            do {
                try await group.run()
                bound.fail(EngineServerError.failedToBind("the server stopped before listening"))
            } catch {
                bound.fail(EngineServerError.failedToBind("\(error)"))
                throw error
            }
        }
        lock.withLock {
            self.serviceGroup = group
            self.runTask = task
            self.state = state
        }
        do {
            let port = try await bound.value()
            lock.withLock { boundPort = port }
            return port
        } catch {
            await shutdown()
            throw error
        }
    }

    private func makeState() async throws -> ServerState {
        let translator = configuration.translationEnabled
            ? await ApertiumTranslator.discover(executable: configuration.apertiumExecutable)
            : .unavailable
        let ledger = try CreditsLedger(
            directory: configuration.stateDirectory ?? CreditsLedger.defaultStateDirectory(),
            creditsPerToken: configuration.creditsPerToken, initialCredits: configuration.initialCredits)
        let models = try preloadedModels.isEmpty ? configuration.models.map(loadModel) : preloadedModels
        let aliases = configuration.engineAliases.filter { $0 != models.first?.engineID }
        try ServedEngine.checkDistinct(models, aliases: aliases,
                                       reserved: configuration.translationEnabled ? TranslationEngineID.all : [])
        // Each scheduler reports every job's tokens, including streams whose client left: all are charged.
        let engines = models.enumerated().map { index, served in
            ServedEngine(id: served.engineID, aliases: index == 0 ? aliases : [],
                         generator: LocalGenerator(localModel: served.model, configuration: configuration) { input, output in
                             _ = try? ledger.charge(tokens: input + output)
                         })
        }
        let directory = EngineDirectory(
            configuration: configuration, models: engines.map(\.description),
            translationPairs: translator.graph.reachablePairs, translationAvailable: translator.isAvailable)
        return ServerState(configuration: configuration, directory: directory, translator: translator, ledger: ledger,
                           engines: engines,
                           boosteTasks: BoosteTaskStore(lifetime: configuration.boosteTaskLifetime))
    }

    private func loadModel(_ file: ServedModelFile) throws -> ServedModel {
        let model = try LocalModel(path: file.path, threads: configuration.threads,
                                   contextLength: configuration.contextLength,
                                   maxContextLength: configuration.maxContextLength)
        return ServedModel(model, engineID: file.engineID)
    }
}

/// Ends inference when the server is asked to stop (SIGINT/SIGTERM or `shutdown()`), so that open streams finish
/// at once instead of holding the graceful shutdown until their last token.
private struct InferenceStopper: Service {
    let generators: [LocalGenerator]

    func run() async throws {
        try? await gracefulShutdown()
        for generator in generators { generator.stop() }
    }
}

/// The port reported by the listening channel, handed to whoever awaits `start()`.
private final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Int, Error>?
    private var waiter: CheckedContinuation<Int, Error>?

    func resolve(_ port: Int) { complete(port >= 0 ? .success(port) : .failure(EngineServerError.failedToBind("no local address"))) }
    func fail(_ error: Error) { complete(.failure(error)) }

    private func complete(_ outcome: Result<Int, Error>) {
        let continuation: CheckedContinuation<Int, Error>? = lock.withLock {
            guard result == nil else { return nil }
            result = outcome
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume(with: outcome)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, Error>? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
