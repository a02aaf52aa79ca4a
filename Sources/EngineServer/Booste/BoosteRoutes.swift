// Booste's GPT-2 async API on the local model: start a task, check it; errors are `{"message": …}`.

import Foundation
import Hummingbird
import SynthWire

enum BoosteRoutes {
    static let pathPrefix = "/inference/"
    static let startPath = "/inference/pretrained/gpt2/async/start"
    static let checkPath = "/inference/pretrained/gpt2/async/check/v2"

    /// Booste carries the key in the body; a Bearer header is accepted too.
    static func checkKey(_ bodyKey: APIKey, request: Request, state: ServerState) throws(BoosteError) {
        guard let expected = state.configuration.apiKey, !expected.isEmpty else { return }
        var given = bodyKey.reveal()
        if given.isEmpty, let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            given = String(header.dropFirst("Bearer ".count))
        }
        if given.isEmpty { throw BoosteError(status: 401, message: "missing apiKey") }
        if !APIKeyMiddleware<BasicRequestContext>.sameKey(given, expected) {
            throw BoosteError(status: 401, message: "invalid apiKey")
        }
    }

    /// Starts a task; with syncMode "synchronous" the answer waits for the words and carries them too.
    static func start(_ request: Request, state: ServerState) async throws(BoosteError) -> Response {
        let body = try await boosteBody(request, state: state)
        let start: BoosteStartRequest = try boosteDecode(BoosteStartRequest.self, from: body)
        try checkKey(start.apiKey, request: request, state: state)
        let generator = try model(named: boosteDecode(BoosteModelChoice.self, from: body).model, state: state)
        if state.ledger.isExhausted { throw BoosteError(status: 402, message: APIError.creditsExhausted.message) }
        let tasks = state.boosteTasks
        let id = tasks.create()
        Task {
            do {
                let result = try await BoosteGeneration.words(prompt: start.prompt, parameters: start.parameters,
                                                              generator: generator)
                tasks.finish(id, with: .finished(result.words))
            } catch {
                tasks.finish(id, with: .failed((error as? APIError)?.message ?? "\(error)"))
            }
        }
        if start.syncMode == .synchronous {
            await tasks.waitUntilDone(id)
            var answer = tasks.checkAnswer(for: id) ?? BoosteCheckAnswer(status: .failed)
            answer.taskID = id
            return JSONResponses.ok(answer)
        }
        return JSONResponses.ok(BoosteStartAnswer(taskID: id))
    }

    /// Booste's API has no model field (`modelSize` names GPT-2's): the default model answers, or with several
    /// served, the one a `"model"` field (synthpad's extension) names by engine id.
    static func model(named id: String?, state: ServerState) throws(BoosteError) -> LocalGenerator {
        guard let first = state.engines.first else {
            throw BoosteError(status: 503, message: "no model is loaded on this server")
        }
        guard let id else { return first.generator }
        guard let served = state.servedEngine(id) else {
            throw BoosteError(status: 404, message: "unknown model '\(id)'; models: "
                              + state.directory.localIDs.joined(separator: ", "))
        }
        return served.generator
    }

    static func check(_ request: Request, state: ServerState) async throws(BoosteError) -> Response {
        let body = try await boosteBody(request, state: state)
        let check: BoosteTaskQuery = try boosteDecode(BoosteTaskQuery.self, from: body)
        try checkKey(check.apiKey, request: request, state: state)
        guard let answer = state.boosteTasks.checkAnswer(for: check.taskID) else {
            throw BoosteError(status: 404, message: "unknown TaskID \(check.taskID)")
        }
        return JSONResponses.ok(answer)
    }

    static func boosteBody(_ request: Request, state: ServerState) async throws(BoosteError) -> Data {
        do {
            return try await RequestBodyDecoding.collect(request, limit: state.configuration.maxBodyBytes)
        } catch {
            throw BoosteError(status: error.status, message: error.message)
        }
    }

    static func boosteDecode<T: Decodable & Validatable>(_ type: T.Type, from data: Data) throws(BoosteError) -> T {
        do {
            return try RequestBodyDecoding.decodeValid(type, from: data)
        } catch {
            throw BoosteError(status: error.status, message: error.message)
        }
    }
}

/// The start call's optional `"model"`: which served model runs it.
struct BoosteModelChoice: Decodable, Validatable {
    var model: String?

    func validate() throws(ValidationError) {}
}

/// The check call's body, read leniently: SynthWire's `BoosteCheckRequest` (what our client sends) requires
/// `syncMode`, but other Booste clients may leave it or the key out; only `TaskID` matters here.
struct BoosteTaskQuery: Decodable, Validatable {
    var taskID: String
    var apiKey: APIKey

    enum CodingKeys: String, CodingKey { case taskID = "TaskID", apiKey }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        apiKey = try container.decodeIfPresent(APIKey.self, forKey: .apiKey) ?? APIKey("")
    }

    func validate() throws(ValidationError) {
        if taskID.isEmpty {
            throw ValidationError(field: "TaskID", value: "\"\"", allowed: "the id from the start call", problem: "is empty")
        }
    }
}
