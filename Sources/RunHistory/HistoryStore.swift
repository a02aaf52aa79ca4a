import Foundation
import GRDB
import SynthKit

/// The run history's SQLite database: WAL (a reader never waits for the writer; a crash mid-write loses at most
/// that write), versioned migrations, FTS5 over prompts and answers.
public final class HistoryStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating it and its directory if needed) and migrates the database at `path`. A writer that holds
    /// the database longer than `busyTimeout` seconds makes writes fail rather than wait forever.
    public init(path: String, busyTimeout: Double = 2) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // With WAL, NORMAL never corrupts: a killed process loses nothing committed, power loss at most the last runs.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try Self.open(path, configuration, busyTimeout: busyTimeout)
    }

    /// Two programs opening a new file at once race twice: switching it to WAL fails at once (no busy wait) for the
    /// one that loses, and GRDB checks which migrations are applied outside their transactions, so both may try
    /// one. Each loss is harmless: a retry sees the winner's work.
    /// A lock held past `busyTimeout` (another program writing) is not a race: it fails at once.
    private static func open(_ path: String, _ configuration: Configuration, busyTimeout: Double) throws -> DatabasePool {
        let migrator = HistorySchema.migrator
        for attempt in 1... {
            let started = ContinuousClock.now
            func lostARace() -> Bool { attempt < 5 && started.duration(to: .now) < .seconds(busyTimeout / 2) }
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                do {
                    try migrator.migrate(pool)
                } catch {
                    // Fine when another program finished the migration this one tried.
                    guard try pool.read(migrator.hasCompletedMigrations) else { throw error }
                }
                return pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && lostARace() {
                usleep(UInt32(20_000 * attempt))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && lostARace() {
                usleep(UInt32(20_000 * attempt))  // a migration lost the race half-way (table or column exists)
            }
        }
        preconditionFailure("unreachable: the last attempt throws")
    }

    /// `$XDG_DATA_HOME/synthpad/history.sqlite` (default `~/.local/share/synthpad/history.sqlite`).
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return data + "/synthpad/history.sqlite"
    }

    /// Writes `run` with every one of `secrets` scrubbed out; returns its id.
    @discardableResult
    public func insert(_ run: LoggedRun, scrubbing secrets: [String] = []) throws -> Int64 {
        let run = run.scrubbing(secrets)
        return try pool.write { db in
            try db.execute(sql: """
                INSERT INTO run (time, source, backend, baseURL, engine, kind, prompt, messages, system, parameters,
                                 answers, answerText, finishReason, inputTokens, outputTokens, timeToFirstToken,
                                 totalTime, credits, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    run.time, run.source, run.backend, run.baseURL, run.engine, run.kind, run.prompt,
                    run.messages.map(LoggedRun.json), run.system, run.parameters, LoggedRun.json(run.answers),
                    run.answers.joined(separator: "\n"), run.finishReason, run.inputTokens, run.outputTokens,
                    run.timeToFirstToken, run.totalTime, run.credits, run.error,
                ])
            return db.lastInsertedRowID
        }
    }

    /// The newest `limit` runs, newest first.
    public func recent(limit: Int) throws -> [LoggedRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.run)
        }
    }

    /// The newest `limit` runs whose prompt, system prompt or answers hold every word of `query` (FTS5).
    /// A query with no word at all is refused rather than read as "everything".
    public func search(_ query: String, limit: Int) throws -> [LoggedRun] {
        guard let pattern = FTS5Pattern(matchingAllTokensIn: query) else { throw HistoryError.emptyQuery(query) }
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT run.* FROM run JOIN runSearch ON runSearch.rowid = run.id
                WHERE runSearch MATCH ? ORDER BY run.id DESC LIMIT ?
                """, arguments: [pattern, limit]).map(Self.run)
        }
    }

    /// The same search without the index, by `LIKE` on every word: what FTS saves (`make bench-history`).
    public func scan(_ query: String, limit: Int) throws -> [LoggedRun] {
        let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw HistoryError.emptyQuery(query) }
        let condition = words.map { _ in "(prompt LIKE ? OR system LIKE ? OR answerText LIKE ?)" }
            .joined(separator: " AND ")
        let patterns: [(any DatabaseValueConvertible)?] = words.flatMap { word in Array(repeating: "%\(word)%", count: 3) }
        let arguments = StatementArguments(patterns + [limit])
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE \(condition) ORDER BY id DESC LIMIT ?",
                             arguments: arguments).map(Self.run)
        }
    }

    /// The newest runs `query` asks for. Its words match as prefixes (FTS5), so each keystroke narrows the list; a
    /// query with no word in it (empty, or only punctuation) filters by the rest alone.
    public func find(_ query: HistoryQuery, now: Date = Date()) throws -> [LoggedRun] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        var from = "run"
        if let pattern = FTS5Pattern(matchingAllPrefixesIn: query.text) {
            from = "run JOIN runSearch ON runSearch.rowid = run.id"
            conditions.append("runSearch MATCH ?")
            arguments.append(pattern)
        }
        if let engine = query.engine {
            conditions.append("run.engine = ?")
            arguments.append(engine)
        }
        if let source = query.source {
            conditions.append("run.source = ?")
            arguments.append(source)
        }
        if let since = query.period.since(now) {
            conditions.append("run.time >= ?")
            arguments.append(since)
        }
        if query.starredOnly { conditions.append("run.starred") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT run.* FROM \(from) \(filter) ORDER BY run.id DESC LIMIT ?"
        let all = StatementArguments(arguments + [query.limit])
        return try pool.read { db in try Row.fetchAll(db, sql: sql, arguments: all).map(Self.run) }
    }

    /// Every engine and every source the history holds, for the filters.
    public func facets() throws -> HistoryFacets {
        try pool.read { db in
            HistoryFacets(engines: try String.fetchAll(db, sql: "SELECT DISTINCT engine FROM run ORDER BY engine"),
                          sources: try String.fetchAll(db, sql: "SELECT DISTINCT source FROM run ORDER BY source"))
        }
    }

    /// Stars or unstars a run; false when there is no such run.
    @discardableResult
    public func setStarred(_ starred: Bool, id: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET starred = ? WHERE id = ?", arguments: [starred, id])
            return db.changesCount > 0
        }
    }

    /// Records what a run cost (API units, positive = spent), measured after it was written.
    public func setCredits(_ credits: Int, id: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET credits = ? WHERE id = ?", arguments: [credits, id])
        }
    }

    /// Deletes a run (its search entry goes with it); false when there is no such run.
    @discardableResult
    public func delete(id: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// One run by id, or nil.
    public func run(id: Int64) throws -> LoggedRun? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.run)
        }
    }

    public func count() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM run") ?? 0 }
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    private static func run(_ row: Row) -> LoggedRun {
        var run = LoggedRun(
            time: row["time"], source: row["source"], backend: row["backend"], baseURL: row["baseURL"],
            engine: row["engine"], kind: row["kind"], prompt: row["prompt"],
            messages: decode((row["messages"] as String?) ?? "null"), system: row["system"],
            parameters: row["parameters"], answers: decode(row["answers"]) ?? [], finishReason: row["finishReason"],
            inputTokens: row["inputTokens"], outputTokens: row["outputTokens"],
            timeToFirstToken: row["timeToFirstToken"], totalTime: row["totalTime"], credits: row["credits"],
            error: row["error"], starred: row["starred"] ?? false)
        run.id = row["id"]
        return run
    }

    private static func decode(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String]?.self, from: Data(json.utf8))
    }
}

public enum HistoryError: Error, CustomStringConvertible, Equatable {
    case emptyQuery(String)

    public var description: String {
        switch self {
        case .emptyQuery(let query): "the search \"\(query)\" has no word to look for"
        }
    }
}
