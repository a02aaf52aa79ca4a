// The routes: TextSynth's /v1 API, our /v1/engines listing, OpenAI's models/completions/chat, and Booste's GPT-2
// async calls.

import Foundation
import Hummingbird
import SynthWire

enum ServerRouter {
    static func build(state: ServerState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: TextSynthErrorMiddleware())
        if let key = state.configuration.apiKey { router.add(middleware: APIKeyMiddleware(key: key)) }

        router.get("/v1/credits") { _, _ in AccountRoutes.credits(state: state) }
        router.get("/v1/engines") { _, _ in AccountRoutes.engines(state: state) }

        router.get("/v1/models") { _, _ in OpenAIRoutes.models(state: state) }
        router.post("/v1/completions") { request, _ in try await OpenAIRoutes.completions(request, state: state) }
        router.post("/v1/chat/completions") { request, _ in
            try await OpenAIRoutes.chatCompletions(request, state: state)
        }
        router.post("/v1/engines/:engine/completions") { request, context in
            try await CompletionRoutes.completions(request, engine: engine(context), state: state)
        }
        router.post("/v1/engines/:engine/chat") { request, context in
            try await CompletionRoutes.chat(request, engine: engine(context), state: state)
        }
        router.post("/v1/engines/:engine/logprob") { request, context in
            try await ModelQueryRoutes.logprob(request, engine: engine(context), state: state)
        }
        router.post("/v1/engines/:engine/tokenize") { request, context in
            try await ModelQueryRoutes.tokenize(request, engine: engine(context), state: state)
        }
        router.post("/v1/engines/:engine/translate") { request, context in
            try await TranslationRoutes.translate(request, engine: engine(context), state: state)
        }
        router.post("/v1/engines/:engine/text_to_image") { request, context in
            try await TranslationRoutes.textToImage(request, engine: engine(context), state: state)
        }
        router.post(RouterPath(stringLiteral: BoosteRoutes.startPath)) { request, _ in
            try await BoosteRoutes.start(request, state: state)
        }
        router.post(RouterPath(stringLiteral: BoosteRoutes.checkPath)) { request, _ in
            try await BoosteRoutes.check(request, state: state)
        }
        return router
    }

    private static func engine(_ context: BasicRequestContext) -> String {
        context.parameters.get("engine") ?? ""
    }
}
