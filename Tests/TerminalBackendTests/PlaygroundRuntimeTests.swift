import Dispatch
import Foundation
import SynthKit
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The runtime on the headless curses screen. An extension of `TerminalScreenTests` so that every test
/// touching curses' global state stays in one serially-run class.
extension TerminalScreenTests {
    /// A backend nobody listens on: these tests never reach the network.
    private var offlineConfiguration: PlaygroundConfiguration {
        PlaygroundConfiguration(backend: .textSynth(TextSynthClient(baseURL: "http://127.0.0.1:9")), backendName: "textsynth",
                                hasCredits: false)
    }

    /// The cloud backend, never asked anything: no engine-directory probe runs at start (the offline one's refused
    /// probe and its retries post reachability events whenever they land, waking an idle loop).
    private var silentConfiguration: PlaygroundConfiguration {
        PlaygroundConfiguration(backend: .textSynth(TextSynthClient()), backendName: "textsynth", hasCredits: false)
    }

    private func makeRuntime(state: AppState? = nil, configuration: PlaygroundConfiguration? = nil) -> PlaygroundRuntime {
        let (rows, columns) = screen.size
        let initial = state ?? AppState(columns: columns, rows: rows, backendName: "textsynth",
                                        engines: EngineChoice.textSynthEngines)
        return PlaygroundRuntime(state: initial, screen: screen, configuration: configuration ?? offlineConfiguration,
                                 environment: [:], render: SynthUI.render)
    }

    /// Steps until nothing is owed (no frame, tick or escape timeout pending), at most `limit` steps.
    private func settle(_ runtime: PlaygroundRuntime, limit: Int = 50) {
        var steps = 0
        while runtime.nextDeadline() != nil, steps < limit {
            runtime.step()
            steps += 1
        }
    }

    func testRuntimeTypesIntoThePromptAndQuitsOnCtrlQ() {
        let runtime = makeRuntime()
        settle(runtime)
        XCTAssertGreaterThan(runtime.framesDrawn, 0, "the first frame is drawn at once")
        send("héllo")
        runtime.step()
        XCTAssertEqual(runtime.state.playground.editor.text, "héllo")
        send("\u{11}")  // Ctrl-Q
        while !runtime.isQuitting { runtime.step() }
        XCTAssertTrue(runtime.isQuitting)
    }

    func testIdlePlaygroundSleepsUntilSomethingHappens() {
        let runtime = makeRuntime(configuration: silentConfiguration)
        settle(runtime)
        XCTAssertNil(runtime.nextDeadline(), "idle: poll without a timeout")
        let wakesBefore = runtime.loop.wakeCount
        let inbox = runtime.loop.inbox
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.0) { inbox.post(.creditsRefreshed(12.5)) }
        let start = ContinuousClock.now
        runtime.step()
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(950))
        XCTAssertEqual(runtime.loop.wakeCount - wakesBefore, 1, "one wake-up in a quiet second: the posted event")
        XCTAssertEqual(runtime.state.credits, 12.5)
    }

    func testStreamedChunksAreCoalescedIntoAtMostSixtyFramesASecond() {
        let (rows, columns) = screen.size
        var state = AppState(columns: columns, rows: rows, backendName: "textsynth", engines: EngineChoice.textSynthEngines)
        state.playground.phase = .waiting(id: 1)
        state.playground.nextRequestID = 2
        let runtime = makeRuntime(state: state)
        settle(runtime)
        let framesBefore = runtime.framesDrawn
        let inbox = runtime.loop.inbox
        let chunks = 2000
        // A chunk every quarter millisecond for half a second, from a transport-like thread.
        let producer = Thread {
            for i in 0..<chunks {
                inbox.post(.streamChunk(request: .playground(1), index: 0, text: "w\(i) "))
                usleep(250)
            }
        }
        let start = ContinuousClock.now
        producer.start()
        while runtime.state.playground.outputs.first.map({ !$0.completion.hasSuffix("w\(chunks - 1) ") }) ?? true,
              ContinuousClock.now - start < .seconds(10) {
            runtime.step()
        }
        settle(runtime)
        let elapsed = ContinuousClock.now - start
        let frames = runtime.framesDrawn - framesBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        XCTAssertTrue(runtime.state.playground.outputs.first?.completion.hasSuffix("w\(chunks - 1) ") ?? false)
        XCTAssertLessThanOrEqual(Double(frames), seconds * 62 + 2, "\(frames) frames in \(elapsed)")
        XCTAssertGreaterThan(frames, 1)
        print("Runtime: \(chunks) chunks in \(elapsed), \(frames) frames")
    }
}

/// $EDITOR round trips on the headless screen (same class: suspend/resume touch curses).
extension TerminalScreenTests {
    func testExternalEditorReturnsTheEditedTextOrNilOnFailure() {
        screen.paint(CellGrid(columns: screen.size.columns, rows: screen.size.rows))
        let edited = ExternalEditor.edit("one two\nthree", screen: screen,
                                         environment: ["EDITOR": "sed -i s/two/2/"])
        XCTAssertEqual(edited, "one 2\nthree", "the editor's final newline is not added to the text")
        XCTAssertEqual(screen.paint(CellGrid(columns: screen.size.columns, rows: screen.size.rows)),
                       screen.size.rows * screen.size.columns, "after the editor, the whole screen is repainted")
        XCTAssertNil(ExternalEditor.edit("x", screen: screen, environment: ["EDITOR": "false"]))
        XCTAssertEqual(ExternalEditor.edit("x", screen: screen, environment: ["VISUAL": "sed -i s/x/v/", "EDITOR": "false"]),
                       "v", "VISUAL wins over EDITOR")
    }
}

/// Credits on the cloud: asked for at start and then once a minute, without waking the loop in between.
extension TerminalScreenTests {
    func testCreditsAreRefreshedAtStartAndScheduledEveryMinute() throws {
        let peer = try LoopbackPeer(answers: ["/v1/credits": .init(pieces: ["{\"credits\": 7000000000}"])])
        let (rows, columns) = screen.size
        let state = AppState(columns: columns, rows: rows, backendName: "textsynth", engines: EngineChoice.textSynthEngines)
        let configuration = PlaygroundConfiguration(backend: .textSynth(TextSynthClient(baseURL: peer.url)),
                                                    backendName: "textsynth", hasCredits: true)
        let runtime = PlaygroundRuntime(state: state, screen: screen, configuration: configuration, environment: [:],
                                        render: SynthUI.render)
        let start = ContinuousClock.now
        while runtime.state.credits == nil, ContinuousClock.now - start < .seconds(5) { runtime.step() }
        XCTAssertEqual(runtime.state.credits, 7)
        var steps = 0
        // Settle the frames and ticks the answer caused; what remains owed is the next refresh, a minute out.
        while let deadline = runtime.nextDeadline(), deadline < start + .seconds(30), steps < 50 {
            runtime.step()
            steps += 1
        }
        let next = try XCTUnwrap(runtime.nextDeadline())
        XCTAssertGreaterThan(next, start + .seconds(55))
        XCTAssertLessThanOrEqual(next, ContinuousClock.now + PlaygroundRuntime.creditsInterval)
    }
}
