// What every route handler shares: configuration, the engines, the ledger, the Booste tasks.

import Foundation
import SynthWire

struct ServerState: Sendable {
    let configuration: EngineServerConfiguration
    let directory: EngineDirectory
    let translator: ApertiumTranslator
    let ledger: CreditsLedger
    /// The served models, the first being the default one (Booste requests that name none run there).
    let engines: [ServedEngine]
    let boosteTasks: BoosteTaskStore
    /// When the server started (the `created` date of the models it lists to OpenAI clients).
    let startedAt = Date()

    /// A generation request, checked (a bias on a token outside the vocabulary, a spent balance) and turned into a
    /// job: what the TextSynth and the OpenAI routes share.
    func admit(_ generator: LocalGenerator, prompt: String, parameters: SamplingParameters)
        throws(APIError) -> CompletionJobSpec
    {
        let vocabulary = generator.localModel.tokenizer.vocabularySize
        if let token = parameters.logitBias.keys.sorted().first(where: { $0 >= vocabulary }) {
            throw .invalidParameter(ValidationError(field: "logit_bias", value: "token \(token)",
                                                    allowed: "token ids 0…\(vocabulary - 1)",
                                                    problem: "names a token outside the vocabulary"))
        }
        try requireCredits()
        return generator.completionJob(prompt: prompt, parameters: parameters)
    }

    /// The model served as `engine`, checked to serve `endpoint`; an unknown id, or the translator's, is refused
    /// naming the engines that exist.
    func generator(_ engine: String, for endpoint: EngineEndpoint) throws(APIError) -> LocalGenerator {
        try directory.check(engine, for: endpoint)
        guard let served = servedEngine(engine) else { throw .unknownEngine(engine, available: directory.allIDs) }
        return served.generator
    }

    /// The model answering to `id` (its engine id or an alias), if any.
    func servedEngine(_ id: String) -> ServedEngine? {
        engines.first { $0.ids.contains(id) }
    }

    /// Refuses work that costs credits once the balance is spent (402).
    func requireCredits() throws(APIError) {
        if ledger.isExhausted { throw .creditsExhausted }
    }

    /// Charges what a translation used (model jobs are charged by the scheduler as they end). A failure to save
    /// the balance never spoils an answer already computed.
    func charge(inputTokens: Int, outputTokens: Int) {
        _ = try? ledger.charge(tokens: inputTokens + outputTokens)
    }
}
