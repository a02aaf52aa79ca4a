import ArgumentParser
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

    @Flag(help: "Print one JSON object per streamed answer instead of text.")
    var json = false

    @Flag(help: "Wait for the whole answer instead of streaming.")
    var noStream = false

    func run() async throws {
        let parameters = try sampling.applied(to: backendOptions.loadConfig().parameters)
        let turns = messages.isEmpty ? [try inputText([], what: "message")] : messages
        let request = ChatRequest(messages: turns, system: system, parameters: parameters)
        try request.validate()
        let backend = try await backendOptions.resolve()
        try await cancellingOnInterrupt { [json, noStream] in
            try await printAnswer(to: .chat(request), on: backend, json: json, stream: !noStream)
        }
    }
}
