import GRDB

/// The database's versions. A migration, once shipped, never changes: a new version is a new migration.
enum HistorySchema {
    static let runTable = "run"
    static let searchTable = "runSearch"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs") { db in try createRuns(db) }
        migrator.registerMigration("v2: credits and full-text search") { db in
            try db.alter(table: runTable) { t in t.add(column: "credits", .integer) }
            // External content: the text lives once, in `run`; triggers keep the index in step (and fill it now).
            try db.create(virtualTable: searchTable, using: FTS5()) { t in
                t.synchronize(withTable: runTable)
                t.tokenizer = .unicode61()
                t.column("prompt")
                t.column("system")
                t.column("answerText")
            }
        }
        migrator.registerMigration("v3: starred runs") { db in
            try db.alter(table: runTable) { t in t.add(column: "starred", .boolean).notNull().defaults(to: false) }
            try db.create(index: "run_starred", on: runTable, columns: ["starred"])
        }
        return migrator
    }

    /// The first version's table, kept as it shipped (tests migrate from it).
    static func createRuns(_ db: Database) throws {
        try db.create(table: runTable) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("time", .datetime).notNull().indexed()
            t.column("source", .text).notNull()
            t.column("backend", .text).notNull()
            t.column("baseURL", .text).notNull()
            t.column("engine", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("prompt", .text).notNull()
            t.column("messages", .text)   // JSON array
            t.column("system", .text)
            t.column("parameters", .text).notNull()  // JSON object
            t.column("answers", .text).notNull()     // JSON array
            t.column("answerText", .text).notNull()  // the answers joined, for search
            t.column("finishReason", .text)
            t.column("inputTokens", .integer)
            t.column("outputTokens", .integer)
            t.column("timeToFirstToken", .double)
            t.column("totalTime", .double)
            t.column("error", .text)
        }
    }
}
