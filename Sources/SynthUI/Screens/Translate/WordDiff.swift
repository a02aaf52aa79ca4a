// A word-level diff (longest common subsequence) between an original and its round-trip translation.

public struct DiffRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case same
        /// In the round trip, not in the original.
        case added
        /// In the original, lost on the round trip.
        case removed
    }
    public var kind: Kind
    public var words: [String]
    public init(_ kind: Kind, _ words: [String]) {
        self.kind = kind
        self.words = words
    }
    public var text: String { words.joined(separator: " ") }
}

public enum WordDiff {
    /// Words split at whitespace.
    public static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// The runs turning `original` into `revised`, words compared exactly. Removed words come before added ones
    /// where both happen at the same place.
    public static func diff(_ original: String, _ revised: String) -> [DiffRun] {
        diff(words: words(original), words(revised))
    }

    public static func diff(words a: [String], _ b: [String]) -> [DiffRun] {
        let n = a.count, m = b.count
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var runs: [DiffRun] = []
        func add(_ kind: DiffRun.Kind, _ word: String) {
            if let last = runs.last, last.kind == kind { runs[runs.count - 1].words.append(word) } else {
                runs.append(DiffRun(kind, [word]))
            }
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                add(.same, a[i]); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                add(.removed, a[i]); i += 1
            } else {
                add(.added, b[j]); j += 1
            }
        }
        return runs
    }

    /// Share of the original's words that came back unchanged (1 when the original is empty).
    public static func similarity(_ runs: [DiffRun]) -> Double {
        let same = runs.filter { $0.kind == .same }.reduce(0) { $0 + $1.words.count }
        let original = runs.filter { $0.kind != .added }.reduce(0) { $0 + $1.words.count }
        return original == 0 ? 1 : Double(same) / Double(original)
    }
}
