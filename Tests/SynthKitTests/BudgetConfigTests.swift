import XCTest
@testable import SynthKit
@testable import SynthWire

/// Issue #14: `[budget]` (the TUI session's cap and confirmation threshold) and `[prices]` (credits per token).
final class BudgetConfigTests: XCTestCase {
    func testBudgetAndPricesParse() throws {
        let config = try SynthConfig.parse("""
            [budget]
            session_cap = 5
            confirm_above = 0.5

            [prices]
            gptj_6B = 0.0001
            llama3_8B = 2e-4
            """, file: "config.toml", environment: [:])
        XCTAssertEqual(config.budget, Budget(sessionCap: 5, confirmAbove: 0.5,
                                             prices: ["gptj_6B": 0.0001, "llama3_8B": 0.0002]))
        XCTAssertEqual(try SynthConfig.parse("", file: "config.toml", environment: [:]).budget, Budget(),
                       "no tables: no cap, no question, no prices")
    }

    func testBadBudgetValuesAreRefusedByLine() {
        let text = """
            [budget]
            session_cap = -1
            confirm = 2

            [prices]
            gptj_6B = "cheap"
            """
        XCTAssertThrowsError(try SynthConfig.parse(text, file: "config.toml", environment: [:])) { error in
            let lines = "\(error)".split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 2, "\(error)")
            XCTAssertTrue(lines[0].hasPrefix("config.toml:3: unknown key \"confirm\" in [budget]"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("config.toml:6: gptj_6B must be a number"), lines[1])
        }
        XCTAssertThrowsError(try SynthConfig.parse("[budget]\nsession_cap = -1\n", file: "config.toml", environment: [:])) {
            XCTAssertTrue("\($0)".contains("config.toml:2: session_cap = -1.0 must be an amount of credits, 0 or more"), "\($0)")
        }
    }
}
