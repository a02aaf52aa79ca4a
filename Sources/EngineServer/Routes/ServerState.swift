// What every route handler shares: configuration, the engines, the ledger, the Booste tasks.

import Foundation

struct ServerState: Sendable {
    let configuration: EngineServerConfiguration
    let directory: EngineDirectory
    let translator: ApertiumTranslator
    let ledger: CreditsLedger
    let generator: LocalGenerator?
    let boosteTasks: BoosteTaskStore
    /// When the server started (the `created` date of the models it lists to OpenAI clients).
    let startedAt = Date()

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
