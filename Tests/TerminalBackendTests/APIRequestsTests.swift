import Foundation
import SynthKit
import SynthUI
import TestPeer
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The runtime's API effects against a scripted loopback server: what comes back as events.
final class APIRequestsTests: XCTestCase {
    private func requests(_ peer: LoopbackPeer, log: EventLog, hasCredits: Bool = false,
                          transportLog: (@Sendable (String) -> Void)? = nil) -> APIRequests {
        let client = TextSynthClient(baseURL: peer.url, options: TransportOptions(log: transportLog))
        let configuration = PlaygroundConfiguration(
            backend: .textSynth(client), backendName: "textsynth", hasCredits: hasCredits)
        return APIRequests(configuration: configuration) { log.record($0) }
    }

    private func snapshot(id: Int) -> CompletionSnapshot {
        CompletionSnapshot(id: id, backend: "textsynth", engine: "gptj_6B", family: .textSynth, prompt: "Once",
                           parameters: .defaults)
    }

    func testStreamedCompletionBecomesChunksThenFinishedWithStats() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines/gptj_6B/completions": .init(pieces: [
            "{\"text\": \" upon\", \"reached_end\": false}\n\n",
            "{\"text\": \" a ti",
            "me\", \"reached_end\": false}\n\n{\"text\": \"\", \"reached_end\": true, \"input_tokens\": 1, ",
            "\"output_tokens\": 3, \"finish_reason\": \"length\"}\n\n",
        ])])
        let log = EventLog()
        let api = requests(peer, log: log)
        api.start(snapshot(id: 7), as: .playground(7))
        let events = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        XCTAssertEqual(Array(events.prefix(2)), [
            .streamChunk(request: .playground(7), index: 0, text: " upon"), .streamChunk(request: .playground(7), index: 0, text: " a time"),
        ])
        guard case .streamFinished(.playground(7), let stats) = events.last else { return XCTFail("\(events)") }
        XCTAssertEqual(stats.inputTokens, 1)
        XCTAssertEqual(stats.outputTokens, 3)
        XCTAssertEqual(stats.finishReason, "length")
        XCTAssertNotNil(stats.timeToFirstToken)
        XCTAssertGreaterThanOrEqual(stats.totalTime ?? 0, stats.timeToFirstToken ?? 0)
        XCTAssertTrue(peer.requests.first?.body.contains("\"stream\":true") ?? false, "\(peer.requests)")
    }

    func testErrorsAndTokenizeAndCredits() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gptj_6B/completions": .init(status: 401, pieces: ["{\"error\": \"invalid key\", \"status\": 401}"]),
            "/v1/engines/gptj_6B/tokenize": .init(pieces: ["{\"tokens\": [7454, 2402]}"]),
            "/v1/credits": .init(pieces: ["{\"credits\": 2500000000}"]),
        ])
        let log = EventLog()
        let api = requests(peer, log: log, hasCredits: true)
        api.start(snapshot(id: 3), as: .playground(3))
        api.tokenize(text: "Once upon", engine: "gptj_6B", purpose: .promptLength(revision: 4))
        api.refreshCredits()
        let failed: (Event) -> Bool = {
            if case .requestFailed(.playground(3), let message, 401) = $0 { message.contains("invalid key") } else { false }
        }
        // The three answers come from three threads in any order (a reachability report may come between them).
        let events = log.wait {
            $0.contains(.tokenized(.promptLength(revision: 4), tokens: [7454, 2402]))
                && $0.contains(.creditsRefreshed(2.5)) && $0.contains(where: failed)
        }
        XCTAssertTrue(events.contains(.tokenized(.promptLength(revision: 4), tokens: [7454, 2402])), "\(events)")
        XCTAssertTrue(events.contains(.creditsRefreshed(2.5)), "\(events)")
        XCTAssertTrue(events.contains(where: failed), "\(events)")
    }

    func testARequestsCostIsMeasuredFromTheBalanceOnABackendWithoutPrices() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gptj_6B/completions": .init(pieces: [
                "{\"text\": \" upon\", \"reached_end\": true, \"input_tokens\": 1, \"output_tokens\": 1}\n\n"]),
            "/v1/credits": .init(pieces: ["{\"credits\": 2500000000}"]),
        ])
        let log = EventLog()
        let api = requests(peer, log: log, hasCredits: true)
        api.refreshCredits()
        _ = log.wait { $0.contains(.creditsRefreshed(2.5)) }
        api.start(snapshot(id: 4), as: .compare(4))
        _ = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        api.finished(id: .compare(4))  // the event loop says so when the last event is dispatched
        // This peer's balance does not move: the request is measured at no cost, and attributed to its column.
        let events = log.wait { $0.contains(.creditsMeasured(request: .compare(4), change: 0)) }
        XCTAssertTrue(events.contains(.creditsMeasured(request: .compare(4), change: 0)), "\(events)")
        XCTAssertEqual(peer.requests.filter { $0.path == "/v1/credits" }.count, 2, "one ask before, one after")
    }

    /// Compare columns on several backends: each request goes to the backend its snapshot names (`--with`).
    func testARequestGoesToTheBackendItNames() throws {
        let main = try LoopbackPeer(answers: ["/v1/engines/gptj_6B/completions": .init(pieces: [
            "{\"text\": \" main\", \"reached_end\": true}\n\n"])])
        let other = try LoopbackPeer(answers: ["/v1/completions": .init(pieces: [
            "data: {\"choices\":[{\"index\":0,\"text\":\" other\",\"finish_reason\":\"stop\"}]}\n\n", "data: [DONE]\n\n"])])
        var configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: main.url)), backendName: "textsynth")
        configuration.otherBackends["llama"] = .openAI(OpenAIClient(baseURL: other.url + "/v1"))
        let log = EventLog()
        let api = APIRequests(configuration: configuration) { log.record($0) }
        api.start(snapshot(id: 1), as: .compare(1))
        var elsewhere = snapshot(id: 2)
        elsewhere.backend = "llama"
        elsewhere.engine = "qwen3-8b"
        api.start(elsewhere, as: .compare(2))
        var nowhere = snapshot(id: 3)
        nowhere.backend = "closed"
        api.start(nowhere, as: .compare(3))
        let events = log.wait { events in
            events.filter { if case .streamFinished = $0 { true } else { false } }.count == 2
        }
        XCTAssertTrue(events.contains(.streamChunk(request: .compare(1), index: 0, text: " main")), "\(events)")
        XCTAssertTrue(events.contains(.streamChunk(request: .compare(2), index: 0, text: " other")), "\(events)")
        XCTAssertTrue(events.contains(.requestFailed(request: .compare(3), message: "no backend named closed is open",
                                                     status: nil)), "\(events)")
        XCTAssertTrue(other.requests.first?.body.contains("\"model\":\"qwen3-8b\"") ?? false, "\(other.requests)")
    }

    /// An OpenAI server refusing llama.cpp's extras: the screens are told, to show those rows off.
    func testARefusedExtraFieldIsToldToTheScreens() throws {
        let peer = try LoopbackPeer(answers: ["/v1/completions": .init(status: 400, pieces: [
            "{\"error\": {\"message\": \"Unrecognized request argument supplied: top_k\", \"type\": \"invalid_request_error\"}}"])])
        let configuration = PlaygroundConfiguration(backend: .openAI(OpenAIClient(baseURL: peer.url + "/v1")),
                                                    backendName: "oa")
        let log = EventLog()
        let api = APIRequests(configuration: configuration) { log.record($0) }
        var request = snapshot(id: 1)
        request.backend = "oa"
        api.start(request, as: .playground(1))
        let events = log.wait { $0.contains { if case .requestFailed = $0 { true } else { false } } }
        XCTAssertTrue(events.contains(.parametersRefused(backend: "oa", fields: ["top_k", "typical_p", "repetition_penalty"])),
                      "\(events)")
    }

    func testARequestAsCurlNamesItsServerAndTheKeysVariable() throws {
        let client = TextSynthClient(baseURL: "https://api.textsynth.com", apiKey: APIKey("sk-secret-42"))
        let configuration = PlaygroundConfiguration(backend: .textSynth(client), backendName: "textsynth")
        let api = APIRequests(configuration: configuration) { _ in }
        let command = try XCTUnwrap(api.curl(for: snapshot(id: 1)))
        XCTAssertTrue(command.hasPrefix("curl -sS -N -X POST 'https://api.textsynth.com/v1/engines/gptj_6B/completions'"),
                      command)
        XCTAssertTrue(command.contains("$TEXTSYNTH_API_KEY"))
        XCTAssertFalse(command.contains("sk-secret-42"))
        XCTAssertTrue(command.contains("\"prompt\":\"Once\""), command)
    }

    func testCancelledRequestPostsNothingMore() throws {
        let pieces = (0..<40).map { "{\"text\": \"w\($0) \", \"reached_end\": false}\n\n" }
        let peer = try LoopbackPeer(answers: ["/v1/engines/gptj_6B/completions": .init(pieces: pieces)])
        let log = EventLog()
        // The transport logs the end of the transfer ("← failed after …: Cancelled") after its last body callback:
        // once that line is there, no chunk can follow.
        let transfer = Recorder<String>()
        let api = requests(peer, log: log, transportLog: { transfer.record($0) })
        api.start(snapshot(id: 9), as: .playground(9))
        _ = log.wait { !$0.isEmpty }
        api.cancel(id: .playground(9))
        XCTAssertTrue(transfer.waitUntil(timeout: 10) { $0.contains { $0.contains("Cancelled") } }, "\(transfer.all)")
        let events = log.all
        XCTAssertFalse(events.contains { if case .requestFailed = $0 { true } else { false } }, "a cancel is not an error")
        XCTAssertFalse(events.contains { if case .streamFinished = $0 { true } else { false } }, "\(events)")
        // The chunks that did arrive are the first pieces, in order, and the cancel reached the transport before the
        // last of the 40 pieces was sent.
        let words = events.map { event -> String in
            if case .streamChunk(.playground(9), 0, let text) = event { text } else { "unexpected \(event)" }
        }
        XCTAssertEqual(words, (0..<words.count).map { "w\($0) " })
        XCTAssertLessThan(words.count, 40)
    }

    func testBoosteAnswersWithOneChunkOfWordsThenFinished() throws {
        let peer = try LoopbackPeer(answers: [
            "/inference/pretrained/gpt2/async/start": .init(pieces: ["{\"TaskID\": \"t-1\"}"]),
            "/inference/pretrained/gpt2/async/check/v2": .init(pieces: ["{\"Status\": \"Finished\", \"Output\": [\"upon\", \"a\", \"time\"]}"]),
        ])
        let client = BoosteClient(baseURL: peer.url + "/", apiKey: APIKey("k-secret"), machineID: "m-1",
                                  poll: BoostePollPolicy(firstCheckAfter: 0.01))
        let log = EventLog()
        let api = APIRequests(configuration: PlaygroundConfiguration(backend: .booste(client), backendName: "booste")) {
            log.record($0)
        }
        var booste = BoosteParameters()
        booste.length = 3
        api.start(CompletionSnapshot(id: 5, backend: "booste", engine: "gpt2-xl", family: .booste, prompt: "Once",
                                     parameters: .defaults, booste: booste), as: .playground(5))
        let events = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        XCTAssertEqual(events.first, .streamChunk(request: .playground(5), index: 0, text: " upon a time"))
        guard case .streamFinished(.playground(5), let stats) = events.last else { return XCTFail("\(events)") }
        XCTAssertEqual(stats.outputTokens, 3, "Booste counts words")
        XCTAssertTrue(peer.requests.first?.body.contains("gpt2-xl") ?? false, "the engine picks the model size")
    }
}

/// Exports are saved beside each other, never over one another, and say where.
final class ExportsTests: XCTestCase {
    func testAnExportIsSavedAndNeverOverwritten() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("exports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["XDG_DATA_HOME": home.path]
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = Exports.save(name: "chat", fileExtension: "md", contents: Data("one".utf8), environment: environment, now: now)
        let second = Exports.save(name: "chat", fileExtension: "md", contents: Data("two".utf8), environment: environment, now: now)
        guard case .exported(let a) = first, case .exported(let b) = second else { return XCTFail("\(first) \(second)") }
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.hasPrefix(home.path + "/synthpad/exports/chat-"), a)
        XCTAssertEqual(try String(contentsOfFile: a, encoding: .utf8), "one")
        XCTAssertEqual(try String(contentsOfFile: b, encoding: .utf8), "two")
    }
}
