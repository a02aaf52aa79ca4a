import Foundation

/// Which runs the history screen lists: words to find (every one, as a prefix, so it narrows as you type), and
/// filters on engine, screen or command, age and star. Built by the UI, answered by the runtime from the database.
public struct HistoryQuery: Sendable, Equatable {
    public var text: String
    public var engine: String?
    /// The screen or command that sent the run (`LoggedRun.source`).
    public var source: String?
    public var period: HistoryPeriod
    public var starredOnly: Bool
    public var limit: Int

    public init(text: String = "", engine: String? = nil, source: String? = nil, period: HistoryPeriod = .any,
                starredOnly: Bool = false, limit: Int = 200) {
        self.text = text
        self.engine = engine
        self.source = source
        self.period = period
        self.starredOnly = starredOnly
        self.limit = limit
    }
}

/// How far back the history screen looks.
public enum HistoryPeriod: String, Sendable, Equatable, CaseIterable {
    case any, day, week, month

    /// The oldest time a run may have, counted back from `now`; nil for any time.
    public func since(_ now: Date) -> Date? {
        switch self {
        case .any: nil
        case .day: now.addingTimeInterval(-86_400)
        case .week: now.addingTimeInterval(-7 * 86_400)
        case .month: now.addingTimeInterval(-30 * 86_400)
        }
    }

    /// As the filter line names it.
    public var label: String {
        switch self {
        case .any: "any time"
        case .day: "last 24 h"
        case .week: "last 7 days"
        case .month: "last 30 days"
        }
    }
}

/// The engines and sources the whole history holds: what the screen's filters cycle through.
public struct HistoryFacets: Sendable, Equatable {
    public var engines: [String]
    public var sources: [String]
    public init(engines: [String] = [], sources: [String] = []) {
        self.engines = engines
        self.sources = sources
    }
}
