import XCTest
import SynthKit
@testable import SynthUI

final class ScreenTests: XCTestCase {
    /// A busy screen: prompt with CJK, finished output, credits, a stop string.
    func sampleScreen(columns: Int, rows: Int) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows)
        s.send(.paste("Write a haiku about autumn leaves.\n秋の葉 🍂\nOnce upon a time"))
        s.send(.tokenized(.promptLength(revision: s.editor.revision), tokens: Array(0..<23)))
        s.send(.creditsRefreshed(12.5))
        s.parameters.sampling.stop = ["\n\n"]
        // The stop row's footer is SynthUI's own text (a slider's quotes SynthKit's summaries, which may change).
        s.parameterCursor = s.parameterRows.firstIndex { $0.row == .stopStrings }!
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " there was a small fox who lived under the old oak tree."))
        s.send(.streamChunk(request: .playground(1), index: 0, text: "\nEvery morning it watched the leaves fall, red and gold."))
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats(inputTokens: 23, outputTokens: 31,
            finishReason: "stop", timeToFirstToken: 0.25, totalTime: 1.25)))
        s.send(.creditsRefreshed(12.4))
        return s
    }

    func testMainLayoutGolden80x24() {
        GoldenFile.assertMatches(render(sampleScreen(columns: 80, rows: 24)), named: "main-80x24")
    }

    func testMainLayoutGolden120x40() {
        var s = sampleScreen(columns: 120, rows: 40)
        s.focusPane(.parameters)
        GoldenFile.assertMatches(render(s), named: "main-120x40-parameters-focused")
    }

    func testEveryPaneFitsAt80x24() {
        let l = Layout(columns: 80, rows: 24)
        XCTAssertFalse(l.isTooSmall)
        for pane in Pane.allCases {
            let r = l.rect(of: pane)
            XCTAssertGreaterThanOrEqual(r.x, 0)
            XCTAssertLessThanOrEqual(r.maxX, 80)
            XCTAssertLessThanOrEqual(r.maxY, 23)
        }
        // Every parameter row is visible without scrolling at 80×24.
        XCTAssertGreaterThanOrEqual(l.parameterList.height, ParameterSpec.all.count + 2)
    }

    func testFocusCyclesWithTabAndShiftTabAndShowsInBorder() {
        var s = AppState.sample()
        XCTAssertEqual(s.focus, .prompt)
        s.press(.tab)
        XCTAssertEqual(s.focus, .parameters)
        s.press(.tab)
        XCTAssertEqual(s.focus, .output)
        s.press(.tab)
        XCTAssertEqual(s.focus, .prompt)
        s.press(.tab, .shift)
        XCTAssertEqual(s.focus, .output)
        let grid = render(s)
        let out = s.layout.output
        XCTAssertEqual(grid[out.x, out.y].style.role, .focusedBorder)
        XCTAssertEqual(grid[s.layout.prompt.x, s.layout.prompt.y].style.role, .paneBorder)
        XCTAssertNil(grid.cursor, "the text cursor shows only while the prompt has focus")
        // A click focuses the pane under it.
        s.send(.mouse(MouseEvent(.press, x: s.layout.parameters.x + 3, y: s.layout.parameters.maxY - 1)))
        XCTAssertEqual(s.focus, .parameters)
    }

    func testTinyTerminalShowsMessageAndRecovers() {
        var s = sampleScreen(columns: 80, rows: 24)
        s.send(.resize(columns: 39, rows: 11))
        let small = render(s)
        XCTAssertTrue(small.text.contains("terminal too small"))
        XCTAssertTrue(small.text.contains("need 40×12, have 39×11"))
        s.type("ignored")
        s.send(.resize(columns: 1, rows: 1))
        XCTAssertEqual(render(s).columns, 1)
        s.send(.resize(columns: 0, rows: 0))
        XCTAssertEqual(render(s).cells.count, 0)
        s.send(.resize(columns: 40, rows: 12))
        let back = render(s).text
        XCTAssertFalse(back.contains("too small"))
        XCTAssertTrue(back.contains("Prompt"))
        s.send(.resize(columns: 80, rows: 24))
        XCTAssertEqual(render(s), render(sampleScreen(columns: 80, rows: 24)))
    }

    func testHelpOverlayListsEveryBinding() {
        var s = AppState.sample(columns: 160, rows: 50)
        s.press(.function(1))
        XCTAssertTrue(s.showHelp)
        let text = render(s).text
        for group in s.helpGroups {
            for binding in group.lines {
                XCTAssertTrue(text.contains(binding.keys), "help is missing \(binding.keys)")
                XCTAssertTrue(text.contains(binding.action), "help is missing \(binding.action)")
            }
        }
        s.press(.character("x"))
        XCTAssertFalse(s.showHelp)
        XCTAssertEqual(s.editor.text, "", "the key that closes help does nothing else")
        // '?' opens help outside the editor, and types a '?' inside it.
        s.type("?")
        XCTAssertEqual(s.editor.text, "?")
        s.press(.tab)
        s.type("?")
        XCTAssertTrue(s.showHelp)
        // At 80×24 the keys of every binding are still on screen.
        var small = AppState.sample()
        small.press(.function(1))
        let smallText = small.helpPagesText()
        for binding in small.helpGroups.flatMap(\.lines) {
            XCTAssertTrue(smallText.contains(binding.keys), "80×24 help is missing \(binding.keys)")
            XCTAssertTrue(smallText.contains(binding.action), "80×24 help is missing \(binding.action)")
        }
    }

    func testQuitAsksOnlyWhileRequestInFlight() {
        var s = AppState.sample(prompt: "x")
        let idleQuit = s.ctrl("q")
        XCTAssertEqual(idleQuit.last, .quit)
        XCTAssertEqual(idleQuit.first, .saveSession(s.session))
        s.press(.function(5))
        XCTAssertEqual(s.ctrl("q"), [])
        XCTAssertTrue(s.confirmingQuit)
        XCTAssertTrue(render(s).text.contains("Quit anyway?"))
        s.press(.character("n"))
        XCTAssertFalse(s.confirmingQuit)
        XCTAssertTrue(s.phase.isInFlight)
        s.ctrl("q")
        let effects = s.press(.character("y"))
        XCTAssertEqual(effects.first, .cancelRequest(.playground(1)))
        XCTAssertEqual(effects.last, .quit)
    }

    func testStatusBarSpinnerAndStates() {
        var s = AppState.sample(prompt: "x")
        XCTAssertTrue(render(s).text.contains("● idle"))
        s.press(.function(5))
        XCTAssertTrue(render(s).text.contains("waiting"))
        let frame0 = render(s).text
        let effects = s.send(.tick(now: 100))
        XCTAssertTrue(effects.contains(.scheduleTick(after: AppState.spinnerInterval)))
        XCTAssertNotEqual(render(s).text, frame0, "the spinner moved")
        s.send(.streamChunk(request: .playground(1), index: 0, text: "y"))
        XCTAssertTrue(render(s).text.contains("streaming"))
        s.press(.escape)
        XCTAssertTrue(render(s).text.contains("● idle"))
        XCTAssertEqual(s.send(.tick(now: 100.05)).filter { $0 == .scheduleTick(after: AppState.spinnerInterval) }, [],
                       "no spinner ticks when idle")
    }

    func testTokenizeAndAutosaveAreDebounced() {
        var s = AppState.sample()
        s.send(.tick(now: 10))
        let first = s.send(.key(.char("a")))
        XCTAssertEqual(first, [.scheduleTick(after: PlaygroundState.tokenizeDelay), .scheduleTick(after: PlaygroundState.saveDelay)])
        XCTAssertEqual(s.send(.key(.char("b"))), [], "already scheduled")
        guard case .scheduleTick(let wait)? = s.send(.tick(now: 10.2)).first else { return XCTFail("re-asks for a tick") }
        XCTAssertEqual(wait, 0.2, accuracy: 1e-9)
        let due = s.send(.tick(now: 10.4))
        XCTAssertEqual(due.first, .tokenize(text: "ab", engine: "gptj_6B", purpose: .promptLength(revision: 2)))
        XCTAssertEqual(due.count, 2, "and a tick for the save still pending")
        s.send(.tokenized(.promptLength(revision: 1), tokens: [1]))
        XCTAssertNil(s.promptTokens, "an answer for older text is ignored")
        s.send(.tokenized(.promptLength(revision: 2), tokens: [1, 2]))
        XCTAssertEqual(s.promptTokens, 2)
        XCTAssertTrue(render(s).text.contains("Prompt · 2/2048 tokens"))
        let save = s.send(.tick(now: 11))
        XCTAssertEqual(save, [.saveSession(s.session)])
        // Prompt plus max_tokens past the context length is flagged.
        s.send(.tokenized(.promptLength(revision: 2), tokens: Array(repeating: 7, count: 1990)))
        XCTAssertTrue(render(s).text.contains("1990/2048 tokens ⚠ over context"))
    }

    func testATickThatOnlyRunsTheTokenizerStillAsksForTheSpinnersNextStep() {
        // The runtime keeps one tick deadline: a tick that is not the spinner's must ask for the spinner's again, or
        // the spinner, the token count and the autosave all stop until the next key (a kill -9 then lost the work).
        var s = AppState.sample(prompt: "x")
        s.send(.tick(now: 10))
        s.press(.function(5))
        s.send(.tick(now: 10.15))   // the spinner steps; its next step is due at 10.25
        s.type("a")                  // token count due at 10.55, save at 11.15
        let due = s.send(.tick(now: 10.2))  // neither spinner nor tokenizer due yet: it asks again
        XCTAssertTrue(due.contains { if case .scheduleTick = $0 { true } else { false } }, "\(due)")
        let atTokenize = s.send(.tick(now: 10.55))
        XCTAssertTrue(atTokenize.contains { if case .tokenize = $0 { true } else { false } }, "\(atTokenize)")
        XCTAssertTrue(atTokenize.contains { if case .scheduleTick = $0 { true } else { false } },
                      "the spinner and the pending save still need a tick: \(atTokenize)")
    }

    func testEngineSwitchAndExternalEditor() {
        var s = AppState.sample(prompt: "draft")
        s.press(.function(4))  // F2 opens the compare screen since the modes came
        XCTAssertEqual(s.engine.id, "mistral_7B")
        XCTAssertTrue(render(s).text.contains("textsynth · mistral_7B"))
        XCTAssertEqual(s.ctrl("e"), [.openEditor("draft")])
        s.send(.editorFinished("edited in vim"))
        XCTAssertEqual(s.editor.text, "edited in vim")
        s.send(.editorFinished(nil))
        XCTAssertEqual(s.editor.text, "edited in vim")
    }

    func testHelpOverlayGolden80x24() {
        var s = sampleScreen(columns: 80, rows: 24)
        s.press(.function(1))
        GoldenFile.assertMatches(render(s), named: "help-80x24")
    }

    func testTabsErrorAndInputGolden80x24() {
        var s = AppState.sample(prompt: "List three colours:")
        s.parameters.sampling.n = 3
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " red, green, blue"))
        s.send(.streamChunk(request: .playground(1), index: 1, text: " 青, 緑, 赤 🎨"))
        s.send(.requestFailed(request: .playground(1), message: "connection lost after 2 answers", status: nil))
        s.focusPane(.output)
        s.press(.right)
        s.focusPane(.parameters)
        s.parameterCursor = 1
        s.press(.enter)
        s.press(.backspace)
        s.type("9")
        s.press(.enter)
        GoldenFile.assertMatches(render(s), named: "tabs-error-input-80x24")
    }

    func testSmallestLayoutGolden40x12() {
        var s = sampleScreen(columns: 80, rows: 24)
        s.send(.resize(columns: 40, rows: 12))
        GoldenFile.assertMatches(render(s), named: "smallest-40x12")
    }

    /// Every size from the minimum up draws all panes inside the screen, with the status bar on the last row.
    func testEverySizeDraws() {
        var s = sampleScreen(columns: 80, rows: 24)
        s.press(.function(1))
        s.press(.escape)
        for columns in [40, 41, 55, 69, 70, 71, 80, 99, 110, 140, 220] {
            for rows in [12, 13, 17, 24, 31, 40, 70] {
                s.send(.resize(columns: columns, rows: rows))
                let grid = render(s)
                XCTAssertEqual(grid.columns, columns)
                XCTAssertTrue(grid.text(ofRow: rows - 1).contains("textsynth"), "\(columns)×\(rows)")
                XCTAssertTrue(grid.text.contains("Prompt") && grid.text.contains("Output") && grid.text.contains("Parameters"))
                let l = s.layout
                for pane in Pane.allCases {
                    XCTAssertLessThanOrEqual(l.rect(of: pane).maxX, columns)
                    XCTAssertLessThanOrEqual(l.rect(of: pane).maxY, rows - 1)
                }
            }
        }
    }

    func testNarrowStackedLayoutGolden60x20() {
        var s = sampleScreen(columns: 80, rows: 24)
        s.send(.resize(columns: 60, rows: 20))
        s.focusPane(.parameters)
        GoldenFile.assertMatches(render(s), named: "narrow-60x20-parameters-focused")
    }
}
