import Foundation

/// async/await for the CLI. Errors thrown are `APIError`; cancelling the task cancels the request.
extension TextSynthClient {
    public func complete(engine: String, request: CompletionRequest) async throws -> CompletionAnswer {
        try await awaitRequest { complete(engine: engine, request: request, completion: $0) }
    }

    /// The streamed pieces of a completion; the stream ends after the last one, or throws.
    public func completionStream(engine: String, request: CompletionRequest) -> CompletionStream {
        streamRequest { streamCompletion(engine: engine, request: request, onEvent: $0) }
    }

    public func chat(engine: String, request: ChatRequest) async throws -> CompletionAnswer {
        try await awaitRequest { chat(engine: engine, request: request, completion: $0) }
    }

    public func chatStream(engine: String, request: ChatRequest) -> CompletionStream {
        streamRequest { streamChat(engine: engine, request: request, onEvent: $0) }
    }

    public func translate(engine: String = EngineCatalog.defaultTranslationEngine,
                          request: TranslateRequest) async throws -> TranslateAnswer {
        try await awaitRequest { translate(engine: engine, request: request, completion: $0) }
    }

    public func logprob(engine: String, request: LogprobRequest) async throws -> LogprobAnswer {
        try await awaitRequest { logprob(engine: engine, request: request, completion: $0) }
    }

    public func tokenize(engine: String, request: TokenizeRequest) async throws -> TokenizeAnswer {
        try await awaitRequest { tokenize(engine: engine, request: request, completion: $0) }
    }

    public func textToImage(engine: String = EngineCatalog.defaultImageEngine,
                            request: TextToImageRequest) async throws -> ImageAnswer {
        try await awaitRequest { textToImage(engine: engine, request: request, completion: $0) }
    }

    public func engines() async throws -> EngineListAnswer {
        try await awaitRequest { engines(completion: $0) }
    }

    public func credits() async throws -> CreditsAnswer {
        try await awaitRequest { credits(completion: $0) }
    }
}
