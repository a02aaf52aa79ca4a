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
        let parameters = try output.withLogprobs(sampling.resolved(config: backendOptions.loadConfig().parameters))
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
                try await printAnswer(to: .completion(request), on: backend, output: output, recorder: logger.recorder)
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

    @Option(help: ArgumentHelp("Per-token probabilities with the N most probable alternatives, 0…20: a table after the"
                               + " text (with --json, each line's tokens). Only where the engine gives them (GET"
                               + " /v1/engines lists token_logprobs) or on an OpenAI-compatible backend.",
                               valueName: "N"))
    var logprobs: Int?

    /// The parameters with `--logprobs` as `top_logprobs`, checked (field and range) before anything is sent.
    func withLogprobs(_ parameters: SamplingParameters) throws -> SamplingParameters {
        guard let logprobs else { return parameters }
        var parameters = parameters
        parameters.topLogprobs = logprobs
        try parameters.validate()
        return parameters
    }
}

/// What `complete` and `chat` ask for: both answer in the completion's shape.
enum TextRequest: Sendable {
    case completion(CompletionRequest)
    case chat(ChatRequest)

    var n: Int { parameters.n }
    var topLogprobs: Int? { parameters.topLogprobs }

    private var parameters: SamplingParameters {
        switch self {
        case .completion(let request): request.parameters
        case .chat(let request): request.parameters
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

/// Prints an answer: one completion streams as it comes; `n` completions print in turn at the end. With
/// `--logprobs` (and no `--json`) each completion's token table follows after a blank line. `recorder` sees every
/// piece, for the history.
func printAnswer(to request: TextRequest, on backend: ResolvedBackend, output: AnswerOutputOptions,
                 recorder: RunRecorder) async throws {
    let json = output.json
    if request.topLogprobs != nil { try await backend.requireTokenLogprobs() }
    if output.noStream {
        let answer = try await request.answer(on: backend)
        recorder.received(answer)
        if json { try Output.json(answer) } else { printTexts(answer.text) }
        if !json, request.topLogprobs != nil { printTokenTables(answer.tokens, n: request.n) }
        return
    }
    let n = request.n
    var texts = Array(repeating: "", count: n)
    var listed = CompletionAnswer(text: [], reachedEnd: false)  // only its tokens: every piece's, joined
    var printedText = false
    do {
        for try await answer in try request.stream(on: backend) {
            recorder.received(answer)
            listed.appendTokens(answer.tokens)
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
        if !json, request.topLogprobs != nil, listed.tokens != nil { printTokenTables(listed.tokens, n: n) }
        throw error
    }
    if !json { if n == 1 { Output.write("\n") } else { printTexts(texts) } }
    if !json, request.topLogprobs != nil { printTokenTables(listed.tokens, n: n) }
}

/// After a blank line, each completion's tokens (headed by its number when there are several).
private func printTokenTables(_ tokens: [[TokenLogprob]]?, n: Int) {
    for index in 0..<n {
        Output.write("\n")
        if n > 1 { Output.line("--- tokens of completion \(index + 1) of \(n) ---") }
        let list = tokens.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? []
        if list.isEmpty { Output.line("(no tokens were listed)") } else { TokenTable.lines(list).forEach(Output.line) }
    }
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
