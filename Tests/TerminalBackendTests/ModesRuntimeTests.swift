import Foundation
import SynthKit
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The runtime's side of the compare screen and the scratchpad: translations, the server's language pairs,
/// the clipboard sequence, the modes' file, and the start-up state the commands ask for.
final class ModesRuntimeTests: XCTestCase {
    private func requests(_ peer: LoopbackPeer, log: EventLog) -> APIRequests {
        let configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: peer.url)), backendName: "local", hasCredits: false)
        return APIRequests(configuration: configuration) { log.record($0) }
    }

    func testTranslationsComeBackWithTheirRequestIDs() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/apertium/translate": .init(pieces: [
                "{\"translations\": [{\"text\": \"Hola\", \"detected_source_lang\": \"en\"}]}",
            ]),
            "/v1/engines/nothing/translate": .init(status: 400, pieces: ["{\"error\": \"unknown engine\", \"status\": 400}"]),
        ])
        let log = EventLog()
        let api = requests(peer, log: log)
        api.translate(.translate(1), engine: "apertium", request: TranslateRequest(text: ["Hello"], sourceLang: "en",
                                                                                 targetLang: "es"))
        api.translate(.translate(2), engine: "nothing", request: TranslateRequest(text: ["Hello"], targetLang: "es"))
        let events = log.wait { $0.count == 2 }
        XCTAssertTrue(events.contains(.translated(request: .translate(1), answer: TranslateAnswer(
            translations: [.init(text: "Hola", detectedSourceLang: "en")]))), "\(events)")
        XCTAssertTrue(events.contains {
            if case .requestFailed(.translate(2), _, 400) = $0 { return true }
            return false
        }, "\(events)")
    }

    func testTheServersLanguagePairsAndPriceReachTheScreens() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines": .init(pieces: ["""
            {"engines": [{"id": "smollm2_135M", "kind": "completion", "credits_per_token": 1000000},
                         {"id": "apertium", "kind": "translation", "language_pairs": ["en-es", "es-en", "en-fr"],
                          "credits_per_token": 2000000}]}
            """])])
        let log = EventLog()
        requests(peer, log: log).loadEngineDirectory(translation: true)
        let events = log.wait { $0.count == 5 }
        XCTAssertEqual(events, [
            .backendReachability(problem: nil),
            .enginesListed([EngineChoice(id: "smollm2_135M", displayName: "smollm2_135M", contextLength: 1024,
                                         family: .textSynth, givesTokenLogprobs: false)]),
            .image(.setAvailability(.unavailable(Self.noImageEngine(peer)))),
            .tokenPriceListed(TokenPrice(perInputToken: 0.001, perOutputToken: 0.001)),
            .translate(.setBackend(
                name: "local", engine: "apertium",
                support: .pairs([LanguagePair("en", "es"), LanguagePair("es", "en"), LanguagePair("en", "fr")]),
                price: TokenPrice(perInputToken: 0.002, perOutputToken: 0.002))),
        ])
    }

    func testAServerThatNamesNoPriceLeavesCreditsToMeasuredChanges() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines": .init(pieces: ["""
            {"engines": [{"id": "smollm2_135M", "kind": "completion"}]}
            """])])
        let log = EventLog()
        requests(peer, log: log).loadEngineDirectory(translation: false)
        let deadline = Date(timeIntervalSinceNow: 5)
        while peer.requests.isEmpty, Date() < deadline { usleep(5_000) }
        XCTAssertEqual(peer.requests.map(\.path), ["/v1/engines"])
        XCTAssertEqual(log.wait(timeout: 0.3) { $0.count > 3 }, [
            .backendReachability(problem: nil),
            .enginesListed([EngineChoice(id: "smollm2_135M", displayName: "smollm2_135M", contextLength: 1024,
                                         family: .textSynth, givesTokenLogprobs: false)]),
            .image(.setAvailability(.unavailable(Self.noImageEngine(peer)))),
        ], "the server answered with its engine; no price, no translation engine asked for, no image engine")
    }

    /// What the image screen says about a server whose engine list has no image engine.
    static func noImageEngine(_ peer: LoopbackPeer) -> String {
        "local at \(peer.url) lists no image engine; images come from TextSynth's cloud (set TEXTSYNTH_API_KEY, "
            + "or --backend textsynth) or a server with one (--url URL)"
    }

    func testClipboardSendsOSC52AndKeepsTheText() throws {
        XCTAssertEqual(TerminalClipboard.osc52("Hola"), "\u{1B}]52;c;SG9sYQ==\u{07}")
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        defer { close(pipeEnds[0]) }
        let clipboard = TerminalClipboard(output: pipeEnds[1])
        clipboard.copy("Buenos días\nHola")
        close(pipeEnds[1])
        let written = FileHandle(fileDescriptor: pipeEnds[0]).readDataToEndOfFile()
        XCTAssertEqual(String(decoding: written, as: UTF8.self), TerminalClipboard.osc52("Buenos días\nHola"))
        XCTAssertEqual(clipboard.text, "Buenos días\nHola")
    }

    func testModesAreSavedBesideTheSession() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sessionPath = directory.appendingPathComponent("session.json").path
        XCTAssertEqual(SessionSaver.modesPath(besides: sessionPath), directory.appendingPathComponent("session.modes.json").path)
        var state = AppState(backendName: "local", engines: EngineChoice.textSynthEngines, prompt: "Once")
        state.switchMode(to: .compare)
        _ = update(state: &state, event: .translate(.setSourceText("Hello")))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let saver = SessionSaver(path: sessionPath)
        saver.save(state.modesSession)
        XCTAssertNil(saver.finish())
        XCTAssertEqual(SessionSaver.loadModes(besides: sessionPath), state.modesSession)
    }

    func testStartUpStateFollowsTheCommand() {
        var configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: "http://127.0.0.1:9")), backendName: "local", hasCredits: false)
        configuration.initialMode = .compare
        configuration.compareColumns = 4
        configuration.prompt = "Three facts about cats:"
        configuration.translationEngine = "apertium"
        configuration.padSourceLanguage = "en"
        configuration.padTargetLanguage = "es"
        var state = Playground.initialState(configuration: configuration, session: nil, size: (rows: 40, columns: 120))
        Playground.setUpModes(&state, configuration: configuration, saved: nil)
        XCTAssertEqual(state.mode, .compare)
        XCTAssertEqual(state.compare?.columns.count, 4)
        XCTAssertEqual(state.compare?.focusedColumn, 0)
        XCTAssertEqual(state.compare?.prompt, "Three facts about cats:")
        XCTAssertEqual(state.playground.editor.text, "Three facts about cats:")
        XCTAssertEqual(state.translatePad.engine, "apertium")
        XCTAssertEqual(state.translatePad.backend, "local")
        XCTAssertEqual([state.translatePad.sourceLang, state.translatePad.targetLang], ["en", "es"])
        XCTAssertEqual(state.compare?.viewRect, Rect(x: 0, y: 0, width: 120, height: 39))
    }

    func testAFreshPlaygroundStartsFromTheConfiguredParametersAndASessionKeepsItsOwn() {
        var configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: "http://127.0.0.1:9")), backendName: "local", hasCredits: false)
        var defaults = SamplingParameters.defaults
        defaults.maxTokens = 77
        defaults.temperature = 0.3
        defaults.stop = ["\n\n"]
        configuration.defaultParameters = defaults
        let fresh = Playground.initialState(configuration: configuration, session: nil, size: (rows: 40, columns: 120))
        XCTAssertEqual(fresh.playground.parameters.sampling, defaults)
        XCTAssertEqual(CompareVariant(playground: fresh.playground).parameters.maxTokens, 77, "compare columns start from them too")

        var saved = fresh
        saved.playground.parameters.sampling.maxTokens = 12
        let restored = Playground.initialState(configuration: configuration, session: saved.session,
                                               size: (rows: 40, columns: 120))
        XCTAssertEqual(restored.playground.parameters.sampling.maxTokens, 12)
    }
}

/// Issue #11: `--engine fast` on a self-hosted server runs "fast", not the catalogue's first engine.
final class ConfiguredEngineTests: XCTestCase {
    func testAnEngineTheCatalogueDoesNotKnowIsOfferedAndChosen() {
        var configuration = PlaygroundConfiguration(backend: .textSynth(TextSynthClient(baseURL: "http://127.0.0.1:9")),
                                                    backendName: "lab", engine: "fast")
        configuration.sessionPath = nil
        let state = Playground.initialState(configuration: configuration, session: nil, size: (rows: 40, columns: 120))
        XCTAssertEqual(state.playground.engine.id, "fast")
        XCTAssertTrue(state.playground.engines.contains { $0.id == "gptj_6B" }, "the catalogue is still offered")
    }
}
