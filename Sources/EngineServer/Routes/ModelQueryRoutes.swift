// `logprob` and `tokenize` on the local model.

import Foundation
import Hummingbird
import SynthWire

enum ModelQueryRoutes {
    static func logprob(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        let generator = try state.generator(engine, for: .logprob)
        return await ClientPresence.cancellingOnDisconnect(request) { body throws(APIError) in
            let data = try await RequestBodyDecoding.collect(body, limit: state.configuration.maxBodyBytes)
            let query = try RequestBodyDecoding.decodeValid(LogprobRequest.self, from: data)
            try state.requireCredits()
            let summary = try await generator.logprob(context: query.context, continuation: query.continuation)
            return JSONResponses.ok(LogprobAnswer(
                logprob: summary.logprob, numTokens: summary.continuationTokens, isGreedy: summary.isGreedy,
                inputTokens: summary.inputTokens))
        }
    }

    /// Free, as in the cloud.
    static func tokenize(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        let generator = try state.generator(engine, for: .tokenize)
        let body = try await RequestBodyDecoding.collect(request, limit: state.configuration.maxBodyBytes)
        let query = try RequestBodyDecoding.decodeValid(TokenizeRequest.self, from: body)
        let tokens = generator.tokenize(query.text)
        let content = query.tokenContentType == .base64 ? tokens.map { Data(generator.tokenBytes($0)) } : nil
        return JSONResponses.ok(TokenizeAnswer(tokens: tokens.map(Int.init), tokenContent: content))
    }
}
