import XCTest
import SynthKit
@testable import SynthUI

final class CompareTests: XCTestCase {
    func testRunAllStartsOneCompletionPerColumnWithTheSamePrompt() {
        var s = CompareState.sample(count: 3)
        s.send(.setParameter(columnIndex: 1, spec: .temperature, value: 0.3))
        let effects = s.send(.runAll)
        let starts = effects.compactMap { e -> (Int, CompletionSnapshot)? in
            if case .startCompletion(let id, let snap) = e { return (id, snap) }
            return nil
        }
        XCTAssertEqual(starts.map(\.0), s.columns.map(\.id))
        XCTAssertEqual(Set(starts.map(\.1.id)).count, 3, "every column has its own request id")
        XCTAssertTrue(starts.allSatisfy { $0.1.prompt == "Once upon a time" && $0.1.engine == "gptj_6B" })
        XCTAssertEqual(starts[1].1.parameters.temperature, 0.3)
        XCTAssertEqual(starts[0].1.parameters.temperature, 1)
        XCTAssertTrue(s.isRunning)
        XCTAssertTrue(s.send(.runAll).isEmpty, "a second run waits for the first")
    }

    func testColumnsStreamIndependentlyAndStaleRequestsAreIgnored() {
        var s = CompareState.sample(count: 2)
        let runs = s.runAll()
        s.send(.chunk(columnID: runs[1].column, requestID: runs[1].request, text: "second"))
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "first"))
        s.send(.chunk(columnID: runs[0].column, requestID: runs[1].request, text: "WRONG"))
        XCTAssertEqual(s.columns.map(\.text), ["first", "second"])
        s.send(.finished(columnID: runs[0].column, requestID: runs[0].request,
                         stats: CompletionStats(inputTokens: 4, outputTokens: 20, finishReason: "length",
                                                timeToFirstToken: 0.5, totalTime: 1.5)))
        XCTAssertEqual(s.columns[0].phase, .finished)
        XCTAssertEqual(s.columns[1].phase, .streaming(requestID: runs[1].request))
        // Cancelling and running again: chunks of the old requests no longer land.
        let cancel = s.send(.cancelAll)
        XCTAssertEqual(cancel, [.cancelRequest(id: runs[1].request), .refreshCredits])
        let again = s.runAll()
        s.send(.chunk(columnID: runs[1].column, requestID: runs[1].request, text: "late"))
        XCTAssertEqual(s.columns[1].text, "")
        s.send(.chunk(columnID: again[1].column, requestID: again[1].request, text: "new"))
        XCTAssertEqual(s.columns[1].text, "new")
    }

    func testStatsAndCreditsPerColumn() {
        var s = CompareState.sample(count: 2)
        let runs = s.runAll()
        let stats = CompletionStats(inputTokens: 100, outputTokens: 50, finishReason: "stop", timeToFirstToken: 0.25,
                                    totalTime: 1.25)
        s.send(.finished(columnID: runs[0].column, requestID: runs[0].request, stats: stats))
        let last = s.send(.finished(columnID: runs[1].column, requestID: runs[1].request, stats: stats))
        XCTAssertEqual(last, [.refreshCredits], "credits are refreshed once every column has ended")
        // 100 × 0.00001 + 50 × 0.00002 = 0.002
        XCTAssertEqual(s.columns[0].creditsSpent ?? 0, 0.002, accuracy: 1e-12)
        XCTAssertEqual(CompareView.statsText(s.columns[0]), "0.25s · 50.0 tok/s · 50 tok · stop · 0.002000 cr")
        // A measured change wins over the estimate, and only for its own request.
        s.send(.creditsMeasured(columnID: runs[1].column, requestID: runs[1].request, change: -0.0031))
        s.send(.creditsMeasured(columnID: runs[0].column, requestID: 12345, change: -9))
        XCTAssertEqual(s.columns[1].creditsSpent ?? 0, 0.0031, accuracy: 1e-12)
        XCTAssertEqual(s.columns[0].creditsSpent ?? 0, 0.002, accuracy: 1e-12)
        XCTAssertEqual(s.totalCredits ?? 0, 0.0051, accuracy: 1e-12)
    }

    func testAParameterTheEngineRejectsFailsOnlyThatColumn() {
        var s = CompareState.sample(count: 3)
        s.send(.setParameter(columnIndex: 1, spec: .topK, value: 5000))
        s.send(.setParameter(columnIndex: 2, spec: .maxTokens, value: 4000))  // gptj_6B holds 2048
        let runs = s.runAll()
        XCTAssertEqual(runs.map(\.column), [s.columns[0].id], "only the valid column is sent")
        XCTAssertEqual(s.columns[1].phase, .failed(message: "top_k = 5000 is out of range (allowed 1…1000)", status: nil))
        guard case .failed(let message, _) = s.columns[2].phase else { return XCTFail("column 3 should fail") }
        XCTAssertTrue(message.contains("max_tokens = 4000"), message)
        XCTAssertEqual(s.columns[0].phase, .waiting(requestID: runs[0].request))
    }

    func testRateLimitAndDroppedStreamStayInTheirColumns() {
        var s = CompareState.sample(count: 3)
        let runs = s.runAll()
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "partial "))
        s.send(.failed(columnID: runs[0].column, requestID: runs[0].request, message: "connection dropped", status: nil))
        s.send(.failed(columnID: runs[1].column, requestID: runs[1].request, message: "too many requests", status: 429))
        s.send(.chunk(columnID: runs[2].column, requestID: runs[2].request, text: "still going"))
        XCTAssertEqual(s.columns[0].errorMessage, "connection dropped")
        XCTAssertEqual(s.columns[0].text, "partial ", "what arrived before the drop is kept")
        XCTAssertEqual(s.columns[1].errorMessage, "429 rate limited: too many requests")
        XCTAssertEqual(s.columns[2].phase, .streaming(requestID: runs[2].request))
        XCTAssertEqual(s.columns[2].text, "still going")
        let grid = s.grid
        XCTAssertTrue(grid.text.contains("✗ 429 rate limited"))
        XCTAssertTrue(grid.text.contains("still going"))
    }

    func testAddDuplicateRemoveKeepTwoToSixColumns() {
        var s = CompareState.sample(count: 2)
        s.send(.setParameter(columnIndex: 1, spec: .temperature, value: 0.4))
        s.send(.duplicateColumn(index: 1))
        XCTAssertEqual(s.columns.count, 3)
        XCTAssertEqual(s.columns[2].variant.parameters.temperature, 0.4)
        XCTAssertEqual(s.focusedColumn, 2)
        for _ in 0..<5 { s.send(.addColumn) }
        XCTAssertEqual(s.columns.count, 6)
        XCTAssertEqual(s.notice, "at most 6 columns")
        XCTAssertEqual(Set(s.columns.map(\.id)).count, 6, "ids stay unique")
        for _ in 0..<6 { s.send(.removeColumn(index: 0)) }
        XCTAssertEqual(s.columns.count, 2)
        XCTAssertEqual(s.notice, "at least 2 columns")
        // Removing a running column cancels its request.
        let runs = s.runAll()
        s.send(.addColumn)
        let effects = s.send(.removeColumn(index: 0))
        XCTAssertEqual(effects, [.cancelRequest(id: runs[0].request)])
    }

    func testKeysEditTheFocusedColumn() {
        var s = CompareState.sample(count: 3)
        s.press(.right)
        XCTAssertEqual(s.focusedColumn, 1)
        XCTAssertEqual(s.selectedParameter, .temperature)
        s.press(.character("-"))
        s.press(.character("-"))
        XCTAssertEqual(s.columns[1].variant.parameters.temperature, 0.9, accuracy: 1e-9)
        s.press(.character("]"))
        XCTAssertEqual(s.selectedParameter, .topK)
        s.press(.character("+"))
        XCTAssertEqual(s.columns[1].variant.parameters.topK, 41)
        XCTAssertEqual(s.columns[0].variant.parameters.topK, 40, "other columns are untouched")
        s.press(.character("3"))
        XCTAssertEqual(s.focusedColumn, 2)
        XCTAssertEqual(s.press(.character("p")), [.promoteToPlayground(s.columns[2].variant)])
        s.press(.left)
        XCTAssertEqual(s.send(.promoteFocused), [.promoteToPlayground(s.columns[1].variant)])
    }

    func testEngineCyclesPerColumn() {
        var s = CompareState(prompt: "p", base: .sample(), count: 2, engines: EngineChoice.textSynthEngines)
        s.press(.character("e"))
        XCTAssertEqual(s.columns[0].variant.engine.id, EngineChoice.textSynthEngines[1].id)
        XCTAssertEqual(s.columns[1].variant.engine.id, "gptj_6B")
        s.press(.character("E"))
        s.press(.character("E"))
        XCTAssertEqual(s.columns[0].variant.engine.id, EngineChoice.textSynthEngines.last?.id)
        let starts = s.send(.runAll).compactMap { e -> String? in
            if case .startCompletion(_, let snap) = e { return snap.engine }
            return nil
        }
        XCTAssertEqual(starts, [EngineChoice.textSynthEngines.last!.id, "gptj_6B"])
    }

    func testVariantStartsFromThePlayground() {
        var app = AppState.sample()
        app.parameters.sampling.temperature = 0.65
        let variant = CompareVariant(playground: app.playground)
        XCTAssertEqual(variant.backend, "textsynth")
        XCTAssertEqual(variant.engine.id, "gptj_6B")
        XCTAssertEqual(variant.parameters.temperature, 0.65)
    }
}
