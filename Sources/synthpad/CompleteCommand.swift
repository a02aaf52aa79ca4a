import ArgumentParser
import Foundation
import RunHistory
import SynthKit

struct CompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Complete a prompt, streaming the text to standard output as it arrives.")

    @Argument(help: "The prompt (read from standard input when absent or \"-\").")
    var prompt: [String] = []

    @OptionGroup var sampling: SamplingOptions
    @OptionGroup var backendOptions: BackendOptions

    @OptionGroup var output: AnswerOutputOptions
    @OptionGroup var log: LogOptions

    func run() async throws {
        // Everything the user typed is checked before any engine starts or any byte is sent.
        let parameters = try sampling.resolved(config: backendOptions.loadConfig().parameters)
        var backendOptions = self.backendOptions
        if backendOptions.engines.isEmpty, let engine = try sampling.chosenPreset()?.engine { backendOptions.engines = [engine] }
        var request = CompletionRequest(prompt: try inputText(prompt, what: "prompt"), parameters: parameters)
        try request.validate()
        if output.curl {
            request.stream = !output.noStream
            return Output.line(try backendOptions.curl(for: .completion(request)))
        }
        let backend = try await backendOptions.resolve()
        let logger = log.logger(for: try backendOptions.loggedRun(
            "complete", kind: "completion", on: backend, prompt: request.prompt, parameters: LoggedRun.json(request.parameters)),
            config: try backendOptions.loadConfig())
        try await logger.around {
            try await cancellingOnInterrupt { [output, request] in
                try await printAnswer(to: .completion(request), on: backend, json: output.json, stream: !output.noStream,
                                      recorder: logger.recorder)
            }
        }
    }
}

/// How `complete` and `chat` print their answer.
struct AnswerOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per streamed event (the wire format, one per line; what arrived together comes as one) instead of text.")
    var json = false

    @Flag(help: "Wait for the whole answer instead of streaming.")
    var noStream = false

    @Flag(help: "Print the request as a curl command instead of sending it (the key as $VARIABLE, never its value).")
    var curl = false
}

/// What `complete` and `chat` ask for: both answer in the completion's shape.
enum TextRequest: Sendable {
    case completion(CompletionRequest)
    case chat(ChatRequest)

    var n: Int {
        switch self {
        case .completion(let request): request.parameters.n
        case .chat(let request): request.parameters.n
        }
    }

    func answer(on backend: ResolvedBackend) async throws -> CompletionAnswer {
        switch (self, try backend.openAIModel()) {
        case (.completion(let request), (let client, let model)?): try await client.complete(model: model, request: request)
        case (.chat(let request), (let client, let model)?): try await client.chat(model: model, request: request)
        case (.completion(let request), nil):
            try await backend.textSynthClient(for: "complete").complete(engine: backend.engine, request: request)
        case (.chat(let request), nil):
            try await backend.textSynthClient(for: "chat").chat(engine: backend.engine, request: request)
        }
    }

    func stream(on backend: ResolvedBackend) throws -> CompletionStream {
        switch (self, try backend.openAIModel()) {
        case (.completion(let request), (let client, let model)?): client.completionStream(model: model, request: request)
        case (.chat(let request), (let client, let model)?): client.chatStream(model: model, request: request)
        case (.completion(let request), nil):
            try backend.textSynthClient(for: "complete").completionStream(engine: backend.engine, request: request)
        case (.chat(let request), nil):
            try backend.textSynthClient(for: "chat").chatStream(engine: backend.engine, request: request)
        }
    }
}

/// Prints an answer: one completion streams as it comes; `n` completions print in turn at the end.
/// `recorder` sees every piece, for the history.
func printAnswer(to request: TextRequest, on backend: ResolvedBackend, json: Bool, stream: Bool,
                 recorder: RunRecorder) async throws {
    if !stream {
        let answer = try await request.answer(on: backend)
        recorder.received(answer)
        if json { try Output.json(answer) } else { printTexts(answer.text) }
        return
    }
    let n = request.n
    var texts = Array(repeating: "", count: n)
    var printedText = false
    do {
        for try await answer in try request.stream(on: backend) {
            recorder.received(answer)
            if json {
                try Output.json(answer)
            } else if n == 1 {
                Output.write(answer.firstText)
                printedText = printedText || !answer.firstText.isEmpty
            } else {
                for (index, piece) in answer.text.enumerated() where index < n { texts[index] += piece }
            }
        }
    } catch {
        // Whatever arrived before the break is still the user's.
        if !json { if n == 1 { if printedText { Output.write("\n") } } else { printTexts(texts) } }
        throw error
    }
    if !json { if n == 1 { Output.write("\n") } else { printTexts(texts) } }
}

private func printTexts(_ texts: [String]) {
    if texts.count == 1 {
        Output.line(texts[0])
        return
    }
    for (index, text) in texts.enumerated() {
        Output.line("--- completion \(index + 1) of \(texts.count) ---")
        Output.line(text)
    }
}
