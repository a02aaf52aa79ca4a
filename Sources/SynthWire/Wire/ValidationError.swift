/// A request that breaks the documented rules, caught before it reaches the network.
/// The local server answers 400 with the same text, so both ends speak the same words.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The wire name of the field, e.g. `top_k`.
    public let field: String
    /// The offending value as the user would type it.
    public let value: String
    /// What is allowed, e.g. `1…1000`.
    public let allowed: String
    /// What is wrong, e.g. `is out of range`.
    public let problem: String

    public init(field: String, value: String, allowed: String, problem: String = "is out of range") {
        self.field = field
        self.value = value
        self.allowed = allowed
        self.problem = problem
    }

    public var description: String { "\(field) = \(value) \(problem) (allowed \(allowed))" }
}

/// Something that can be checked against the documented rules before it is sent.
public protocol Validatable {
    func validate() throws(ValidationError)
}

/// Formats a number the way a user writes it: `40`, `0.9`, not `40.0`.
public func displayNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

func quoted(_ text: String, limit: Int = 40) -> String {
    let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
    return "\"\(shown)\""
}

extension Int {
    /// `value` rounded to the nearest whole number, held to Int's range (NaN is 0). `Int(someDouble)` traps on
    /// anything out of range, and a number a user typed can be anything.
    public init(saturating value: Double) {
        guard !value.isNaN else { self = 0; return }
        let rounded = value.rounded()
        if rounded >= 9.223372036854775807e18 { self = .max } else if rounded < -9.223372036854775807e18 { self = .min } else {
            self = Int(rounded)
        }
    }
}
