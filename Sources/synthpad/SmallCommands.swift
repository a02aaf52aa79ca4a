import ArgumentParser
import Foundation
import SynthKit

struct LogprobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logprob",
        abstract: "Log-probability of a continuation after a context (and whether greedy decoding would produce it).")

    @Option(help: "The context (empty: the start of a text).")
    var context = ""

    @Argument(help: "The continuation, not empty.")
    var continuation: String

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print the answer as JSON.")
    var json = false

    func run() async throws {
        let request = LogprobRequest(context: context, continuation: continuation)
        try request.validate()
        let backend = try await backendOptions.resolve()
        let answer = try await cancellingOnInterrupt {
            try await backend.textSynthClient(for: "logprob").logprob(engine: backend.engine, request: request)
        }
        if json { return try Output.json(answer) }
        Output.line("logprob \(answer.logprob)")
        if let tokens = answer.numTokens { Output.line("tokens \(tokens)") }
        Output.line("greedy \(answer.isGreedy)")
    }
}

struct TokenizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Token ids of a text for an engine (free on TextSynth); useful for --logit-bias.")

    @Argument(help: "The text (read from standard input when absent or \"-\").")
    var text: [String] = []

    @Flag(help: "Also show each token's text.")
    var contents = false

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print the answer as JSON.")
    var json = false

    func run() async throws {
        let request = TokenizeRequest(text: try inputText(text, what: "text"),
                                      tokenContentType: contents ? .base64 : .none)
        let backend = try await backendOptions.resolve()
        let answer = try await cancellingOnInterrupt {
            try await backend.textSynthClient(for: "tokenize").tokenize(engine: backend.engine, request: request)
        }
        if json { return try Output.json(answer) }
        // One line either way: the ids, and with --contents each id with its text (`19556:"Hello" 905:" world"`).
        guard contents, let pieces = answer.tokenContent else {
            return Output.line(answer.tokens.map(String.init).joined(separator: " "))
        }
        Output.line(zip(answer.tokens, pieces).map { id, bytes in
            "\(id):\(String(reflecting: String(decoding: bytes, as: UTF8.self)))"
        }.joined(separator: " "))
    }
}

struct CreditsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credits", abstract: "Remaining credits.")

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print the raw answer (credits × 1e9) as JSON.")
    var json = false

    func run() async throws {
        let backend = try await backendOptions.resolve()
        let answer = try await cancellingOnInterrupt { try await backend.textSynthClient(for: "credits").credits() }
        if json { return try Output.json(answer) }
        Output.line(String(format: "%.4f", answer.balance))
    }
}

struct EnginesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engines", abstract: "The engines a backend offers, with context length and what each does.")

    @OptionGroup var backendOptions: BackendOptions

    func run() async throws {
        let config = try backendOptions.loadConfig()
        let backend = try await backendOptions.resolve()
        if case .openAI(let server, _, _) = backend {
            let models = try await cancellingOnInterrupt { try await server.models() }
            for model in models.data { Output.line("\(model.id)\tmodel\t-\t\(model.ownedBy ?? "")") }
            return
        }
        let client = try backend.textSynthClient(for: "engines")
        // A server that lists its engines is asked; TextSynth's cloud has no such endpoint: its documented catalogue.
        // A server that cannot be reached is an error, never the catalogue as if it had answered.
        if client.baseURL != TextSynthClient.cloudURL {
            do {
                let listed = try await cancellingOnInterrupt { try await client.engines() }
                for engine in listed.engines {
                    let context = engine.contextLength.map { "\($0) tokens" } ?? "-"
                    let detail = engine.languagePairs.map { "pairs: " + $0.joined(separator: " ") }
                        ?? (engine.capabilities ?? []).joined(separator: ", ")
                    Output.line("\(engine.id)\t\(engine.kind ?? "-")\t\(context)\t\(detail)")
                }
                return
            } catch APIError.unexpectedStatus(404, _) {
                // A ts_server without the listing: it answered, so the documented engines are the best guess.
                Output.note("synthpad: \(client.baseURL) does not list its engines (404); TextSynth's documented ones:")
            }
        }
        // The cloud's engines today; a self-hosted server may also run the ones the cloud retired.
        let catalogue = client.baseURL == TextSynthClient.cloudURL
            ? EngineCatalog.current.filter { known in !config.engines.contains { $0.id == known.id } } + config.engines
            : config.knownEngines
        for engine in catalogue {
            let context = engine.contextLength.map { "\($0) tokens" } ?? "-"
            let kind = engine.capability.rawValue + (engine.isChat ? ", chat" : "")
            Output.line("\(engine.id)\t\(kind)\t\(context)\t\(engine.summary)")
        }
    }
}
