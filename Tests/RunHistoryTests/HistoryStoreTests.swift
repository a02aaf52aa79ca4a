import Foundation
import GRDB
@testable import RunHistory
import XCTest
import SynthKit

final class HistoryStoreTests: HistoryTestCase {
    private func run(_ prompt: String, answers: [String], source: String = "complete", error: String? = nil) -> LoggedRun {
        LoggedRun(source: source, backend: "local", baseURL: "http://127.0.0.1:8080", engine: "smollm2_135M",
                  kind: "completion", prompt: prompt, parameters: #"{"max_tokens":20,"top_k":1}"#, answers: answers,
                  finishReason: "length", inputTokens: 5, outputTokens: 20, timeToFirstToken: 0.1, totalTime: 0.5,
                  credits: 3, error: error)
    }

    func testInsertedRunComesBackWhole() throws {
        let store = try HistoryStore(path: path)
        var chat = LoggedRun(source: "chat", backend: "textsynth", baseURL: "https://api.textsynth.com",
                             engine: "mistral_7B_instruct", kind: "chat", prompt: "Hi\nHello!\nHow are you?",
                             messages: ["Hi", "Hello!", "How are you?"], system: "Be brief.",
                             parameters: #"{"n":2}"#, answers: ["Fine.", "Well, thanks."], finishReason: "stop",
                             inputTokens: 30, outputTokens: 7, timeToFirstToken: 0.25, totalTime: 1.5, credits: 12)
        let id = try store.insert(chat)
        chat.id = id
        let shown = try XCTUnwrap(store.run(id: id))
        XCTAssertEqual(shown.time.timeIntervalSince1970, chat.time.timeIntervalSince1970, accuracy: 0.001)
        chat.time = shown.time
        XCTAssertEqual(shown, chat)
        XCTAssertNil(try store.run(id: id + 1))
    }

    func testRecentIsNewestFirstAndLimited() throws {
        let store = try HistoryStore(path: path)
        for index in 1...5 { try store.insert(run("prompt \(index)", answers: ["answer \(index)"])) }
        XCTAssertEqual(try store.recent(limit: 3).map(\.prompt), ["prompt 5", "prompt 4", "prompt 3"])
        XCTAssertEqual(try store.count(), 5)
    }

    func testFullTextSearchFindsPromptsAnswersAndSystemPrompts() throws {
        let store = try HistoryStore(path: path)
        try store.insert(run("The capital of France is", answers: [" Paris, a city on the Seine."]))
        try store.insert(run("Write a haiku about winter", answers: ["Snow on the old pond", "Cold moon over pines"]))
        var chat = run("Tell me a joke", answers: ["No."])
        chat.system = "You are a grumpy pirate."
        try store.insert(chat)
        XCTAssertEqual(try store.search("seine", limit: 10).map(\.prompt), ["The capital of France is"])
        XCTAssertEqual(try store.search("haiku", limit: 10).map(\.prompt), ["Write a haiku about winter"])
        XCTAssertEqual(try store.search("moon", limit: 10).count, 1, "the second of n answers is searched too")
        XCTAssertEqual(try store.search("pirate", limit: 10).map(\.prompt), ["Tell me a joke"])
        XCTAssertEqual(try store.search("capital paris", limit: 10).count, 1, "every word, anywhere in the run")
        XCTAssertEqual(try store.search("capital haiku", limit: 10).count, 0)
        XCTAssertEqual(try store.search("\"AND OR (", limit: 10).count, 0, "FTS syntax in a query is just words")
        XCTAssertThrowsError(try store.search("  ", limit: 10)) { XCTAssertEqual($0 as? HistoryError, .emptyQuery("  ")) }
        XCTAssertEqual(try store.scan("seine", limit: 10).map(\.prompt), try store.search("seine", limit: 10).map(\.prompt))
    }

    /// A database made by the first release (v1: no credits, no search index) is migrated in place, and its runs
    /// become searchable.
    func testMigratesTheFirstSchemaVersion() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path)
        var v1 = DatabaseMigrator()
        v1.registerMigration("v1: runs") { db in try HistorySchema.createRuns(db) }
        try v1.migrate(old)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO run (time, source, backend, baseURL, engine, kind, prompt, parameters, answers, answerText)
                VALUES (?, 'complete', 'local', 'http://127.0.0.1:8080', 'smollm2_135M', 'completion',
                        'Once upon a time', '{}', '["a dragon slept"]', 'a dragon slept')
                """, arguments: [Date()])
        }
        try old.close()

        let store = try HistoryStore(path: path)
        let migrated = try store.search("dragon", limit: 10)
        XCTAssertEqual(migrated.map(\.prompt), ["Once upon a time"])
        XCTAssertEqual(migrated.first?.answers, ["a dragon slept"])
        XCTAssertNil(migrated.first?.credits)
        try store.insert(run("new", answers: ["a new dragon"]))
        XCTAssertEqual(try store.search("dragon", limit: 10).map(\.prompt), ["new", "Once upon a time"])
    }

    /// Two programs (here connections) creating the history at the same moment both get a usable database.
    func testConnectionsCreatingTheFileAtOnceAllOpenIt() throws {
        for round in 0..<20 {
            let file = directory.appendingPathComponent("race-\(round).sqlite").path
            let errors = Warnings()
            let sample = run("race", answers: ["ok"])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { try HistoryStore(path: file).insert(sample) } catch { errors.add("\(error)") }
            }
            XCTAssertEqual(errors.all, [], "round \(round)")
            XCTAssertEqual(try HistoryStore(path: file).count(), 4)
        }
    }

    func testTheKeyNeverReachesTheFile() throws {
        let key = "sk-SECRET-4f9a1c2b7e"
        let store = try HistoryStore(path: path)
        var leaky = run("prompt with \(key) pasted in", answers: ["echo \(key)"], error: "401: bad key \(key)")
        leaky.baseURL = "https://user:\(key)@api.example.com/v1?key=\(key)"
        leaky.system = key
        leaky.parameters = #"{"api_key":"\#(key)"}"#
        let id = try store.insert(leaky, scrubbing: [key])
        let shown = try XCTUnwrap(store.run(id: id))
        XCTAssertEqual(shown.baseURL, "https://api.example.com/v1")
        XCTAssertEqual(shown.error, "401: bad key [key]")
        XCTAssertEqual(shown.answers, ["echo [key]"])
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(key.utf8)), "the key is in \(file)")
        }
    }
}
