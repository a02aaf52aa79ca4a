// `completions` and `chat` on the local model: whole answers, or streams of JSON objects each followed by "\n\n"
// whose last one has reached_end true.

import Foundation
import Hummingbird
import LocalEngine
import SynthWire

enum CompletionRoutes {
    static func completions(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        let generator = try state.generator(engine, for: .completions)
        return await ClientPresence.cancellingOnDisconnect(request) { body throws(APIError) in
            let data = try await RequestBodyDecoding.collect(body, limit: state.configuration.maxBodyBytes)
            let completion = try RequestBodyDecoding.decodeValid(CompletionRequest.self, from: data)
            return try await respond(generator, prompt: completion.prompt, parameters: completion.parameters,
                                     stream: completion.stream, state: state)
        }
    }

    static func chat(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        let generator = try state.generator(engine, for: .chat)
        return await ClientPresence.cancellingOnDisconnect(request) { body throws(APIError) in
            let data = try await RequestBodyDecoding.collect(body, limit: state.configuration.maxBodyBytes)
            let chat = try RequestBodyDecoding.decodeValid(ChatRequest.self, from: data)
            let template = generator.localModel.chatTemplate
            var parameters = chat.parameters
            // The turn ends with an end-of-generation token (<|im_end|>, <end_of_turn>); the start of another turn
            // also ends a runaway one.
            if !parameters.stop.contains(template.turnStart) && parameters.stop.count < SamplingParameters.maxStopStrings {
                parameters.stop.append(template.turnStart)
            }
            return try await respond(generator, prompt: template.prompt(messages: chat.messages, system: chat.system),
                                     parameters: parameters, stream: chat.stream, state: state)
        }
    }

    private static func respond(_ generator: LocalGenerator, prompt: String, parameters: SamplingParameters,
                                stream: Bool, state: ServerState) async throws(APIError) -> Response {
        let spec = try state.admit(generator, prompt: prompt, parameters: parameters)
        if !stream {
            let summary = try await generator.complete(spec)
            return JSONResponses.ok(answer(text: summary.texts, tokens: summary.tokens, summary: summary))
        }
        let (job, events) = try generator.submit(spec)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ResponseBody { writer in
            // Whatever ends this body (done, client gone, server stopping) frees the job's slots.
            defer { generator.abandon(job) }
            var tokens: [[TokenLogprobs]]?  // the probabilities of the next piece's tokens, when asked for
            for await event in events {
                switch event {
                case let .tokens(lists):
                    tokens = lists
                case let .progress(deltas):
                    try await writer.write(streamPiece(CompletionAnswer(text: deltas, reachedEnd: false,
                                                                        tokens: TokenLogprob.lists(tokens))))
                    tokens = nil
                case let .completed(last, summary):
                    try await writer.write(streamPiece(answer(text: last, tokens: tokens, summary: summary)))
                case let .failed(message):
                    try await writer.write(streamPiece(ErrorAnswer(error: message, status: 500)))
                case .logprob:
                    break
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func answer(text: [String], tokens: [[TokenLogprobs]]?, summary: CompletionSummary) -> CompletionAnswer {
        CompletionAnswer(
            text: text, reachedEnd: true, truncatedPrompt: summary.truncatedPrompt,
            inputTokens: summary.inputTokens, outputTokens: summary.outputTokens,
            finishReason: finishReason(summary.finishReasons), tokens: TokenLogprob.lists(tokens))
    }

    /// One reason for the whole answer: "length" if any completion ran out of tokens, else "stop".
    static func finishReason(_ reasons: [GenerationFinishReason]) -> String {
        reasons.contains(.length) ? GenerationFinishReason.length.rawValue : GenerationFinishReason.stop.rawValue
    }

    /// A streamed object followed by the two line feeds that delimit it.
    static func streamPiece<T: Encodable>(_ value: T) -> ByteBuffer {
        var buffer = JSONResponses.encode(value)
        buffer.writeString("\n\n")
        return buffer
    }
}
