import Foundation
import SynthKit
import TestPeer
import XCTest

final class BoosteClientTests: XCTestCase {
    var peer: TestPeer!

    override func setUpWithError() throws { peer = try TestPeer() }
    override func tearDown() { peer.shutdown() }

    func client(poll: BoostePollPolicy = BoostePollPolicy(firstCheckAfter: 0.01, multiplier: 2, maxInterval: 0.05, deadline: 5))
        -> BoosteClient {
        BoosteClient(baseURL: peer.baseURL + "/", apiKey: APIKey("booste-key-abcd"), machineID: "machine-1",
                     options: fastOptions(), poll: poll)
    }

    func testAsyncStartSendsWireFieldsExactly() async throws {
        peer.actAsBooste(taskID: "t-42")
        let params = BoosteParameters(length: 12, temperature: 0.5, windowMax: 250, modelSize: .gpt2XL)
        let id = try await client().gpt2AsyncStart(prompt: "I went on a walk", parameters: params)
        XCTAssertEqual(id, "t-42")
        let body = try XCTUnwrap(peer.requests(to: TestPeer.boosteStartPath).first?.json)
        XCTAssertEqual(body["string"] as? String, "I went on a walk")
        XCTAssertEqual(body["length"] as? String, "12")
        XCTAssertEqual(body["temperature"] as? String, "0.5")
        XCTAssertEqual(body["windowMax"] as? Int, 250)
        XCTAssertEqual(body["modelSize"] as? String, "gpt2-xl")
        XCTAssertEqual(body["apiKey"] as? String, "booste-key-abcd")
        XCTAssertEqual(body["machineID"] as? String, "machine-1")
        XCTAssertEqual(body["syncMode"] as? String, "asynchronous")
    }

    func testAsyncCheckReportsRunningThenFinished() async throws {
        peer.actAsBooste(taskID: "t-1", pendingChecks: 1, output: ["and", "then"])
        let c = client()
        let first = try await c.gpt2AsyncCheck(taskID: "t-1")
        XCTAssertEqual(first.status, .pending("Running"))
        XCTAssertNil(first.output)
        let second = try await c.gpt2AsyncCheck(taskID: "t-1")
        XCTAssertEqual(second.status, .finished)
        XCTAssertEqual(second.output, ["and", "then"])
        let body = try XCTUnwrap(peer.requests(to: TestPeer.boosteCheckPath).first?.json)
        XCTAssertEqual(body["TaskID"] as? String, "t-1")
        XCTAssertEqual(body["apiKey"] as? String, "booste-key-abcd")
    }

    func testSyncCallPollsWithBackoffUntilFinished() async throws {
        peer.actAsBooste(taskID: "t-9", pendingChecks: 3, output: ["a", "dog", "barked"])
        let waits = WaitLog()
        let poll = BoostePollPolicy(firstCheckAfter: 0.01, multiplier: 2, maxInterval: 0.03, deadline: 5,
                                    onWait: waits.record(delay:))
        let words = try await client(poll: poll).gpt2(prompt: "Suddenly", parameters: BoosteParameters(length: 3))
        XCTAssertEqual(words, ["a", "dog", "barked"])
        XCTAssertEqual(waits.delays, [0.01, 0.02, 0.03, 0.03])
        XCTAssertEqual(peer.requests(to: TestPeer.boosteCheckPath).count, 4)
        XCTAssertEqual(peer.requests(to: TestPeer.boosteStartPath).first?.json?["syncMode"] as? String, "synchronous")
    }

    func testFailedTask() async {
        peer.actAsBooste(taskID: "t-f", pendingChecks: 1, fails: true)
        do {
            _ = try await client().gpt2(prompt: "x")
            XCTFail("expected failure")
        } catch {
            XCTAssertEqual(error as? APIError, .taskFailed(taskID: "t-f"))
        }
    }

    func testDeadline() async {
        peer.actAsBooste(taskID: "t-slow", pendingChecks: 1000)
        do {
            _ = try await client(poll: BoostePollPolicy(firstCheckAfter: 0.02, multiplier: 1, maxInterval: 0.02, deadline: 0.2)).gpt2(prompt: "x")
            XCTFail("expected a timeout")
        } catch {
            guard case .timedOut? = error as? APIError else { return XCTFail("\(error)") }
        }
        // The 0.2 s deadline, not the 1,000 pending checks, ended it: checks 0.02 s apart fit ten in it (a slow
        // machine only makes fewer), plus the start request and one at the deadline.
        XCTAssertLessThanOrEqual(peer.requests.count, 12)
    }

    func testCancelWhilePolling() {
        peer.actAsBooste(taskID: "t-c", pendingChecks: 1000)
        let box = ResultBox<[String]>()
        let handle = client(poll: BoostePollPolicy(firstCheckAfter: 0.02, multiplier: 1, maxInterval: 0.02, deadline: 60))
            .generate(prompt: "x") { box.set($0) }
        XCTAssertTrue(peer.waitForRequests(3))
        handle.cancel()
        // 1,000 pending checks 0.02 s apart would take 20 s: finishing, and with .cancelled, is the cancel's doing.
        XCTAssertTrue(handle.waitUntilFinished(timeout: 10))
        XCTAssertEqual(box.value?.failure, .cancelled)
        XCTAssertLessThan(peer.requests.count, 1000)
    }

    func testErrorMessageBody() async {
        peer.route("POST", TestPeer.boosteStartPath, .json(["message": "Invalid API key"], status: 401))
        do {
            _ = try await client().gpt2AsyncStart(prompt: "x")
            XCTFail("expected failure")
        } catch {
            XCTAssertEqual(error as? APIError, .unauthorized(status: 401, message: "Invalid API key"))
        }
    }

    func testValidationBeforeSending() async {
        do {
            _ = try await client().gpt2AsyncStart(prompt: "x", parameters: BoosteParameters(temperature: 1.5))
            XCTFail("expected failure")
        } catch {
            XCTAssertEqual((error as? APIError)?.description, "Invalid request: temperature = 1.5 is out of range (allowed 0.1…1)")
        }
        XCTAssertTrue(peer.requests.isEmpty)
    }

    func testBaseURLFromEnvironment() {
        let fromEnv = BoosteClient(apiKey: APIKey("k"), machineID: "m", environment: ["BOOSTE_URL": "http://127.0.0.1:9/"])
        XCTAssertEqual(fromEnv.baseURL, "http://127.0.0.1:9/")
        XCTAssertEqual(BoosteClient(apiKey: APIKey("k"), machineID: "m", environment: [:]).baseURL, "https://api.booste.io/")
    }

    func testMachineIDPersists() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kit-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_STATE_HOME": dir.path, "HOME": "/nonexistent"]
        let first = try MachineID.loadOrCreate(environment: env)
        XCTAssertNotNil(UUID(uuidString: first))
        XCTAssertEqual(try MachineID.loadOrCreate(environment: env), first)
        XCTAssertEqual(MachineID.file(environment: env).path, dir.path + "/synthpad/machine-id")
        XCTAssertEqual(MachineID.file(environment: ["HOME": "/home/u"]).path, "/home/u/.local/state/synthpad/machine-id")
    }

    func testWireTypesDecodeBothWays() throws {
        let json = #"{"string":"hi","length":"7","temperature":"0.3","windowMax":50,"modelSize":"gpt2","apiKey":"k","machineID":"m","syncMode":"synchronous"}"#
        let request = try JSONDecoder().decode(BoosteStartRequest.self, from: Data(json.utf8))
        XCTAssertEqual(request.parameters, BoosteParameters(length: 7, temperature: 0.3, windowMax: 50))
        XCTAssertEqual(request.syncMode, .synchronous)
        XCTAssertEqual(try JSONDecoder().decode(BoosteStartRequest.self, from: WireJSON.encode(request)), request)
        let check = try JSONDecoder().decode(BoosteCheckRequest.self, from: Data(#"{"TaskID":"t","apiKey":"k","syncMode":"asynchronous"}"#.utf8))
        XCTAssertEqual(check.taskID, "t")
        let answer = BoosteCheckAnswer(status: .finished, output: ["x"])
        XCTAssertEqual(String(decoding: try WireJSON.encode(answer), as: UTF8.self), #"{"Output":["x"],"Status":"Finished"}"#)
    }
}
