// `synthpad translate` checks the languages against the engine's own list when synthpad knows it, before sending.

import Foundation
import XCTest

final class TranslateLanguageCLITests: PeerCLITestCase {
    func testACodeMADLADDoesNotKnowIsRefusedBeforeAnythingIsSent() throws {
        let result = try synthpad.run(["translate", "--url", peer.baseURL, "--from", "en", "--to", "xq", "Hello"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("target_lang = \"xq\" is not a language madlad400_7B translates"), result.stderr)
        XCTAssertTrue(result.stderr.contains("its 419 codes: ") && result.stderr.contains(" kaa "), result.stderr)
        XCTAssertTrue(peer.requests.isEmpty, "nothing is sent")
    }

    /// The pad's languages are checked before the screen opens (it would show the bad code and fail line by line).
    func testThePadRefusesAWordForALanguageCode() throws {
        let result = try synthpad.run(["translate-pad", "--url", peer.baseURL, "--to", "english"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("--to \"english\" is not a language code"), result.stderr)
        let source = try synthpad.run(["translate-pad", "--url", peer.baseURL, "--from", "Fr", "--to", "es"])
        XCTAssertEqual(source.status, 64, source.stderr)
        XCTAssertTrue(source.stderr.contains("--from \"Fr\" is not a language code"), source.stderr)
        XCTAssertTrue(peer.requests.isEmpty, "no screen opened, nothing sent")
    }

    func testMADLADsOwnLanguagesBeyondM2M100GoThrough() throws {
        peer.route("/v1/engines/madlad400_7B/translate",
                   .body(#"{"translations":[{"text":"Hallo","detected_source_lang":"en"}],"input_tokens":1,"output_tokens":1}"#))
        // Karakalpak (kaa) is MADLAD-400's, not M2M100's.
        let result = try synthpad.run(["translate", "--url", peer.baseURL, "--from", "en", "--to", "kaa", "Hello"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Hallo\n")
    }

    func testM2M100IsCheckedAgainstItsOwnList() throws {
        let result = try synthpad.run(["translate", "--url", peer.baseURL, "--translation-engine", "m2m100_1_2B",
                                       "--from", "kaa", "--to", "en", "Hello"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("source_lang = \"kaa\" is not a language m2m100_1_2B translates"), result.stderr)
        XCTAssertTrue(result.stderr.contains("its 99 codes: "), result.stderr)
    }

    func testAnEngineSynthpadDoesNotKnowLeavesTheCheckToItsServer() throws {
        peer.route("/v1/engines/my_mt/translate",
                   .body(#"{"translations":[{"text":"ok","detected_source_lang":"xq"}],"input_tokens":1,"output_tokens":1}"#))
        let result = try synthpad.run(["translate", "--url", peer.baseURL, "--translation-engine", "my_mt",
                                       "--from", "xq", "--to", "en", "Hello"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(peer.requests(to: "/v1/engines/my_mt/translate").count, 1)
    }
}
