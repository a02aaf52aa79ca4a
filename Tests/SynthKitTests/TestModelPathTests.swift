import Foundation
import TestPeer
import XCTest

/// The one place the test targets find the model (TestPeer's `TestModel`) looks where `make model` puts it.
final class TestModelPathTests: XCTestCase {
    func testAnExplicitModelWins() {
        XCTAssertEqual(TestModel.path(environment: ["SYNTHPAD_MODEL": "/m.gguf", "XDG_CACHE_HOME": "/c"]), "/m.gguf")
    }

    func testTheCacheFollowsXDGCacheHome() {
        XCTAssertEqual(TestModel.path(environment: ["XDG_CACHE_HOME": "/c", "SYNTHPAD_MODEL": ""]),
                       "/c/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf")
    }

    func testWithoutEitherItIsUnderTheHomeCache() {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        XCTAssertEqual(TestModel.path(environment: [:]), home + "/.cache/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf")
    }
}
