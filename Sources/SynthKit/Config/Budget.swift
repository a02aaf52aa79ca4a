import TOMLKit

/// What the user lets a TUI session spend (`[budget]`) and what the cloud's engines cost (`[prices]`, credits per
/// token, for engines whose server lists no `credits_per_token`):
/// ```toml
/// [budget]
/// session_cap = 5         # credits this session may spend; a request that could pass it is refused
/// confirm_above = 0.5     # a request that could cost more asks y/n first
///
/// [prices]
/// gptj_6B = 0.0001
/// ```
public struct Budget: Sendable, Equatable {
    public var sessionCap: Double?
    public var confirmAbove: Double?
    /// Credits per token (input and output alike), by engine id.
    public var prices: [String: Double]

    public init(sessionCap: Double? = nil, confirmAbove: Double? = nil, prices: [String: Double] = [:]) {
        self.sessionCap = sessionCap
        self.confirmAbove = confirmAbove
        self.prices = prices
    }

    static let keys = ["confirm_above", "session_cap"]
}

extension ConfigReader {
    /// `[budget]`: two non-negative amounts of credits, nothing else.
    func budget(_ table: TOMLTable, into budget: inout Budget) throws(ConfigError) {
        for key in table.keys.sorted() where !Budget.keys.contains(key) {
            throw error("unknown key \"\(key)\" in [budget] (known: \(Budget.keys.joined(separator: ", ")))", key: key)
        }
        budget.sessionCap = try credits(table, "session_cap")
        budget.confirmAbove = try credits(table, "confirm_above")
    }

    /// `[prices]`: engine id = credits per token.
    func prices(_ table: TOMLTable) throws(ConfigError) -> [String: Double] {
        var prices: [String: Double] = [:]
        for id in table.keys.sorted() { prices[id] = try credits(table, id, what: "a price in credits per token") }
        return prices
    }

    private func credits(_ table: TOMLTable, _ key: String, what: String = "an amount of credits")
        throws(ConfigError) -> Double? {
        guard let value = try number(table, key) else { return nil }
        guard value.isFinite, value >= 0 else { throw error("\(key) = \(value) must be \(what), 0 or more", key: key) }
        return value
    }
}
