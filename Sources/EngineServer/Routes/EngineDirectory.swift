// Which engine ids this server answers to, what each can do, and `GET /v1/engines` (our extension:
// TextSynth has no endpoint listing engines).

import Foundation
import SynthWire

enum EngineEndpoint: String, Sendable, CaseIterable {
    case completions, chat, logprob, tokenize, translate, textToImage = "text_to_image"
}

struct EngineDirectory: Sendable {
    let configuration: EngineServerConfiguration
    /// The served models, the first being the default one.
    let models: [ServedModelDescription]
    let translationPairs: [String]
    let translationAvailable: Bool

    var localIDs: [String] { models.flatMap(\.ids) }
    var translationIDs: [String] { configuration.translationEnabled ? TranslationEngineID.all : [] }
    var allIDs: [String] { localIDs + translationIDs }

    static let modelEndpoints: [EngineEndpoint] = [.completions, .chat, .logprob, .tokenize]
    /// Listed with the endpoints: completions and chat take synthpad's `top_logprobs` (per-token probabilities).
    static let tokenLogprobsCapability = "token_logprobs"

    /// Checks that `engine` exists here and serves `endpoint`; the error lists what does.
    func check(_ engine: String, for endpoint: EngineEndpoint) throws(APIError) {
        if localIDs.contains(engine) {
            guard Self.modelEndpoints.contains(endpoint) else {
                throw .unsupported(endpoint.rawValue, engine: engine,
                                   use: endpoint == .translate ? translationIDs.prefix(1).map { $0 } : [])
            }
        } else if translationIDs.contains(engine) {
            guard endpoint == .translate else {
                throw .unsupported(endpoint.rawValue, engine: engine,
                                   use: endpoint == .textToImage ? [] : Array(localIDs.prefix(1)))
            }
        } else {
            throw .unknownEngine(engine, available: allIDs)
        }
    }

    var listing: EngineListing {
        var engines: [EngineListing.Entry] = []
        for model in models {
            engines.append(.init(
                id: model.id, aliases: model.aliases, kind: "completion",
                capabilities: Self.modelEndpoints.map(\.rawValue) + [Self.tokenLogprobsCapability],
                contextLength: model.contextLength,
                model: model.fileName, available: true, languagePairs: nil, creditsPerToken: nanocreditsPerToken))
        }
        if configuration.translationEnabled {
            engines.append(.init(
                id: TranslationEngineID.apertium, aliases: [TranslationEngineID.cloudAlias], kind: "translation",
                capabilities: [EngineEndpoint.translate.rawValue], contextLength: nil, model: "apertium",
                available: translationAvailable, languagePairs: translationPairs, creditsPerToken: nanocreditsPerToken))
        }
        return EngineListing(engines: engines)
    }

    /// The price of a token, in the unit of `/v1/credits` (the ledger charges input and output tokens alike).
    private var nanocreditsPerToken: Int64 { Int64((configuration.creditsPerToken * 1e9).rounded()) }
}

/// What a served model is, for listings and error messages.
struct ServedModelDescription: Sendable {
    let id: String
    let aliases: [String]
    let fileName: String
    let contextLength: Int

    var ids: [String] { [id] + aliases }
}

/// The body of `GET /v1/engines`.
struct EngineListing: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        var id: String
        var aliases: [String]
        /// "completion" or "translation".
        var kind: String
        /// The endpoints (path after the engine id) this engine serves.
        var capabilities: [String]
        var contextLength: Int?
        var model: String
        var available: Bool
        /// Translation only: "en-es", "en-fr" (by pivot), … every source-target pair that works.
        var languagePairs: [String]?
        /// Credits × 1e9 (the unit of `/v1/credits`) one input or output token costs.
        var creditsPerToken: Int64?

        enum CodingKeys: String, CodingKey {
            case id, aliases, kind, capabilities, model, available
            case contextLength = "context_length"
            case languagePairs = "language_pairs"
            case creditsPerToken = "credits_per_token"
        }
    }
    var engines: [Entry]
}
