import Foundation
import GRDB
@testable import RunHistory
import SynthKit
import XCTest

/// What the history screen asks of the store: prefix search with filters, stars, deletion, credits added later,
/// and the v2 → v3 migration that brought the star.
final class HistoryBrowsingTests: HistoryTestCase {
    private func run(_ prompt: String, engine: String = "smollm2_135M", source: String = "playground",
                     time: Date = Date()) -> LoggedRun {
        LoggedRun(time: time, source: source, backend: "local", baseURL: "http://127.0.0.1:8080", engine: engine,
                  kind: "completion", prompt: prompt, answers: ["answer to " + prompt])
    }

    func testFindNarrowsByPrefixesAndFilters() throws {
        let store = try HistoryStore(path: path)
        let now = Date()
        try store.insert(run("The capital of France", time: now.addingTimeInterval(-10 * 86_400)))
        try store.insert(run("The capital of Spain", engine: "gptj_6B", source: "compare"))
        try store.insert(run("A haiku about rain", source: "chat"))
        XCTAssertEqual(try store.find(HistoryQuery(text: "capi"), now: now).map(\.prompt),
                       ["The capital of Spain", "The capital of France"], "a prefix matches while it is typed")
        XCTAssertEqual(try store.find(HistoryQuery(text: "capital fra"), now: now).map(\.prompt), ["The capital of France"])
        XCTAssertEqual(try store.find(HistoryQuery(text: "(\""), now: now).count, 3, "no word: every run")
        XCTAssertEqual(try store.find(HistoryQuery(engine: "gptj_6B"), now: now).map(\.prompt), ["The capital of Spain"])
        XCTAssertEqual(try store.find(HistoryQuery(source: "chat"), now: now).map(\.prompt), ["A haiku about rain"])
        XCTAssertEqual(try store.find(HistoryQuery(text: "capital", period: .week), now: now).map(\.prompt),
                       ["The capital of Spain"])
        XCTAssertEqual(try store.find(HistoryQuery(limit: 1), now: now).map(\.prompt), ["A haiku about rain"])
        XCTAssertEqual(try store.facets(), HistoryFacets(engines: ["gptj_6B", "smollm2_135M"],
                                                         sources: ["chat", "compare", "playground"]))
    }

    func testStarsAndDeletions() throws {
        let store = try HistoryStore(path: path)
        let first = try store.insert(run("kept"))
        let second = try store.insert(run("dropped"))
        XCTAssertTrue(try store.setStarred(true, id: first))
        XCTAssertEqual(try store.run(id: first)?.starred, true)
        XCTAssertEqual(try store.find(HistoryQuery(starredOnly: true)).map(\.prompt), ["kept"])
        XCTAssertTrue(try store.delete(id: second))
        XCTAssertFalse(try store.delete(id: second), "already gone")
        XCTAssertEqual(try store.find(HistoryQuery(text: "dropped")).count, 0, "its search entry went with it")
        XCTAssertTrue(try store.setStarred(false, id: first))
        XCTAssertEqual(try store.find(HistoryQuery(starredOnly: true)).count, 0)
    }

    /// A v2 database (credits and search, no star) keeps its runs, unstarred, and takes stars afterwards.
    func testMigratesTheSecondVersionToStars() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = try DatabaseQueue(path: path)
        try HistorySchema.migrator.migrate(db, upTo: "v2: credits and full-text search")
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO run (time, source, backend, baseURL, engine, kind, prompt, parameters, answers, answerText)
                VALUES (?, 'complete', 'local', 'http://127.0.0.1:8080', 'smollm2_135M', 'completion', 'old', '{}',
                        '["x"]', 'x')
                """, arguments: [Date()])
        }
        try db.close()
        let store = try HistoryStore(path: path)
        let migrated = try XCTUnwrap(store.find(HistoryQuery(text: "old")).first)
        XCTAssertFalse(migrated.starred)
        XCTAssertTrue(try store.setStarred(true, id: try XCTUnwrap(migrated.id)))
    }

    func testCreditsReachTheRunWhicheverComesFirst() throws {
        let log = HistoryLog(path: path) { XCTFail("warned: \($0)") }
        log.recordLater(run("written first"), tag: "playground#1")
        log.creditsLater(1200, tag: "playground#1")
        log.creditsLater(3400, tag: "compare#1")  // measured before its run was written
        log.recordLater(run("measured first"), tag: "compare#1")
        log.recordLater(run("never measured"), tag: "chat#1")
        log.flush()
        let runs = try HistoryStore(path: path).find(HistoryQuery())
        XCTAssertEqual(runs.map(\.credits), [nil, 3400, 1200])
    }
}
