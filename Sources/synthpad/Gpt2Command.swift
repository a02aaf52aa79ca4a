import ArgumentParser
import Foundation
import RunHistory
import SynthKit

/// Options shared by the Booste commands: which Booste server, and the key.
struct BoosteBackendOptions: ParsableArguments {
    @OptionGroup var backendOptions: BackendOptions

    /// A Booste client for the configured Booste backend: the public service with a key (BOOSTE_API_KEY or a
    /// key file), or a self-hosted one by BOOSTE_URL (e.g. `synthpad serve`). With neither, the embedded engine's
    /// Booste-compatible endpoints answer; their tasks live only as long as this process.
    func client(embeddedAllowed: Bool) async throws -> BoosteClient {
        let config = try backendOptions.loadConfig()
        let named = backendOptions.backend ?? "booste"
        guard let chosen = config.backend(named: named) else {
            throw CLIError.usage("unknown backend \"\(named)\"; configured: \(config.backends.map(\.name).joined(separator: ", "))")
        }
        let key: APIKey?
        do {
            key = try config.apiKey(for: chosen)
        } catch {
            throw CLIError.usage("\(error)")
        }
        let selfHosted = chosen.url != BoosteClient.defaultURL
        if chosen.kind == .booste, key != nil || selfHosted || backendOptions.backend != nil {
            guard let key else {
                if selfHosted {
                    // A self-hosted server may ask for no key; the protocol still carries one.
                    return BoosteClient(baseURL: chosen.url, apiKey: APIKey("none"), machineID: try machineID())
                }
                throw CLIError.usage("no Booste API key: set BOOSTE_API_KEY, or key_file in [backends.\(chosen.name)]")
            }
            return BoosteClient(baseURL: chosen.url, apiKey: key, machineID: try machineID(),
                                options: backendOptions.transportOptions)
        }
        guard chosen.kind == .booste || chosen.kind == .local else {
            throw CLIError.usage("backend \"\(chosen.name)\" does not speak Booste's protocol")
        }
        guard embeddedAllowed else {
            throw CLIError.usage("""
                tasks of the embedded engine end with the command that started them; for async tasks across commands \
                run `synthpad serve` and set BOOSTE_URL=http://127.0.0.1:8080/ (or set BOOSTE_API_KEY for the cloud)
                """)
        }
        let (client, _, _) = try await backendOptions.startEmbeddedEngine()
        if backendOptions.verbose {
            Output.note("synthpad: using the embedded engine's Booste endpoints at \(client.baseURL)")
        }
        return BoosteClient(baseURL: client.baseURL + "/", apiKey: APIKey("none"), machineID: try machineID(),
                            options: backendOptions.transportOptions)
    }

    private func machineID() throws -> String {
        do {
            return try MachineID.loadOrCreate()
        } catch {
            throw CLIError.failed("cannot keep the Booste machine id: \(error)")
        }
    }
}

struct Gpt2Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpt2",
        abstract: "Predict the next words with Booste's GPT-2 (the embedded engine when no BOOSTE_API_KEY is set).")

    @Argument(help: "The input words (read from standard input when absent or \"-\").")
    var prompt: [String] = []

    @Option(parsing: .unconditional, help: help(.boosteLength)) var length: Int = 5
    @Option(parsing: .unconditional, help: help(.boosteTemperature)) var temperature: Double = 0.8
    @Option(parsing: .unconditional, help: help(.boosteWindowMax)) var windowMax: Int = 100
    @Option(help: "Model size: gpt2 or gpt2-xl.") var modelSize = "gpt2"

    @Flag(name: .customLong("async"), help: "Start the task and print its id instead of waiting (see gpt2-check).")
    var startOnly = false

    @OptionGroup var booste: BoosteBackendOptions
    @OptionGroup var log: LogOptions

    func run() async throws {
        guard let size = BoosteParameters.ModelSize(rawValue: modelSize) else {
            throw CLIError.usage("--model-size must be gpt2 or gpt2-xl, not \"\(modelSize)\"")
        }
        let parameters = BoosteParameters(length: length, temperature: temperature, windowMax: windowMax, modelSize: size)
        try parameters.validate()
        let text = try inputText(prompt, what: "input words")
        let client = try await booste.client(embeddedAllowed: !startOnly)
        if startOnly {
            Output.line(try await cancellingOnInterrupt { try await client.gpt2AsyncStart(prompt: text, parameters: parameters) })
        } else {
            let run = LoggedRun(source: "gpt2", backend: booste.backendOptions.backend ?? "booste", baseURL: client.baseURL,
                                engine: size.rawValue, kind: "gpt2", prompt: text,
                                parameters: LoggedRun.parametersJSON(parameters))
            let logger = log.logger(for: run, config: try booste.backendOptions.loadConfig())
            let words = try await logger.around {
                let words = try await cancellingOnInterrupt { try await client.gpt2(prompt: text, parameters: parameters) }
                logger.recorder.received(texts: [words.joined(separator: " ")])
                return words
            }
            Output.line(words.joined(separator: " "))
        }
    }
}

struct Gpt2CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpt2-check", abstract: "Check a Booste GPT-2 task started with `gpt2 --async`.")

    @Argument(help: "The task id printed by `synthpad gpt2 --async`.")
    var taskID: String

    @OptionGroup var booste: BoosteBackendOptions

    func run() async throws {
        let client = try await booste.client(embeddedAllowed: false)
        let answer = try await cancellingOnInterrupt { try await client.gpt2AsyncCheck(taskID: taskID) }
        Output.line("\(answer.status)")
        if let output = answer.output { Output.line(output.joined(separator: " ")) }
    }
}
