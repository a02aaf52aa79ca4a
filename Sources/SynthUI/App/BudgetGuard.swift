// The budget guard: before a run key sends anything, its worst case — (input tokens + max_tokens × n) × the engine's
// price — is forecast where a price is known ([prices] in the config, or the server's credits_per_token). A request
// that could take the session past `[budget] session_cap` is refused before the screen sees the key, so the prompt,
// parameters and output stay as they are; one above `confirm_above` waits for y/n. What the session spent is the
// balance's fall since the session first heard it, or, where there is no balance, the tokens runs report × price.
import Foundation
import SynthKit

/// A run key held back until the user says whether the request may cost this much.
public struct PendingSpend: Sendable, Equatable {
    public var key: KeyPress
    public var screen: AppMode
    public var worstCase: Double
}

extension AppState {
    /// Credits spent this session.
    public var sessionSpent: Double {
        if let start = sessionStartBalance, let now = credits { return max(0, start - now) + pricedSpent }
        return pricedSpent
    }

    /// What a token of `engine` costs, when anything says: the config's price first, then the server's.
    func price(of engine: EngineChoice) -> TokenPrice? {
        if let configured = budget.prices[engine.id] {
            return TokenPrice(perInputToken: configured, perOutputToken: configured)
        }
        return engine.backend == nil && engine.family == .textSynth ? tokenPrice : nil
    }

    /// The worst case of what the screen's run key would send now; nil when no price is known (or nothing runs).
    func forecast(_ screen: AppMode) -> Double? {
        switch screen {
        case .playground:
            let p = playground
            guard p.engine.family == .textSynth, let price = price(of: p.engine) else { return nil }
            let counted = p.promptTokensRevision == p.editor.revision ? p.promptTokens : nil
            return worstCase(inputTokens: counted ?? Self.tokenBound(p.editor.text), parameters: p.parameters.sampling,
                             n: p.parameters.sampling.n, price: price)
        case .chat:
            guard let c = chat, let price = price(of: c.engine) else { return nil }
            let text = c.turns.map(\.text).joined() + c.system.text + c.composer.text
            return worstCase(inputTokens: Self.tokenBound(text), parameters: c.parameterPane.values.sampling, n: 1,
                             price: price)
        case .compare:
            guard let c = compare else { return nil }
            let costs = c.columns.map { column -> Double? in
                let engine = column.variant.engine
                guard engine.family == .textSynth, let price = price(of: engine) else { return nil }
                return worstCase(inputTokens: Self.tokenBound(c.prompt), parameters: column.variant.parameters, n: 1,
                                 price: price)
            }
            let known = costs.compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, +)
        case .translate, .image, .history:
            return nil
        }
    }

    private func worstCase(inputTokens: Int, parameters: SamplingParameters, n: Int, price: TokenPrice) -> Double {
        Double(inputTokens) * price.perInputToken + Double(parameters.maxTokens * max(1, n)) * price.perOutputToken
    }

    /// At most one token per UTF-8 byte (byte-level BPE): a bound when the prompt has not been counted.
    static func tokenBound(_ text: String) -> Int { text.utf8.count }

    /// Whether `key` is one of the screen's keys that sends a completion (the same tables dispatch it): the run
    /// key, and in the playground the token inspector's branch, ban and boost, which run the request again.
    func sendsRequest(_ key: KeyPress) -> Bool {
        switch mode {
        case .playground:
            guard playground.scorer == nil, playground.presetPicker == nil else { return false }
            let p = playground
            let action = PlaygroundState.screenKeys.action(for: key, in: p) ?? p.paneKeys.action(for: key, in: p)
            return [.run, .branch, .ban, .boost].contains(action)
        case .compare: return compare.map { CompareState.keys.action(for: key, in: $0) == .runAll } ?? false
        case .chat:
            guard let c = chat else { return false }
            let action = ChatState.screenKeys.action(for: key, in: c) ?? c.paneKeys.action(for: key, in: c)
            return action == .send || action == .regenerate || action == .regenerateTurn
        case .translate, .image, .history: return false
        }
    }

    /// Whether `key` asks `/logprob` (a span, the scorer's candidates): small requests whose cost is not forecast,
    /// but which a spent cap still stops.
    func scoresText(_ key: KeyPress) -> Bool {
        guard mode == .playground else { return false }
        let p = playground
        if p.scorer != nil { return PlaygroundState.scorerKeys.action(for: key, in: p) == .score }
        return p.presetPicker == nil && p.paneKeys.action(for: key, in: p) == .scoreSpan
    }

    /// The guard in front of a screen's keys that send requests: true when the key may go on to the screen now.
    mutating func budgetAllows(_ key: KeyPress) -> Bool {
        let sends = sendsRequest(key)
        guard sends || scoresText(key) else { return true }
        let cost = sends ? forecast(mode) : nil
        if let cap = budget.sessionCap, sessionSpent + (cost ?? 0) > cap || sessionSpent >= cap {
            let what = cost.map { "this request could cost up to \(formatCredits($0)) credits and " } ?? ""
            tellScreen(Notice("not sent: \(what)this session has spent \(formatCredits(sessionSpent)) of its "
                              + "\(formatCredits(cap)) cap ([budget] session_cap)", isError: true))
            return false
        }
        if let cost, let threshold = budget.confirmAbove, cost > threshold {
            pendingSpend = PendingSpend(key: key, screen: mode, worstCase: cost)
            return false
        }
        return true
    }

    /// y sends the held-back request from its screen; any other key drops it (nothing was changed).
    mutating func answerSpend(_ key: KeyPress, effects: inout [Effect]) {
        guard let pending = pendingSpend else { return }
        pendingSpend = nil
        guard key == .char("y") || key == .char("Y"), mode == pending.screen else {
            tellScreen(Notice("not sent"))
            return
        }
        dispatchToScreen(pending.key, effects: &effects)
    }

    /// The hint beside the run key: what the request could cost at most.
    func forecastHint() -> String? {
        forecast(mode).map { "≤\(formatCredits($0)) cr" }
    }

    /// The status bar hint of the screen's run key (the forecast goes right after it).
    var runHint: String? {
        switch mode {
        case .playground: PlaygroundState.screenKeys.bindings.first { $0.action == .run }?.hint
        case .compare: CompareState.keys.bindings.first { $0.action == .runAll }?.hint
        case .chat: ChatState.screenKeys.bindings.first { $0.action == .send }?.hint
        case .translate, .image, .history: nil
        }
    }

    /// The first balance a session hears starts its spending; a priced request's actual tokens are charged when it
    /// ends (on a backend that reports no balance).
    mutating func noteBalance(_ balance: Double?) {
        if sessionStartBalance == nil, let balance { sessionStartBalance = balance }
    }

    mutating func notePricedRequests(_ effects: [Effect]) {
        for case .startCompletion(let request, let snapshot) in effects where credits == nil {
            let engine = engines.first { $0.id == snapshot.engine && ($0.backend ?? backendName) == snapshot.backend }
                ?? EngineChoice(id: snapshot.engine, displayName: snapshot.engine, contextLength: 0, family: snapshot.family)
            if let price = price(of: engine) { pricedRequests[request] = price }
        }
    }

    mutating func chargeFinished(_ request: RequestKey, stats: CompletionStats) {
        guard let price = pricedRequests.removeValue(forKey: request) else { return }
        pricedSpent += price.cost(inputTokens: stats.inputTokens, outputTokens: stats.outputTokens)
    }
}

enum SpendQuestion {
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        guard let pending = state.pendingSpend else { return }
        let cap = state.budget.sessionCap.map { " (spent \(formatCredits(state.sessionSpent)) of \(formatCredits($0)))" } ?? ""
        QuestionBox.draw("This request could cost up to \(formatCredits(pending.worstCase)) credits\(cap). Send it? y / n",
                         title: "Budget", state: state, into: &grid)
    }
}
