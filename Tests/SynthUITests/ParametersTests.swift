import XCTest
import SynthKit
@testable import SynthUI

final class ParametersTests: XCTestCase {
    func row(of s: AppState, wireName: String) -> Int {
        s.parameterRows.firstIndex { if case .slider(let spec) = $0.row { return spec.wireName == wireName } else { return false } }!
    }

    func testFineAndCoarseStepsAndClamping() {
        var s = AppState.sample()
        s.focusPane(.parameters)
        s.parameterCursor = row(of: s, wireName: "top_p")
        s.press(.right)
        XCTAssertEqual(s.parameters.sampling.topP, 0.91, accuracy: 1e-9)
        s.press(.left)
        s.press(.left)
        XCTAssertEqual(s.parameters.sampling.topP, 0.89, accuracy: 1e-9)
        s.press(.right, .shift)
        XCTAssertEqual(s.parameters.sampling.topP, 0.99, accuracy: 1e-9)
        s.press(.pageUp)
        XCTAssertEqual(s.parameters.sampling.topP, 1, "clamped at the top of the range")
        for _ in 0..<20 { s.press(.pageDown) }
        XCTAssertEqual(s.parameters.sampling.topP, 0, "clamped at the bottom")
        s.press(.character("r"))
        XCTAssertEqual(s.parameters.sampling.topP, 0.9, "r resets to the default")

        s.parameterCursor = row(of: s, wireName: "top_k")
        s.press(.left)
        XCTAssertEqual(s.parameters.sampling.topK, 39)
        s.press(.pageUp)
        XCTAssertEqual(s.parameters.sampling.topK, 49)
        s.press(.up)
        XCTAssertEqual(s.parameterCursor, row(of: s, wireName: "temperature"))
        s.press(.right)
        XCTAssertEqual(s.parameters.sampling.temperature, 1.05, accuracy: 1e-9)
        s.press(.character("R"))
        XCTAssertEqual(s.parameters.sampling, .defaults)
    }

    func testTypedValueAcceptedOrRejectedWithRange() {
        var s = AppState.sample()
        s.focusPane(.parameters)
        s.parameterCursor = row(of: s, wireName: "top_p")
        s.press(.enter)
        XCTAssertNotNil(s.parameterInput)
        s.ctrl("u")
        s.type("1.5")
        s.press(.enter)
        XCTAssertEqual(s.parameters.sampling.topP, 0.9, "out of range: unchanged")
        XCTAssertNotNil(s.parameterInput, "the input stays open to fix the value")
        XCTAssertEqual(s.parameterNotice?.isError, true)
        XCTAssertTrue(s.parameterNotice!.text.contains("0…1"), s.parameterNotice!.text)
        XCTAssertEqual(s.parameterNotice?.text, "1.5 rejected: Top-p must be 0…1")
        let footer = render(s).text.split(separator: "\n").suffix(5).joined()
        XCTAssertTrue(footer.contains("1.5 rejected: Top-p must be") && footer.contains("0…1"), footer)
        s.press(.backspace)
        s.press(.backspace)
        s.press(.backspace)
        s.type("0.5")
        s.press(.enter)
        XCTAssertNil(s.parameterInput)
        XCTAssertEqual(s.parameters.sampling.topP, 0.5)

        // Typing a digit opens the input directly; integers must be whole.
        s.parameterCursor = row(of: s, wireName: "top_k")
        s.type("2.5")
        s.press(.enter)
        XCTAssertTrue(s.parameterNotice!.text.contains("1…1000"))
        XCTAssertEqual(s.parameters.sampling.topK, 40)
        s.press(.escape)
        XCTAssertNil(s.parameterInput)
        s.type("x")  // not a number key: nothing opens
        XCTAssertNil(s.parameterInput)
    }

    func testStopStringsAtMostFive() {
        var s = AppState.sample()
        s.focusPane(.parameters)
        s.parameterCursor = s.parameterRows.firstIndex { $0.row == .stopStrings }!
        for i in 0..<5 {
            s.press(.enter)
            s.type("END\(i)")
            s.press(.enter)
        }
        XCTAssertEqual(s.parameters.sampling.stop, ["END0", "END1", "END2", "END3", "END4"])
        s.press(.enter)
        XCTAssertNil(s.parameterInput)
        XCTAssertEqual(s.parameterNotice?.isError, true)
        s.press(.delete)
        XCTAssertEqual(s.parameters.sampling.stop.count, 4)
        s.press(.enter)
        s.type("\\n\\n")
        s.press(.enter)
        XCTAssertEqual(s.parameters.sampling.stop.last, "\n\n")
    }

    func testLogitBiasWordTokenizedThenBiased() {
        var s = AppState.sample()
        s.focusPane(.parameters)
        s.parameterCursor = s.parameterRows.firstIndex { $0.row == .logitBiasWord }!
        s.press(.enter)
        s.type("Paris")
        let effects = s.press(.enter)
        XCTAssertEqual(effects.first, .tokenize(text: "Paris", engine: "gptj_6B", purpose: .biasWord("Paris")))
        s.send(.tokenized(.biasWord("Paris"), tokens: [40313, 271]))
        XCTAssertEqual(s.parameters.sampling.logitBias, [40313: 0, 271: 0])
        XCTAssertTrue(render(s).text.contains("40313, 271"))
        s.press(.down)
        guard case .biasEntry(let token) = s.playground.selectedParameterRow!.row else { return XCTFail("expected a bias row") }
        XCTAssertEqual(token, 271)
        s.press(.pageDown)
        s.press(.left)
        XCTAssertEqual(s.parameters.sampling.logitBias[271], -11)
        s.press(.enter)
        s.ctrl("u")
        s.type("-150")
        s.press(.enter)
        XCTAssertTrue(s.parameterNotice!.text.contains("-100…100"))
        s.ctrl("u")
        s.type("-100")
        s.press(.enter)
        XCTAssertEqual(s.parameters.sampling.logitBias[271], -100)
        s.press(.delete)
        XCTAssertNil(s.parameters.sampling.logitBias[271])
        XCTAssertNoThrow(try s.parameters.sampling.validate())
    }

    func testBoosteEngineDisablesWhatItDoesNotTake() {
        var s = AppState(backendName: "booste", engines: EngineChoice.boosteEngines, engine: "gpt2-xl", prompt: "Hello")
        let enabled = s.parameterRows.filter(\.enabled).map(\.row)
        XCTAssertEqual(enabled, ParameterSpec.booste.map { .slider($0) })
        s.focusPane(.parameters)
        for _ in 0..<10 { s.press(.down) }
        XCTAssertEqual(s.parameterCursor, 2, "the cursor never lands on a disabled row")
        s.press(.up)
        s.press(.right)  // temperature 0.8 → 0.85
        XCTAssertEqual(s.parameters.booste.temperature, 0.85, accuracy: 1e-9)
        for _ in 0..<10 { s.press(.pageUp) }
        XCTAssertEqual(s.parameters.booste.temperature, 1, "Booste's temperature stops at 1")
        let grid = render(s)
        let list = s.layout.parameterList
        let disabledRow = list.y + 4
        XCTAssertEqual(grid[list.x + 2, disabledRow].style.role, .disabled)
        let effects = s.press(.function(5))
        guard case .startCompletion(_, let snap) = effects.first else { return XCTFail() }
        XCTAssertEqual(snap.family, .booste)
        XCTAssertEqual(snap.booste?.modelSize, .gpt2XL)
        XCTAssertEqual(snap.booste?.temperature, 1)
    }

    func testDraggingASlider() {
        var s = AppState.sample()
        let list = s.layout.parameterList
        let g = SliderGeometry(x: list.x, width: list.width)
        let r = row(of: s, wireName: "top_p")
        s.send(.mouse(MouseEvent(.press, x: g.barX + g.barWidth - 1, y: list.y + r)))
        XCTAssertEqual(s.focus, .parameters)
        XCTAssertEqual(s.parameterCursor, r)
        XCTAssertEqual(s.parameters.sampling.topP, 1)
        s.send(.mouse(MouseEvent(.drag, x: g.barX - 1, y: list.y + r + 3)))
        XCTAssertEqual(s.parameters.sampling.topP, 0, "dragging keeps moving the grabbed slider")
        s.send(.mouse(MouseEvent(.release, x: g.barX, y: list.y + r)))
        s.send(.mouse(MouseEvent(.drag, x: g.barX + g.barWidth, y: list.y + r)))
        XCTAssertEqual(s.parameters.sampling.topP, 0, "no drag after release")
    }

    func testRunSnapshotsParameters() {
        var s = AppState.sample(prompt: "Go")
        s.parameters.sampling.temperature = 0.3
        let effects = s.press(.function(5))
        guard case .startCompletion(_, let snap) = effects.first else { return XCTFail() }
        XCTAssertEqual(snap.prompt, "Go")
        XCTAssertEqual(snap.engine, "gptj_6B")
        XCTAssertEqual(snap.parameters.temperature, 0.3)
        XCTAssertTrue(effects.contains(.scheduleTick(after: AppState.spinnerInterval)))
        XCTAssertEqual(s.press(.character("r"), .control), [], "a second run waits for the first")
    }

    func testBoosteCountsWordsLocally() {
        var s = AppState(backendName: "booste", engines: EngineChoice.boosteEngines, engine: "gpt2")
        s.send(.tick(now: 1))
        s.type("three little words")
        let effects = s.send(.tick(now: 5))
        XCTAssertFalse(effects.contains { if case .tokenize = $0 { return true } else { return false } })
        XCTAssertEqual(s.promptTokens, 3)
        XCTAssertTrue(render(s).text.contains("Prompt · 3/1024 words"))
    }
}
