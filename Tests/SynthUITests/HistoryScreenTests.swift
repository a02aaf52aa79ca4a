import Foundation
import SynthKit
import XCTest
@testable import SynthUI

/// The history screen: Alt-6 lists (through the runtime, as effects), typing searches, filters cycle, a run opens
/// read-only, restores into its screen and runs again, two runs diff word by word, stars and deletions go to the
/// database, and a database that cannot be read is said without stopping anything.
final class HistoryScreenTests: XCTestCase {
    static let time = Date(timeIntervalSince1970: 1_796_000_000)  // fixed: goldens show it

    static func run(_ id: Int64, _ prompt: String, answer: String, source: String = "playground",
                    engine: String = "gptj_6B", parameters: String = #"{"max_tokens":30,"temperature":0.7}"#,
                    messages: [String]? = nil, kind: String = "completion") -> LoggedRun {
        var run = LoggedRun(time: time.addingTimeInterval(Double(id) * 60), source: source, backend: "textsynth",
                            baseURL: "https://api.textsynth.com", engine: engine, kind: kind, prompt: prompt,
                            messages: messages, system: messages == nil ? nil : "Be brief.", parameters: parameters,
                            answers: [answer], finishReason: "length", inputTokens: 6, outputTokens: 30,
                            timeToFirstToken: 0.25, totalTime: 1.5, credits: 12_000)
        run.id = id
        return run
    }

    static let runs = [
        run(3, "Write a haiku about rain", answer: "Soft rain on the roof\nthe garden drinks", source: "chat",
            engine: "llama3.1_8B_instruct", messages: ["Write a haiku about rain"], kind: "chat"),
        run(2, "The capital of France is", answer: " Paris, a city on the Seine.",
            parameters: #"{"max_tokens":30,"temperature":1.2}"#),
        run(1, "The capital of France is", answer: " Paris, the city of light."),
    ]

    /// The app on the history screen, the runtime's answer to its first query given.
    static func historyScreen(columns: Int = 100, rows: Int = 30) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows)
        let effects = s.send(.key(KeyPress(.character("6"), .alt)))
        guard case .queryHistory(let serial, _) = effects.first else {
            XCTFail("Alt-6 asks for runs: \(effects)")
            return s
        }
        s.send(.history(.listed(serial: serial, runs: runs,
                                facets: HistoryFacets(engines: ["gptj_6B", "llama3.1_8B_instruct"],
                                                      sources: ["chat", "playground"]))))
        return s
    }

    func testAltSixListsNewestFirstAndTypingSearches() {
        var s = Self.historyScreen()
        XCTAssertEqual(s.mode, .history)
        XCTAssertTrue(s.screen.contains("History · 3 runs"), s.screen)
        var effects: [Effect] = []
        for c in "par" { effects = s.send(.key(.char(c))) }
        XCTAssertEqual(effects, [.queryHistory(serial: 4, HistoryQuery(text: "par"))], "each keystroke asks again")
        // An answer to an older query is dropped; the current one replaces the list.
        s.send(.history(.listed(serial: 3, runs: [], facets: HistoryFacets())))
        XCTAssertEqual(s.history.runs.count, 3)
        s.send(.history(.listed(serial: 4, runs: Array(Self.runs.dropFirst()), facets: HistoryFacets())))
        XCTAssertEqual(s.history.runs.map(\.id), [2, 1])
        XCTAssertTrue(s.screen.contains("Search: par"), s.screen)
        s.press(.escape)
        XCTAssertEqual(s.history.search.text, "", "Esc clears the search first")
        s.press(.escape)
        XCTAssertEqual(s.mode, .playground, "then leaves")
    }

    func testAClickChoosesARunAndASecondOpensIt() {
        var s = Self.historyScreen()
        let second = HistoryLayout(area: s.modeRect).list.y + 1
        s.send(.mouse(MouseEvent(.press, x: 10, y: second)))
        XCTAssertEqual(s.history.selected, 1)
        XCTAssertEqual(s.history.view, .list)
        s.send(.mouse(MouseEvent(.press, x: 10, y: second)))
        XCTAssertEqual(s.history.view, .run(2))
    }

    func testFiltersCycleThroughWhatTheHistoryHolds() {
        var s = Self.historyScreen()
        XCTAssertEqual(s.press(.function(4)).last, .queryHistory(serial: 2, HistoryQuery(engine: "gptj_6B")))
        XCTAssertEqual(s.press(.function(6)).last,
                       .queryHistory(serial: 3, HistoryQuery(engine: "gptj_6B", source: "chat")))
        XCTAssertEqual(s.press(.function(7)).last,
                       .queryHistory(serial: 4, HistoryQuery(engine: "gptj_6B", source: "chat", period: .day)))
        XCTAssertEqual(s.press(.function(8)).last,
                       .queryHistory(serial: 5, HistoryQuery(engine: "gptj_6B", source: "chat", period: .day,
                                                             starredOnly: true)))
        s.press(.function(4), .shift)
        XCTAssertNil(s.history.engine, "Shift-F4 goes back to any engine")
        XCTAssertTrue(s.screen.contains("F4 engine: any · F6 from: chat · F7 last 24 h · F8 ★ starred only"), s.screen)
    }

    func testARunOpensReadOnlyWithEverythingKept() {
        var s = Self.historyScreen()
        s.press(.down)
        s.press(.enter)
        XCTAssertEqual(s.history.view, .run(2))
        let screen = s.screen
        for expected in ["Run 2 · read-only", "from playground (completion)", "engine gptj_6B", "prompt",
                         "The capital of France is", "answer", "Paris, a city on the Seine.", "finished: length",
                         "6 tokens in", "30 out", "first token 0.25 s", "total 1.50 s", "credits 0.000012"] {
            XCTAssertTrue(screen.contains(expected), "missing \(expected):\n\(screen)")
        }
        s.press(.escape)
        XCTAssertEqual(s.history.view, .list)
        XCTAssertEqual(s.mode, .history, "Esc in a run goes back to the list, not out")
    }

    func testRestoreAndRerunPutTheRunBackIntoItsScreen() {
        var s = Self.historyScreen()
        s.press(.down)
        XCTAssertEqual(s.ctrl("o"), [])
        XCTAssertEqual(s.mode, .playground)
        XCTAssertEqual(s.playground.editor.text, "The capital of France is")
        XCTAssertEqual(s.playground.parameters.sampling.temperature, 1.2)
        XCTAssertEqual(s.playground.parameters.sampling.maxTokens, 30)
        XCTAssertEqual(s.playground.engine.id, "gptj_6B")

        var chat = Self.historyScreen()
        let effects = chat.press(.function(5))
        XCTAssertEqual(chat.mode, .chat)
        XCTAssertEqual(chat.chat?.engine.id, "llama3.1_8B_instruct")
        XCTAssertEqual(chat.chat?.system.text, "Be brief.")
        guard case .startCompletion(let key, let snapshot) = effects.first else {
            return XCTFail("F5 sends the conversation again: \(effects)")
        }
        XCTAssertEqual(key.screen, .chat)
        XCTAssertEqual(snapshot.chat?.messages, ["Write a haiku about rain"])
    }

    func testTwoRunsDiffWordByWordWithTheDepartureMarked() {
        var s = Self.historyScreen()
        s.press(.down)
        s.press(.down)
        s.ctrl("d")
        XCTAssertTrue(s.screen.contains("run 1 marked"), s.screen)
        s.press(.up)
        s.ctrl("d")
        XCTAssertEqual(s.history.view, .diff(1, 2))
        let screen = s.screen
        XCTAssertTrue(screen.contains("temperature: 0.7 → 1.2"), screen)
        XCTAssertTrue(screen.contains("the answers part at character 9 (marked)"), screen)
        GoldenFile.assertMatches(render(s), named: "history-diff-100x30")
    }

    /// Two failed runs have no answers to compare: said so, not "the same".
    func testTwoRunsWithoutAnswersSaySo() {
        let lines = HistoryDetail.diff(Self.run(1, "a", answer: ""), Self.run(2, "a", answer: "")).map(\.text)
        XCTAssertTrue(lines.contains("neither run has an answer"), "\(lines)")
    }

    func testStarAndDeleteGoToTheDatabase() {
        var s = Self.historyScreen()
        XCTAssertEqual(s.ctrl("s"), [.starRun(id: 3, starred: true)])
        s.send(.history(.starred(id: 3, true)))
        XCTAssertTrue(s.history.runs[0].starred)
        XCTAssertEqual(s.press(.delete), [], "the first Del only asks")
        XCTAssertTrue(s.screen.contains("Del again deletes run 3"), s.screen)
        XCTAssertEqual(s.press(.delete), [.deleteRun(id: 3)])
        s.send(.history(.deleted(id: 3)))
        XCTAssertEqual(s.history.runs.map(\.id), [2, 1])
    }

    func testAnUnreadableDatabaseIsSaidAndTheRestWorks() {
        var s = Self.historyScreen()
        s.send(.history(.failed("cannot read the history (history.sqlite): database is locked")))
        XCTAssertTrue(s.screen.contains("✗ cannot read the history (history.sqlite): database is locked"), s.screen)
        s.send(.key(KeyPress(.character("1"), .alt)))
        s.type("Hello")
        XCTAssertEqual(s.playground.editor.text, "Hello", "the other screens go on")
    }

    func testHelpGoldenAndEverySize() {
        var s = Self.historyScreen(columns: 80, rows: 24)
        s.press(.function(1))
        GoldenFile.assertMatches(render(s), named: "history-help-80x24")
        let text = s.helpPagesText()
        for line in HistoryState.keys.helpGroup.lines {
            XCTAssertTrue(text.contains(line.action), "help lacks \(line.action)")
        }
        var sized = Self.historyScreen()
        sized.press(.enter)
        for (columns, rows) in [(40, 12), (30, 10), (200, 60), (60, 20), (100, 30)] {
            sized.send(.resize(columns: columns, rows: rows))
            if columns >= Layout.minimumColumns {
                XCTAssertTrue(sized.screen.contains("Run 3"), "\(columns)×\(rows):\n\(sized.screen)")
            }
        }
    }

    func testListGolden() {
        GoldenFile.assertMatches(render(Self.historyScreen()), named: "history-100x30")
    }
}
