// The compare screen as one value: the prompt, 2…6 columns, which one has focus, and how they are laid out.
import SynthKit

public struct CompareState: Sendable, Equatable {
    public static let minColumns = 2
    public static let maxColumns = 6

    /// How narrow screens show the columns.
    public enum NarrowMode: Sendable, Equatable {
        /// Stacked rows when they fit, a pager otherwise.
        case automatic
        /// Always one column at a time with a tab strip.
        case pager
    }

    public var prompt: String
    public internal(set) var columns: [CompareColumn]
    public var focusedColumn: Int = 0
    /// The parameter `+`/`-` change in the focused column.
    public var selectedParameter: ParameterSpec = .temperature
    /// The last sweep applied; its parameter is shown in every column's header.
    public var sweep: ParameterSweep?
    /// Mark divergence against the first column (pairwise) instead of the point where all columns part.
    public var divergenceAgainstFirst: Bool = false
    public var narrowMode: NarrowMode = .automatic
    /// The engines `e` cycles a column through (the playground's list for the current backend).
    public var engines: [EngineChoice]
    /// A message for the status line (e.g. "at most 6 columns").
    public var notice: String?
    /// The sweep being typed (`s`): `temperature=0.2,0.7,1.2` or `top_k=10..50`.
    public var sweepInput: PromptEditor?
    public var nextRequestID: Int
    var nextColumnID: Int = 1
    /// The width outputs are currently wrapped at (set by `layout`/resize).
    var wrapWidth: Int = 40
    /// The area the screen was last laid out in (from `.resize`).
    public internal(set) var viewRect: Rect = .zero
    /// The beginning all columns with text share, and each one's with the first (kept as chunks arrive).
    var sharedByAll: SharedPrefix?
    var sharedWithFirst: [SharedPrefix] = []

    /// Starts with `count` copies of `base` (the playground's settings).
    /// - Parameter firstRequestID: this screen's first request serial (replies are addressed by screen, see RequestKey).
    public init(prompt: String, base: CompareVariant, count: Int = 2, engines: [EngineChoice] = [],
                firstRequestID: Int = 1) {
        self.prompt = prompt
        self.engines = engines.isEmpty ? [base.engine] : engines
        self.nextRequestID = firstRequestID
        self.columns = []
        for _ in 0..<min(max(count, Self.minColumns), Self.maxColumns) { appendColumn(base) }
    }

    public var focused: CompareColumn? { columns.indices.contains(focusedColumn) ? columns[focusedColumn] : nil }

    public func column(id: Int) -> CompareColumn? { columns.first { $0.id == id } }

    public var isRunning: Bool { columns.contains { $0.phase.isInFlight } }

    /// The parameters whose values differ between columns (in panel order): a header shows each of them, whatever
    /// parameter `[` `]` selected, so that no difference between the columns is ever hidden.
    public var differingParameters: [ParameterSpec] {
        ParameterSpec.all.filter { spec in
            Set(columns.map { $0.variant.parameters.value(of: spec) ?? spec.defaultValue }).count > 1
        }
    }

    /// Credits spent by the last run of every column that knows its cost.
    public var totalCredits: Double? {
        let known = columns.compactMap(\.creditsSpent)
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    /// The grapheme offset each column departs from the others at (see `FirstDivergence.marks`). Columns without
    /// text (failed, not started) take no part: an empty output would otherwise share nothing with anyone.
    public var divergence: [Int?] { divergenceMarks.map { $0?.graphemes } }

    /// Each column's departure point in graphemes and as a UTF-8 offset, from the incrementally kept prefixes.
    var divergenceMarks: [(graphemes: Int, utf8: Int)?] {
        var lengths: [Int: Int] = [:]
        for column in columns { lengths[column.id] = column.output.text.utf8.count }
        func marks(_ prefix: SharedPrefix) -> [Int: (graphemes: Int, utf8: Int)] {
            var byID: [Int: (graphemes: Int, utf8: Int)] = [:]
            for (k, mark) in prefix.marks(textLengths: prefix.members.map { lengths[$0] ?? 0 }).enumerated() {
                if let mark { byID[prefix.members[k]] = mark }
            }
            return byID
        }
        var result = sharedByAll.map(marks) ?? [:]
        if divergenceAgainstFirst {
            // The first column is the reference the others are measured against: it departs from nothing.
            if let pair = sharedWithFirst.first { let reference: Int = pair.members[0]; result.removeValue(forKey: reference) }
            for pair in sharedWithFirst { result[pair.members[1]] = marks(pair)[pair.members[1]] }
        }
        return columns.map { result[$0.id] }
    }

    /// Brings the shared beginnings up to date with the columns' texts: O(new text) while streaming.
    mutating func refreshDivergence() {
        let speaking = columns.filter { !$0.output.text.isEmpty }
        let ids = speaking.map(\.id)
        let texts = Dictionary(uniqueKeysWithValues: speaking.map { ($0.id, $0.output.text) })
        let complete = Dictionary(uniqueKeysWithValues: speaking.map { ($0.id, !$0.phase.isInFlight) })
        func advance(_ prefix: inout SharedPrefix) {
            prefix.advance(texts: prefix.members.map { texts[$0]! }, complete: prefix.members.map { complete[$0]! })
        }
        if sharedByAll?.members != ids { sharedByAll = SharedPrefix(members: ids) }
        advance(&sharedByAll!)
        guard let first = ids.first else { sharedWithFirst = []; return }
        sharedWithFirst = ids.dropFirst().map { id in
            var pair = sharedWithFirst.first { $0.members == [first, id] } ?? SharedPrefix(members: [first, id])
            advance(&pair)
            return pair
        }
    }

    // MARK: Columns

    @discardableResult
    mutating func appendColumn(_ variant: CompareVariant) -> Bool {
        guard columns.count < Self.maxColumns else {
            notice = "at most \(Self.maxColumns) columns"
            return false
        }
        columns.append(CompareColumn(id: nextColumnID, variant: variant, wrapWidth: wrapWidth))
        nextColumnID += 1
        return true
    }

    mutating func removeColumn(at index: Int) -> Bool {
        guard columns.indices.contains(index) else { return false }
        guard columns.count > Self.minColumns else {
            notice = "at least \(Self.minColumns) columns"
            return false
        }
        columns.remove(at: index)
        focusedColumn = min(focusedColumn, columns.count - 1)
        return true
    }

    /// Replaces every column with fresh ones for these variants (outputs cleared).
    mutating func replaceColumns(with variants: [CompareVariant]) {
        columns = []
        for v in variants.prefix(Self.maxColumns) { appendColumn(v) }
        focusedColumn = 0
    }

    /// Gives `price` to the columns running on `backend` that have none.
    mutating func learnPrice(_ price: TokenPrice, backend: String) {
        for i in columns.indices where columns[i].variant.backend == backend && columns[i].variant.price == nil {
            columns[i].variant.price = price
        }
    }

    mutating func withColumn(id: Int, _ change: (inout CompareColumn) -> Void) {
        guard let i = columns.firstIndex(where: { $0.id == id }) else { return }
        change(&columns[i])
    }

    mutating func withColumn(at index: Int, _ change: (inout CompareColumn) -> Void) {
        guard columns.indices.contains(index) else { return }
        change(&columns[index])
    }

    /// Rewraps every output for a new column width (once per resize, not per chunk).
    public mutating func rewrap(width: Int) {
        wrapWidth = max(1, width)
        for i in columns.indices { columns[i].output.rewrap(width: wrapWidth) }
    }
}
