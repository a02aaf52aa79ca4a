import XCTest
@testable import SynthKit
@testable import SynthWire

/// Issue #9 (smoothing): one config error hid the next, and a default backend without its table gave no hint.
final class ConfigProblemsTests: XCTestCase {
    func testEveryProblemIsReportedAtOnceInLineOrder() {
        let text = """
            default_backend = "cloud"
            theme = 3
            colour = "red"

            [parameters]
            top_k = 0
            """
        XCTAssertThrowsError(try SynthConfig.parse(text, file: "config.toml", environment: [:])) { error in
            let lines = "\(error)".split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 4, "\(error)")
            XCTAssertTrue(lines[0].hasPrefix("config.toml:1: default_backend \"cloud\" is not a configured backend"), lines[0])
            XCTAssertTrue(lines[0].contains("add a [backends.cloud] table"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("config.toml:2: theme must be a string"), lines[1])
            XCTAssertTrue(lines[2].hasPrefix("config.toml:3: unknown key \"colour\""), lines[2])
            XCTAssertTrue(lines[3].hasPrefix("config.toml:6: [parameters] top_k = 0"), lines[3])
        }
    }

    func testTheReadmesSampleConfigParses() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "```toml\n"))
        let end = try XCTUnwrap(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let config = try SynthConfig.parse(String(readme[start.upperBound..<end.lowerBound]), file: "README.md",
                                           environment: [:])
        XCTAssertEqual(config.defaultBackend, "cloud")
        XCTAssertEqual(config.parameters.maxTokens, 200)
        XCTAssertEqual(config.budget.sessionCap, 5)
        XCTAssertEqual(config.budget.prices["gptj_6B"], 0.0001)
    }
}

/// Issue #11: the config adds engines without a release.
final class ConfigEnginesTests: XCTestCase {
    func testEnginesFromTheConfigJoinTheCatalogue() throws {
        let config = try SynthConfig.parse("""
            [engines.qwen3_32B]
            name = "Qwen 3 32B"
            context_length = 32768
            chat = true

            [engines.gptj_6B]
            context_length = 4096
            """, file: "config.toml", environment: [:])
        let qwen = try XCTUnwrap(config.knownEngines.first { $0.id == "qwen3_32B" })
        XCTAssertEqual(qwen.displayName, "Qwen 3 32B")
        XCTAssertEqual(qwen.contextLength, 32768)
        XCTAssertTrue(qwen.isChat)
        XCTAssertEqual(qwen.capability, .completion)
        XCTAssertEqual(config.knownEngines.filter { $0.id == "gptj_6B" }.map(\.contextLength), [4096], "the config wins")
        XCTAssertThrowsError(try SynthConfig.parse("[engines.x]\nkind = \"video\"\n", file: "c.toml", environment: [:])) {
            XCTAssertTrue("\($0)".contains("kind \"video\" is unknown"), "\($0)")
        }
    }
}
