import ArgumentParser
import RunHistory
import SynthKit

struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Answer a conversation: messages alternate user, assistant, …, ending with the user's.")

    @Argument(help: "The messages, oldest first (the last one is the user's; read from standard input when absent).")
    var messages: [String] = []

    @Option(help: "A system message that sets the assistant's behaviour.")
    var system: String?

    @OptionGroup var sampling: SamplingOptions
    @OptionGroup var backendOptions: BackendOptions

    @OptionGroup var output: AnswerOutputOptions
    @OptionGroup var log: LogOptions

    func run() async throws {
        let parameters = try output.withLogprobs(sampling.resolved(config: backendOptions.loadConfig().parameters))
        let preset = try sampling.chosenPreset()
        var backendOptions = self.backendOptions
        if backendOptions.engines.isEmpty, let engine = preset?.engine { backendOptions.engines = [engine] }
        let system = self.system ?? preset?.system
        let turns: [String]
        do {
            turns = messages.isEmpty ? [try inputText([], what: "message")] : messages
        } catch CLIError.usage(let problem) {
            throw CLIError.usage(problem + " (synthpad chat-pad opens the chat screen)")
        }
        var request = ChatRequest(messages: turns, system: system, parameters: parameters)
        try request.validate()
        if output.curl {
            request.stream = !output.noStream
            return Output.line(try backendOptions.curl(for: .chat(request)))
        }
        let backend = try await backendOptions.resolve()
        let logger = log.logger(for: try backendOptions.loggedRun(
            "chat", kind: "chat", on: backend, prompt: request.messages.joined(separator: "\n"),
            messages: request.messages, system: request.system, parameters: LoggedRun.json(request.parameters)),
            config: try backendOptions.loadConfig())
        try await logger.around {
            try await cancellingOnInterrupt { [output, request] in
                try await printAnswer(to: .chat(request), on: backend, output: output, recorder: logger.recorder)
            }
        }
    }
}
