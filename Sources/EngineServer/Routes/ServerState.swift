// What every route handler shares: configuration, the engines, the ledger, the Booste tasks.

import Foundation
import SynthKit

struct ServerState: Sendable {
    let configuration: EngineServerConfiguration
    let directory: EngineDirectory
    let translator: ApertiumTranslator
    let ledger: CreditsLedger
    let generator: LocalGenerator?
    let boosteTasks: BoosteTaskStore
    /// When the server started (the `created` date of the models it lists to OpenAI clients).
    let startedAt = Date()

    /// A generation request, checked (a bias on a token outside the vocabulary, a spent balance) and turned into a
    /// job: what the TextSynth and the OpenAI routes share.
    func admit(prompt: String, parameters: SamplingParameters) throws(APIError) -> (LocalGenerator, CompletionJobSpec) {
        guard let generator else { throw .unknownEngine("", available: directory.allIDs) }
        let vocabulary = generator.localModel.tokenizer.vocabularySize
        if let token = parameters.logitBias.keys.sorted().first(where: { $0 >= vocabulary }) {
            throw .invalidParameter(ValidationError(field: "logit_bias", value: "token \(token)",
                                                    allowed: "token ids 0…\(vocabulary - 1)",
                                                    problem: "names a token outside the vocabulary"))
        }
        try requireCredits()
        return (generator, generator.completionJob(prompt: prompt, parameters: parameters))
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
