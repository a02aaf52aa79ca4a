import XCTest
import SynthKit
@testable import SynthUI

/// Ctrl-P: the presets over the playground; Enter uses one, `n` saves the current parameters under a name.
final class PresetPickerTests: XCTestCase {
    func testEnterUsesThePresetsParameters() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "Once")
        s.ctrl("p")
        XCTAssertNotNil(s.playground.presetPicker)
        XCTAssertTrue(s.screen.contains("greedy"), s.screen)
        // balanced, creative, greedy, precise: balanced is the defaults, so the list starts there.
        XCTAssertEqual(s.playground.presetPicker?.highlighted, 0)
        s.press(.down)
        s.press(.down)
        let effects = s.press(.enter)
        XCTAssertNil(s.playground.presetPicker)
        XCTAssertEqual(s.parameters.sampling.topK, 1)
        XCTAssertEqual(s.parameterNotice?.text, "preset greedy")
        XCTAssertTrue(effects.contains(.scheduleTick(after: PlaygroundState.saveDelay)))
        XCTAssertEqual(s.editor.text, "Once", "the prompt is untouched")
    }

    func testSaveAsAsksTheRuntimeAndABadNameIsRefused() {
        var s = AppState.sample(columns: 100, rows: 30)
        s.parameters.sampling.temperature = 0.4
        s.ctrl("p")
        s.type("n")
        s.type("my fav")
        XCTAssertTrue(s.press(.enter).isEmpty, "a space is not allowed in a file name")
        XCTAssertEqual(s.parameterNotice?.isError, true)
        XCTAssertNotNil(s.playground.presetPicker?.newName, "the name stays to be fixed")
        for _ in 0..<4 { s.press(.backspace) }
        s.type("_1")
        XCTAssertEqual(s.playground.presetPicker?.newName?.text, "my_1")
        let effects = s.press(.enter)
        guard case .savePreset(let preset)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(preset.name, "my_1")
        XCTAssertEqual(preset.parameters.temperature, 0.4)
        XCTAssertEqual(preset.engine, "gptj_6B")
        s.send(.presetsListed(Preset.builtIn + [preset], saved: "my_1"))
        XCTAssertEqual(s.playground.presets.count, 5)
        XCTAssertTrue(s.parameterNotice?.text.contains("saved preset my_1") ?? false)
    }

    func testAQuestionMarkInTheNameIsText() {
        var s = AppState.sample()
        s.ctrl("p")
        s.type("n")
        s.type("?")
        XCTAssertFalse(s.showHelp)
        XCTAssertEqual(s.playground.presetPicker?.newName?.text, "?")
        s.press(.escape)
        XCTAssertNil(s.playground.presetPicker?.newName)
        s.press(.escape)
        XCTAssertNil(s.playground.presetPicker)
    }

    func testGolden100x30() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "The three best things about mornings are")
        s.ctrl("p")
        s.press(.down)
        GoldenFile.assertMatches(render(s), named: "presets-100x30")
    }

}

/// Sampling fields a backend refused (OpenAI's cloud has no top_k) show off in the playground while its engine runs.
final class RefusedParameterTests: XCTestCase {
    func testRefusedRowsAreOffOnlyForThatBackend() {
        let other = EngineChoice(id: "gpt-4o-mini", displayName: "gpt-4o-mini · oa", contextLength: 8192,
                                 family: .textSynth, backend: "oa")
        var s = AppState.sample(engines: EngineChoice.textSynthEngines + [other])
        s.send(.parametersRefused(backend: "oa", fields: ["top_k", "typical_p", "repetition_penalty"]))
        XCTAssertTrue(s.parameterRows.allSatisfy(\.enabled), "the main backend's engine keeps every row")
        while s.engine.backend != "oa" { s.press(.function(4)) }
        let off = s.parameterRows.filter { !$0.enabled }.compactMap { row -> String? in
            if case .slider(let spec) = row.row { spec.wireName } else { nil }
        }
        XCTAssertEqual(off, ["top_k", "typical_p", "repetition_penalty"])
        s.press(.function(4))
        XCTAssertTrue(s.parameterRows.allSatisfy(\.enabled))
    }
}
