// Booste's GPT-2 async API on the local model: start, poll, words.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class BoosteEndpointTests: XCTestCase {
    func testAsyncStartThenCheckUntilFinished() async throws {
        let (server, port) = try await SharedModel.startServer { $0.apiKey = "booste-key" }
        let start = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/start", json: [
            "string": "I went on a walk and suddenly, I", "length": "6", "temperature": "0.8", "windowMax": 4,
            "modelSize": "gpt2", "apiKey": "booste-key", "machineID": UUID().uuidString, "syncMode": "asynchronous",
        ])
        XCTAssertEqual(start.status, 200, start.text)
        let taskID = try XCTUnwrap(try start.json()["TaskID"] as? String)

        var answer: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(20)
        repeat {
            let check = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/check/v2",
                                                       json: ["TaskID": taskID, "apiKey": "booste-key"])
            XCTAssertEqual(check.status, 200, check.text)
            answer = try check.json()
            if answer["Status"] as? String == "Started" {
                XCTAssertEqual(answer["TaskID"] as? String, taskID)
                try await Task.sleep(nanoseconds: 50_000_000)
            }
        } while answer["Status"] as? String == "Started" && Date() < deadline
        await server.shutdown()
        XCTAssertEqual(answer["Status"] as? String, "Finished")
        let words = try XCTUnwrap(answer["Output"] as? [String])
        XCTAssertEqual(words.count, 6, "\(words)")
        XCTAssertTrue(words.allSatisfy { !$0.isEmpty && !$0.contains(" ") }, "\(words)")
    }

    func testSynchronousModeAnswersWithTheWordsAndErrorsAreMessages() async throws {
        let (server, port) = try await SharedModel.startServer()
        let sync = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/start", json: [
            "string": "The weather today is", "length": 3, "temperature": 0.5, "syncMode": "synchronous",
        ])
        let invalid = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/start", json: [
            "string": "Hi", "length": "3", "temperature": "1.5",
        ])
        let unknown = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/check/v2",
                                                     json: ["TaskID": "no-such-task"])
        await server.shutdown()
        XCTAssertEqual(sync.status, 200, sync.text)
        XCTAssertEqual(try sync.json()["Status"] as? String, "Finished")
        XCTAssertEqual((try sync.json()["Output"] as? [String])?.count, 3)
        XCTAssertNotNil(try sync.json()["TaskID"] as? String)
        XCTAssertEqual(invalid.status, 400)
        XCTAssertTrue((try invalid.json()["message"] as? String ?? "").contains("temperature"), invalid.text)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertNotNil(try unknown.json()["message"] as? String)
    }

    /// SmolLM2 writes digits one token each: continuing π uses up a round's tokens inside one "word". Booste's
    /// GPT-2 still answers with `length` words (the CI failure "1 word for 3" was this).
    func testADigitRunLongerThanARoundStillGivesEveryWord() async throws {
        let (server, port) = try await SharedModel.startServer()
        var counts: [Int] = []
        // Before the fix, both answered with one word of 200+ digits.
        let pi = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651"
        for temperature in [0.1, 0.1] {
            let answer = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/start", json: [
                "string": pi, "length": 3, "temperature": temperature,
                "syncMode": "synchronous",
            ])
            XCTAssertEqual(answer.status, 200, answer.text)
            counts.append((try answer.json()["Output"] as? [String])?.count ?? -1)
        }
        await server.shutdown()
        XCTAssertEqual(counts, [3, 3])
    }

    func testAWordStartsWithSpaceAndHoldsMore() {
        XCTAssertTrue(BoosteGeneration.startsAWord(Array(" the".utf8)))
        XCTAssertTrue(BoosteGeneration.startsAWord(Array("\nThe".utf8)))
        XCTAssertFalse(BoosteGeneration.startsAWord(Array("the".utf8)))
        XCTAssertFalse(BoosteGeneration.startsAWord(Array("5".utf8)))
        XCTAssertFalse(BoosteGeneration.startsAWord(Array("\n\n".utf8)))
        XCTAssertFalse(BoosteGeneration.startsAWord([]))
    }

    func testWindowKeepsTheMostRecentWords() {
        XCTAssertEqual(BoosteGeneration.window("a b  c\nd e", windowMax: 3), "c d e")
        XCTAssertEqual(BoosteGeneration.window("a b", windowMax: 100), "a b")
    }
}
