// `POST /v1/engines/{engine}/translate` served by Apertium, and `text_to_image`, which this server cannot do.

import Foundation
import Hummingbird
import SynthWire

enum TranslationRoutes {
    static func translate(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        try state.directory.check(engine, for: .translate)
        let body = try await RequestBodyDecoding.collect(request, limit: state.configuration.maxBodyBytes)
        let translate = try RequestBodyDecoding.decodeValid(TranslateRequest.self, from: body)
        try state.requireCredits()
        let result: TranslationResult
        do {
            result = try await state.translator.translate(
                translate.text, from: translate.sourceLang, to: translate.targetLang,
                splitSentences: translate.splitSentences)
        } catch let failure as TranslationFailure {
            throw APIError(status: status(of: failure), message: failure.description)
        } catch {
            throw .internalError("\(error)")
        }
        state.charge(inputTokens: result.inputTokens, outputTokens: result.outputTokens)
        let answer = TranslateAnswer(
            translations: result.translations.map {
                TranslateAnswer.Translation(text: $0.text, detectedSourceLang: $0.detectedSourceLanguage)
            },
            inputTokens: result.inputTokens, outputTokens: result.outputTokens)
        return JSONResponses.ok(answer)
    }

    static func status(of failure: TranslationFailure) -> Int {
        switch failure {
        case .unsupportedPair, .routeTooLong, .unknownSourceLanguage, .undetectedLanguage, .tooManyTexts: return 400
        // The request was fine; this server cannot serve it: 503 says "not here, not now".
        case .apertiumNotInstalled: return 503
        case .processFailed, .timedOut: return 500
        }
    }

    /// The local server has no image model: a TextSynth-shaped 400 that says so, whatever the engine — a client
    /// set up for the cloud asks for `stable_diffusion`, and "unknown engine" would not tell it why.
    static func textToImage(_ request: Request, engine: String, state: ServerState) async throws(APIError) -> Response {
        throw APIError(status: 400, message:
            "the local server has no image model, so it cannot run text_to_image (engine '\(engine)'); use the TextSynth cloud's stable_diffusion")
    }
}
